import { subgraphServerFactory, type CacheHints } from "@wsis/shared";
import { createServices } from "./context";
import { createLoaders } from "./loaders";
import { auditTrail } from "./publishing/audit";
import { releaseClockFor } from "./publishing/commands";
import { buildIndicatorsSchema, SUBGRAPH_NAME } from "./schema";

/**
 * Economies, indicators and datasets are reference data (a day); observations change with each published release
 * (five minutes); what changed since a moment, and the audit trail, are never cached.
 */
export const CACHE_HINTS: CacheHints = {
  defaultMaxAge: 86400,
  types: {
    Observation: 300,
    ObservationConnection: 300,
    ObservationSeries: 300,
    RegionalFigures: 300,
    Dataset: 300,
    DatasetRelease: 300,
    IndicatorDataset: 300,
    ObservationChangeConnection: 0,
    AuditLog: 0,
  },
};

/** Builds the indicators subgraph server; it does not listen (index.ts does). */
export const createServer = subgraphServerFactory({
  name: SUBGRAPH_NAME,
  buildSchema: buildIndicatorsSchema,
  createLoaders,
  createServices,
  cacheHints: CACHE_HINTS,
  // Scheduled (embargoed) releases are published at their moment by whichever process polls first; answers are never
  // cached past the next such moment.
  createBackground: ({ dataSource, log }) => releaseClockFor(dataSource, auditTrail, log),
});
