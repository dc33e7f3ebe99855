import { subgraphServerFactory, type CacheHints } from "@wsis/shared";
import { createServices } from "./context";
import { createLoaders } from "./loaders";
import { buildStocktakingSchema, SUBGRAPH_NAME } from "./schema";

/**
 * Published entries change when a moderator publishes one: cacheable for a minute; the prizes change rarely (an hour);
 * the audit trail never. A request that carries a caller (who may see unpublished entries) is never cached.
 */
export const CACHE_HINTS: CacheHints = { defaultMaxAge: 60, types: { PrizeCycle: 3600, AuditLog: 0 } };

/** Builds the stocktaking subgraph server; it does not listen (index.ts does). */
export const createServer = subgraphServerFactory({
  name: SUBGRAPH_NAME,
  buildSchema: buildStocktakingSchema,
  createLoaders,
  createServices,
  cacheHints: CACHE_HINTS,
});
