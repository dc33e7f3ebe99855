import { actionLinesModule } from "@wsis/action-lines";
import { eventsModule } from "@wsis/events";
import { indicatorsModule } from "@wsis/indicators";
import { reportsModule } from "@wsis/reports";
import { loadGatewayConfig } from "@wsis/gateway/config";
import { createGateway, type GatewayServer } from "@wsis/gateway/server";
import { SUBGRAPHS } from "@wsis/gateway/subgraphs";
import { createLogger, type SubgraphModule } from "@wsis/shared";
import {
  createTestDatabase,
  freePort,
  postGraphQL,
  startTestSubgraph,
  TEST_INTERNAL_SECRET,
  type GraphQLResponse,
  type TestDatabase,
  type TestSubgraph,
} from "@wsis/shared/testing";

/** Every subgraph module, by its supergraph name. */
export const MODULES: Record<string, SubgraphModule> = {
  "action-lines": actionLinesModule,
  events: eventsModule,
  indicators: indicatorsModule,
  reports: reportsModule,
};

export interface TestHub {
  url: string;
  baseUrl: string;
  gateway: GatewayServer;
  subgraphs: Record<string, TestSubgraph<unknown>>;
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** SQL statements sent by all subgraphs while `fn` runs. */
  countStatements(fn: () => Promise<unknown>): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The whole hub as it runs in production, for one test file: one fresh database (each subgraph in its own schema),
 * every subgraph on its own port, and the gateway over the committed supergraph, talking real HTTP.
 */
export async function startHub(): Promise<TestHub> {
  const database: TestDatabase = await createTestDatabase("hub");
  const subgraphs: Record<string, TestSubgraph<unknown>> = {};
  for (const s of SUBGRAPHS) {
    const module = MODULES[s.name];
    if (!module) throw new Error(`no module registered for subgraph ${s.name} in test/src/hub.ts`);
    subgraphs[s.name] = await startTestSubgraph(module, { databaseUrl: database.url });
  }
  const env = Object.fromEntries(SUBGRAPHS.map((s) => [s.urlVariable, subgraphs[s.name].url]));
  const config = loadGatewayConfig({ ...env, HUB_INTERNAL_SECRET: TEST_INTERNAL_SECRET, NODE_ENV: "test" });
  const gateway = await createGateway(config, createLogger("gateway", process.env.TEST_LOG_LEVEL ?? "silent"));
  const port = await gateway.listen(await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const total = () => Object.values(subgraphs).reduce((n, s) => n + s.counter.count, 0);
  return {
    url: `${baseUrl}/graphql`,
    baseUrl,
    gateway,
    subgraphs,
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
