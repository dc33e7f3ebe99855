import type { DataSource } from "typeorm";
import {
  createCallerVerifier,
  derivedCallerSigningKey,
  localCallerKeys,
  publicJwks,
  TEST_CALLER_AUDIENCE,
  type CallerKeys,
} from "../auth/caller";
import { connectDataSource, migrate, type CountingOrmLogger, type ReplicaOptions } from "../database";
import { createLogger } from "../logger";
import type { SubgraphModule } from "../runner";
import { freePort } from "../net";
import { postGraphQL, type GraphQLResponse } from "./graphql-client";
import { createSeededDatabase } from "./template-database";
import type { TestDatabase } from "./test-database";

/**
 * The text the tests' caller key is derived from: `callerHeaders(caller, TEST_INTERNAL_SECRET)` signs a caller that a
 * test subgraph accepts (see `TEST_CALLER_AUDIENCE`); any other text signs one it refuses.
 */
export const TEST_INTERNAL_SECRET = "wsis-hub-test-internal-secret-0123456789";

/** The public key of the tests' caller key: what a test subgraph trusts unless told otherwise. */
export const testCallerKeys = (): CallerKeys =>
  localCallerKeys(publicJwks([derivedCallerSigningKey(TEST_INTERNAL_SECRET)]));

export interface TestSubgraph<S> {
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  port: number;
  database: TestDatabase;
  dataSource: DataSource;
  counter: CountingOrmLogger;
  seedResult: S;
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** Runs `fn` and returns how many SQL statements the subgraph sent meanwhile. */
  countStatements(fn: () => Promise<unknown>): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts one subgraph as it runs in production — a fresh database, its migrations, its seed, and its HTTP server on a
 * free port — for one test file. The fresh database is a copy of the run's migrated and seeded template
 * (`createSeededDatabase`); with `databaseUrl` (another server, or a database the caller shares between subgraphs) the
 * migrations and the seed run here, unless `seeded` says that the database already holds them (with the seed's
 * result). `stop()` closes the server and the pool and drops the database it made.
 */
export async function startTestSubgraph<S>(
  module: SubgraphModule<S>,
  options: {
    seed?: boolean;
    databaseUrl?: string;
    seeded?: { seedResult: S };
    callerKeys?: CallerKeys;
    replicas?: ReplicaOptions;
  } = {},
): Promise<TestSubgraph<S>> {
  let database: TestDatabase;
  let seeded = options.seeded;
  if (options.databaseUrl) {
    database = { url: options.databaseUrl, name: "(shared)", drop: async () => undefined };
  } else {
    const copy = await createSeededDatabase([module], { seed: options.seed });
    database = copy.database;
    seeded = { seedResult: copy.seedResults[module.schema] as S };
  }
  const log = createLogger(module.name, process.env.TEST_LOG_LEVEL ?? "silent");
  let { dataSource, counter } = module.createDataSource(database.url, { log, poolSize: 5 });
  let seedResult: S;
  if (seeded) {
    await connectDataSource(dataSource);
    seedResult = seeded.seedResult;
  } else {
    await migrate(dataSource, module.schema);
    seedResult = options.seed === false ? (undefined as S) : await module.seed(dataSource);
  }
  if (options.replicas) {
    // Migrated and seeded on the primary alone (as `npm run migrate` does); the server reads from the replicas.
    await dataSource.destroy();
    ({ dataSource, counter } = module.createDataSource(database.url, { log, poolSize: 5, replicas: options.replicas }));
    await dataSource.initialize();
  }
  // Callers signed for this subgraph by the given keys (a gateway's), or by the tests' key for the tests' audience.
  const callers = createCallerVerifier({
    keys: options.callerKeys ?? testCallerKeys(),
    audiences: [module.name, TEST_CALLER_AUDIENCE],
  });
  const server = await module.createServer({ dataSource, log, callers });
  const port = await server.listen(await freePort());
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    url,
    port,
    database,
    dataSource,
    counter,
    seedResult,
    query: (query, variables, headers) => postGraphQL(url, query, variables, headers),
    countStatements: async (fn) => {
      const before = counter.count;
      await fn();
      return counter.count - before;
    },
    stop: async () => {
      await server.stop();
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.drop();
    },
  };
}
