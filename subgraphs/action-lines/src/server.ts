import { subgraphServerFactory, type CacheHints } from "@wsis/shared";
import { createServices } from "./context";
import { createLoaders } from "./loaders";
import { buildActionLinesSchema, SUBGRAPH_NAME } from "./schema";

/**
 * Everything this subgraph serves is reference data that changes only with a new release of its sources (the SDG
 * framework, the WSIS action lines and their matrix, the agencies): cacheable for a day by the gateway and clients.
 */
export const CACHE_HINTS: CacheHints = { defaultMaxAge: 86400, types: { AuditLog: 0 } };

/** Builds the action-lines subgraph server; it does not listen (index.ts does). */
export const createServer = subgraphServerFactory({
  name: SUBGRAPH_NAME,
  buildSchema: buildActionLinesSchema,
  createLoaders,
  createServices,
  cacheHints: CACHE_HINTS,
});
