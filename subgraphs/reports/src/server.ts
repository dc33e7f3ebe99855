import { subgraphServerFactory, type CacheHints } from "@wsis/shared";
import { createServices } from "./context";
import { createLoaders } from "./loaders";
import { buildReportsSchema, SUBGRAPH_NAME } from "./schema";

/** Reports move through their workflow: cacheable for five minutes; the audit trail never. */
export const CACHE_HINTS: CacheHints = { defaultMaxAge: 300, types: { AuditLog: 0 } };

/** Builds the reports subgraph server; it does not listen (index.ts does). */
export const createServer = subgraphServerFactory({
  name: SUBGRAPH_NAME,
  buildSchema: buildReportsSchema,
  createLoaders,
  createServices,
  cacheHints: CACHE_HINTS,
});
