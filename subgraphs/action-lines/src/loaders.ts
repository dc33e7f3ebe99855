import { AuditLogReader, sourceByIdLoader, type RequestContext } from "@wsis/shared";
import type { DataSource } from "typeorm";
import { actionLineLoaders } from "./action-line/action-line.loaders";
import { agencyLoaders } from "./agency/agency.loaders";
import { matrixLoaders } from "./matrix/matrix.loaders";
import { sdgLoaders } from "./sdg/sdg.loaders";

/** Fresh loaders for one request: nothing is cached across requests. */
export function createLoaders(ds: DataSource) {
  return {
    sourceById: sourceByIdLoader(ds),
    ...agencyLoaders(ds),
    ...actionLineLoaders(ds),
    ...sdgLoaders(ds),
    ...matrixLoaders(ds),
    auditLog: new AuditLogReader(ds),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = RequestContext<Loaders>;
