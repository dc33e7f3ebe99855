import { sourceByIdLoader } from "@wsis/shared";
import type { DataSource } from "typeorm";
import { entryLoaders } from "./entry/entry.loaders";
import { prizeLoaders } from "./prize/prize.loaders";

/** Fresh DataLoaders for one request (keyed batch reads, and a memo of the cycles): nothing is cached across requests. */
export function createLoaders(ds: DataSource) {
  return {
    sourceById: sourceByIdLoader(ds),
    ...entryLoaders(ds),
    ...prizeLoaders(ds),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
