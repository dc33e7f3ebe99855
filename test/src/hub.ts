import { loadGatewayConfig } from "@wsis/gateway/config";
import { inRepoSubgraphs, packageNameOf, readRegistry, subgraphUrlsAt, urlVariable } from "@wsis/gateway/registry";
import { createGateway, type GatewayServer } from "@wsis/gateway/server";
import { CALLER_JWKS_PATH, createLogger, loadSubgraphModule, remoteCallerKeys } from "@wsis/shared";
import {
  createSeededDatabase,
  freePort,
  postGraphQL,
  startTestSubgraph,
  type GraphQLResponse,
  type TestDatabase,
  type TestSubgraph,
} from "@wsis/shared/testing";
import { makeTestKeys, type TestKeyFiles } from "./keys";

export interface TestHub {
  url: string;
  baseUrl: string;
  gateway: GatewayServer;
  /** The in-repo subgraphs of the registry, by name. */
  subgraphs: Record<string, TestSubgraph<unknown>>;
  database: TestDatabase;
  /** The gateway's caller signing keys (CALLER_SIGNING_KEYS_FILE): rotate them, then `gateway.reload()`. */
  keys: TestKeyFiles;
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** SQL statements sent by all subgraphs while `fn` runs. */
  countStatements(fn: () => Promise<unknown>): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The whole hub as it runs in production, for one test file: one fresh database (each subgraph in its own schema,
 * migrated and seeded: a copy of the run's template),
 * every in-repo subgraph of the registry (supergraph.yaml) on its own port, and the gateway over the committed
 * supergraph, talking real HTTP. The subgraphs verify the caller with the gateway's public keys, fetched from its
 * /.well-known/jwks.json on the first signed request (they start before it, as they may in production). Subgraphs run
 * by others (no workspace in the registry) point to a closed port.
 */
export async function startHub(
  options: {
    gatewayEnv?: Record<string, string>;
    databaseName?: string;
    jwks?: { cooldownMs?: number; maxAgeMs?: number };
  } = {},
): Promise<TestHub> {
  const registry = readRegistry();
  const entries = inRepoSubgraphs(registry);
  const modules = await Promise.all(entries.map((entry) => loadSubgraphModule(packageNameOf(entry), entry.name)));
  // A copy of the run's database with every in-repo subgraph migrated and seeded (built once per run).
  const { database, seedResults } = await createSeededDatabase(modules, { label: options.databaseName ?? "hub" });
  const keys = makeTestKeys();
  const gatewayPort = await freePort();
  const callerKeys = remoteCallerKeys(`http://127.0.0.1:${gatewayPort}${CALLER_JWKS_PATH}`, options.jwks);
  const subgraphs: Record<string, TestSubgraph<unknown>> = {};
  for (const module of modules) {
    subgraphs[module.name] = await startTestSubgraph(module, {
      databaseUrl: database.url,
      seeded: { seedResult: seedResults[module.schema] },
      callerKeys,
    });
  }
  const env = {
    ...subgraphUrlsAt("http://127.0.0.1:1/graphql", registry),
    ...Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [urlVariable(name), s.url])),
  };
  // GATEWAY_SINGLE_FETCH_PASSTHROUGH=false (and SUBGRAPH_EXECUTION=graphql-js, read by each subgraph) run the suite on
  // Apollo's own execution of every plan, or with graphql-js's execution in the subgraphs.
  const passthrough = process.env.GATEWAY_SINGLE_FETCH_PASSTHROUGH
    ? { GATEWAY_SINGLE_FETCH_PASSTHROUGH: process.env.GATEWAY_SINGLE_FETCH_PASSTHROUGH }
    : {};
  const config = loadGatewayConfig({
    ...env,
    ...passthrough,
    CALLER_SIGNING_KEYS_FILE: keys.privateFile,
    NODE_ENV: "test",
    ...options.gatewayEnv,
  });
  const gateway = await createGateway(config, createLogger("gateway", process.env.TEST_LOG_LEVEL ?? "silent"));
  const port = await gateway.listen(gatewayPort);
  const baseUrl = `http://127.0.0.1:${port}`;
  const total = () => Object.values(subgraphs).reduce((n, s) => n + s.counter.count, 0);
  return {
    url: `${baseUrl}/graphql`,
    baseUrl,
    gateway,
    subgraphs,
    database,
    keys,
    query: (query, variables, headers) => postGraphQL(`${baseUrl}/graphql`, query, variables, headers),
    countStatements: async (fn) => {
      const before = total();
      await fn();
      return total() - before;
    },
    stop: async () => {
      await gateway.stop();
      for (const s of Object.values(subgraphs)) await s.stop();
      await database.drop();
    },
  };
}
