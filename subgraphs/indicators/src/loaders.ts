import { AuditLogReader, sourceByIdLoader, type RequestContext } from "@wsis/shared";
import type { DataSource } from "typeorm";
import { datasetLoaders } from "./dataset/dataset.loaders";
import { economyLoaders } from "./economy/economy.loaders";
import { indicatorLoaders } from "./indicator/indicator.loaders";
import { observationLoaders } from "./observation/observation.loaders";
import { observationQueries } from "./observation/observation.queries";
import { readChanges } from "./changes/changes";
import { revisionLoaders } from "./observation/observation-revision";
import { auditTrail } from "./publishing/audit";
import { publishingCommands } from "./publishing/commands";
import { scheduledLoaders } from "./publishing/scheduled.loaders";
import { qualityLoaders } from "./quality/quality.loaders";
import { regionalLoaders } from "./regional/regional.loaders";
import { releaseLoaders, releaseNumberAt } from "./release/release.loaders";

/** Fresh loaders for one request: nothing is cached across requests. */
export function createLoaders(ds: DataSource) {
  return {
    sourceById: sourceByIdLoader(ds),
    ...economyLoaders(ds),
    ...indicatorLoaders(ds),
    ...datasetLoaders(ds),
    ...observationLoaders(ds),
    ...regionalLoaders(ds),
    ...observationQueries(ds),
    ...releaseLoaders(ds),
    ...revisionLoaders(ds),
    ...qualityLoaders(ds),
    ...scheduledLoaders(ds),
    releaseNumberAt: (datasetId: string, moment: Date) => releaseNumberAt(ds, datasetId, moment),
    changes: (args: Parameters<typeof readChanges>[1]) => readChanges(ds, args),
    /** The writes (publish, withdraw, import — at once or scheduled; cancelScheduledRelease), each in its own transaction. */
    publications: publishingCommands(ds, auditTrail),
    /** The audit trail (auditLog { indicators }), admin scope only. */
    auditLog: new AuditLogReader(ds),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = RequestContext<Loaders>;
