import { buildSubgraphSchema } from "@apollo/subgraph";
import {
  createCallerVerifier,
  createLogger,
  createSubgraphServer,
  localCallerKeys,
  publicJwks,
  type SubgraphServer,
} from "@wsis/shared";
import { parse } from "graphql";
import type { DataSource } from "typeorm";
import { readKeyFile } from "../src/caller-keys";
import { testKeyFile } from "./keys";

/**
 * A subgraph of the tests' own (an SDL and its resolvers, no database) served by the hub's real subgraph server, which
 * verifies the gateway's signed caller like every subgraph; listening on a free port.
 */
export async function startStubSubgraph(options: {
  name: string;
  sdl: string;
  resolvers: object;
  cacheHints?: { defaultMaxAge: number };
}): Promise<{ server: SubgraphServer; url: string }> {
  const server = await createSubgraphServer({
    name: options.name,
    schema: buildSubgraphSchema({ typeDefs: parse(options.sdl), resolvers: options.resolvers as never }),
    dataSource: { query: async () => [] } as unknown as DataSource,
    log: createLogger(options.name, "silent"),
    callers: createCallerVerifier({
      keys: localCallerKeys(publicJwks([readKeyFile(testKeyFile()).signing])),
      audiences: [options.name],
    }),
    createLoaders: () => ({}),
    ...(options.cacheHints ? { cacheHints: options.cacheHints } : {}),
  });
  return { server, url: `http://127.0.0.1:${await server.listen(0)}/graphql` };
}
