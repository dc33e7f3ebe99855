import "reflect-metadata";
import { Client } from "pg";
import { DataSource, type MixedList, type EntitySchema } from "typeorm";
import type { Logger } from "../logger";
import { CountingOrmLogger } from "./query-counter";
import { ReplicaSet, type ReplicaOptions } from "./replicas";

export interface SubgraphDatabaseOptions {
  url: string;
  /** The PostgreSQL schema this subgraph owns; its tables and its migrations table live there. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  applicationName?: string;
  log?: Logger;
  /** Keep the last N statements for diagnosis (tests). */
  keepRecentStatements?: number;
  /** Read replicas (DATABASE_REPLICA_URLS): reads go to them, writes to `url` (see `ReplicaSet`). */
  replicas?: ReplicaOptions;
}

/** What a subgraph's `create…DataSource(url, options)` accepts besides its URL. */
export type DataSourceExtras = Pick<SubgraphDatabaseOptions, "log" | "poolSize" | "keepRecentStatements" | "replicas">;

/**
 * A subgraph's database connection: its TypeORM DataSource (not yet connected) and the statement counter every query
 * goes through. (The gateway's `SubgraphHttpSource` is unrelated: how the gateway calls a subgraph over HTTP.)
 */
export interface SubgraphDatabase {
  dataSource: DataSource;
  counter: CountingOrmLogger;
}

/**
 * One DataSource per subgraph process: its own PostgreSQL schema, its own migrations table, never `synchronize`.
 * Errors of idle pooled connections (a restarted server, a terminated backend) are logged, not thrown, so the
 * process survives and the pool opens new connections on the next query.
 */
export function createSubgraphDatabase(options: SubgraphDatabaseOptions): SubgraphDatabase {
  const counter = new CountingOrmLogger(options.log, options.keepRecentStatements ?? 0);
  const dataSource = new DataSource({
    type: "postgres",
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: "migrations",
    migrationsTransactionMode: "all",
    synchronize: false,
    migrationsRun: false,
    logger: counter,
    maxQueryExecutionTime: 1000,
    applicationName: options.applicationName ?? `wsis-${options.schema}`,
    poolSize: options.poolSize ?? 10,
    extra: {
      // Unqualified names in hand-written SQL (migrations, seeds, set-based reads) resolve to this subgraph's schema.
      options: `-c search_path=${options.schema}`,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
      // TCP keep-alive: a connection whose server went away without a word (a restarted host) is noticed and replaced.
      keepAlive: true,
    },
    poolErrorHandler: (error: Error) =>
      options.log?.warn({ err: error.message }, "database pool: a connection was lost; it will be replaced"),
  });
  if (options.replicas && options.replicas.urls.length > 0) {
    new ReplicaSet(
      options.url,
      { poolSize: options.poolSize, ...options.replicas },
      { searchPath: options.schema, applicationName: options.applicationName ?? `wsis-${options.schema}` },
      options.log,
    ).attach(dataSource);
  }
  return { dataSource, counter };
}

export async function connectDataSource(dataSource: DataSource): Promise<DataSource> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  return dataSource;
}

/** Creates the subgraph's schema (migrations need it before their own table exists) and runs pending migrations. */
export async function migrate(dataSource: DataSource, schema: string): Promise<string[]> {
  const url = (dataSource.options as { url?: string }).url;
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } finally {
    await client.end();
  }
  await connectDataSource(dataSource);
  const ran = await dataSource.runMigrations({ transaction: "all" });
  return ran.map((m) => m.name);
}
