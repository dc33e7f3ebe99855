import { subgraphServerFactory, type CacheHints } from "@wsis/shared";
import { createServices } from "./context";
import { createLoaders } from "./loaders";
import { buildEventsSchema, SUBGRAPH_NAME } from "./schema";

/** Events change when an organising agency edits them: cacheable for five minutes; the audit trail never. */
export const CACHE_HINTS: CacheHints = { defaultMaxAge: 300, types: { AuditLog: 0 } };

/** Builds the events subgraph server; it does not listen (index.ts does). */
export const createServer = subgraphServerFactory({
  name: SUBGRAPH_NAME,
  buildSchema: buildEventsSchema,
  createLoaders,
  createServices,
  cacheHints: CACHE_HINTS,
});
