import { sourceByIdLoader } from "@wsis/shared";
import type { DataSource } from "typeorm";
import { actionLineLoaders } from "./action-line/action-line.loaders";
import { agencyLoaders } from "./agency/agency.loaders";
import { matrixLoaders } from "./matrix/matrix.loaders";
import { sdgLoaders } from "./sdg/sdg.loaders";
import { ungisLoaders } from "./ungis/ungis.loaders";

/** Fresh DataLoaders for one request (keyed batch reads, and memos of small lists): nothing is cached across requests. */
export function createLoaders(ds: DataSource) {
  return {
    sourceById: sourceByIdLoader(ds),
    ...agencyLoaders(ds),
    ...actionLineLoaders(ds),
    ...sdgLoaders(ds),
    ...matrixLoaders(ds),
    ...ungisLoaders(ds),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
