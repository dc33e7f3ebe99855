import { sourceByIdLoader } from "@wsis/shared";
import type { DataSource } from "typeorm";
import { eventLoaders } from "./event/event.loaders";
import { trackLoaders } from "./track/roadmap-track.loaders";

/** Fresh DataLoaders for one request (keyed batch reads only): nothing is cached across requests. */
export function createLoaders(ds: DataSource) {
  return {
    sourceById: sourceByIdLoader(ds),
    ...eventLoaders(ds),
    ...trackLoaders(ds),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
