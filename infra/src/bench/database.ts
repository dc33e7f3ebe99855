import { readFileSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { describeDatabaseUrl, EmbeddedPostgresAccessError, probeDatabase, startEmbeddedPostgres } from "@wsis/shared";
import type { Scale } from "./options";

/** The PostgreSQL server the benchmark databases live on. */
export interface BenchServer {
  /** A connection to a maintenance database (`postgres`), to create and drop the benchmark databases. */
  adminUrl: string;
  description: string;
  /** The postmaster's process id, when the benchmark started the server (to account for its CPU). */
  postmasterPid?: number;
  stop(): Promise<void>;
}

/** Only these names are ever created or dropped: never the `wsis` database of `npm start`, never a test database. */
export const benchDatabaseName = (scale: Scale): string => `wsis_bench_${scale.toLowerCase()}`;
const SAFE_NAME = /^wsis_bench_[sml]$/;

export async function provideBenchServer(
  options: { databaseUrl?: string; embeddedPort: number; embeddedDataDir: string },
  say: (line: string) => void,
): Promise<BenchServer> {
  if (options.databaseUrl) {
    const problem = await probeDatabase(options.databaseUrl);
    if (problem)
      throw new Error(`BENCH_DATABASE_URL (${describeDatabaseUrl(options.databaseUrl)}) is unreachable: ${problem}`);
    return {
      adminUrl: options.databaseUrl,
      description: describeDatabaseUrl(options.databaseUrl),
      stop: async () => undefined,
    };
  }
  say(
    `starting an embedded PostgreSQL for the benchmark on 127.0.0.1:${options.embeddedPort} (throw-away data in ${options.embeddedDataDir})`,
  );
  // persistent: false — the data directory is removed on stop, and durability is off (fsync), as for tests: the data is
  // regenerated on every run. The hub's own server (npm start, .data/postgres) is not touched.
  const handle = await startEmbeddedPostgres({
    dataDir: options.embeddedDataDir,
    port: options.embeddedPort,
    persistent: false,
  }).catch((error: Error) => {
    if (error instanceof EmbeddedPostgresAccessError) throw error;
    throw new Error(
      `${error.message}. Is port ${options.embeddedPort} taken? Set BENCH_PG_PORT, or BENCH_DATABASE_URL to use a server of yours.`,
    );
  });
  let postmasterPid: number | undefined;
  try {
    postmasterPid =
      Number(readFileSync(path.join(options.embeddedDataDir, "postmaster.pid"), "utf8").split("\n")[0]) || undefined;
  } catch {
    postmasterPid = undefined;
  }
  return {
    adminUrl: handle.url,
    description: `embedded PostgreSQL on 127.0.0.1:${handle.port} (fsync off)`,
    postmasterPid,
    stop: () => handle.stop(),
  };
}

/** The URL of `database` on the server of `adminUrl`. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops (if present) and creates a benchmark database. */
export async function recreateBenchDatabase(adminUrl: string, name: string): Promise<string> {
  if (!SAFE_NAME.test(name)) throw new Error(`refusing to recreate "${name}": not a benchmark database name`);
  await withAdmin(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
    await client.query(
      `COMMENT ON DATABASE "${name}" IS 'WSIS Hub benchmark (npm run bench): real reference data plus synthetic observations; safe to drop'`,
    );
  });
  return databaseUrl(adminUrl, name);
}

export async function dropBenchDatabase(adminUrl: string, name: string): Promise<void> {
  if (!SAFE_NAME.test(name)) throw new Error(`refusing to drop "${name}": not a benchmark database name`);
  await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export async function serverVersion(adminUrl: string): Promise<string> {
  return withAdmin(adminUrl, async (client) => {
    const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
    return rows[0].server_version;
  });
}

export interface DatabaseFacts {
  observations: number;
  syntheticObservations: number;
  tableBytes: number;
}

export async function databaseFacts(url: string, syntheticDataset: string): Promise<DatabaseFacts> {
  return withAdmin(url, async (client) => {
    const { rows } = await client.query<{ all: string; synthetic: string; bytes: string }>(
      `SELECT (SELECT count(*) FROM indicators.observation) AS all,
              (SELECT count(*) FROM indicators.observation WHERE dataset_id = $1) AS synthetic,
              -- observation is partitioned by dataset: its own size is 0, its partitions hold the rows and indexes
              (SELECT coalesce(sum(pg_total_relation_size(relid)), 0) FROM pg_partition_tree('indicators.observation')) AS bytes`,
      [syntheticDataset],
    );
    return {
      observations: Number(rows[0].all),
      syntheticObservations: Number(rows[0].synthetic),
      tableBytes: Number(rows[0].bytes),
    };
  });
}

/** One partition of `indicators.observation` (partitioned by dataset): rows, heap and index bytes, each index's size. */
export interface PartitionSize {
  name: string;
  rows: number;
  tableBytes: number;
  indexBytes: number;
  indexes: Array<{ name: string; bytes: number }>;
}

/** The partitions of the observation table and their sizes (pg_relation_size, pg_indexes_size). */
export async function storageFacts(url: string): Promise<PartitionSize[]> {
  return withAdmin(url, async (client) => {
    const { rows } = await client.query<{ name: string; relid: string; table: string; indexes: string }>(
      `SELECT c.relname AS name, t.relid::oid::text AS relid,
              pg_relation_size(t.relid) AS table, pg_indexes_size(t.relid) AS indexes
         FROM pg_partition_tree('indicators.observation') t
         JOIN pg_class c ON c.oid = t.relid
        WHERE t.isleaf
        ORDER BY pg_relation_size(t.relid) DESC`,
    );
    const out: PartitionSize[] = [];
    for (const r of rows) {
      const { rows: counted } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM indicators."${r.name.replace(/"/g, '""')}"`,
      );
      const { rows: idx } = await client.query<{ name: string; bytes: string }>(
        `SELECT c.relname AS name, pg_relation_size(i.indexrelid) AS bytes
           FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE i.indrelid = $1::oid ORDER BY c.relname`,
        [r.relid],
      );
      out.push({
        name: r.name,
        rows: Number(counted[0].n),
        tableBytes: Number(r.table),
        indexBytes: Number(r.indexes),
        indexes: idx.map((i) => ({ name: i.name, bytes: Number(i.bytes) })),
      });
    }
    return out;
  });
}
