import { createSubgraphServer, type Logger, type SubgraphServer } from "@wsis/shared";
import type { DataSource } from "typeorm";
import { createLoaders } from "./loaders";
import { buildIndicatorsSchema, SUBGRAPH_NAME } from "./schema";

export interface ServerDeps {
  dataSource: DataSource;
  log: Logger;
  internalSecret: string;
}

/** Builds the indicators subgraph server; it does not listen (index.ts does). */
export async function createServer(deps: ServerDeps): Promise<SubgraphServer> {
  const { schema } = await buildIndicatorsSchema();
  return createSubgraphServer({
    name: SUBGRAPH_NAME,
    schema,
    dataSource: deps.dataSource,
    log: deps.log,
    internalSecret: deps.internalSecret,
    createLoaders: () => createLoaders(deps.dataSource),
  });
}
