import { createSubgraphServer, type CacheHints, type Logger, type SubgraphServer } from "@wsis/shared";
import type { DataSource } from "typeorm";
import { createLoaders } from "./loaders";
import { buildActionLinesSchema, SUBGRAPH_NAME } from "./schema";

export interface ServerDeps {
  dataSource: DataSource;
  log: Logger;
  internalSecret: string;
}

/**
 * Everything this subgraph serves is reference data that changes only with a new release of its sources (the SDG
 * framework, the WSIS action lines and their matrix, the agencies): cacheable for a day by the gateway and clients.
 */
export const CACHE_HINTS: CacheHints = { defaultMaxAge: 86400, types: { AuditLog: 0 } };

/** Builds the action-lines subgraph server; it does not listen (index.ts does). */
export async function createServer(deps: ServerDeps): Promise<SubgraphServer> {
  const { schema } = await buildActionLinesSchema();
  return createSubgraphServer({
    name: SUBGRAPH_NAME,
    schema,
    dataSource: deps.dataSource,
    log: deps.log,
    internalSecret: deps.internalSecret,
    createLoaders: () => createLoaders(deps.dataSource),
    cacheHints: CACHE_HINTS,
  });
}
