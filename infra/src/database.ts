import { Client } from "pg";
import {
  describeDatabaseUrl,
  EmbeddedPostgresAccessError,
  probeDatabase,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from "@wsis/shared";
import type { StartConfig } from "./config";

export interface HubDatabase {
  url: string;
  description: string;
  stop(): Promise<void>;
}

/** The operator's DATABASE_URL when set (it must answer), or the embedded server with its data kept across restarts. */
export async function provideDatabase(config: StartConfig, log: (line: string) => void): Promise<HubDatabase> {
  if (config.databaseUrl) {
    const problem = await probeDatabase(config.databaseUrl);
    if (problem)
      throw new Error(`DATABASE_URL (${describeDatabaseUrl(config.databaseUrl)}) is unreachable: ${problem}`);
    return {
      url: config.databaseUrl,
      description: describeDatabaseUrl(config.databaseUrl),
      stop: async () => undefined,
    };
  }
  log(`starting the embedded PostgreSQL (data in ${config.embeddedDataDir}, port ${config.embeddedPort})`);
  let handle: EmbeddedPostgresHandle;
  try {
    handle = await startEmbeddedPostgres({
      dataDir: config.embeddedDataDir,
      port: config.embeddedPort,
      persistent: true,
    });
  } catch (error) {
    if (error instanceof EmbeddedPostgresAccessError) throw error;
    throw new Error(
      `${(error as Error).message}. Is port ${config.embeddedPort} taken? Set EMBEDDED_PG_PORT, or DATABASE_URL to use your own server.`,
    );
  }
  try {
    await ensureDatabase(handle.url, config.embeddedDatabase);
  } catch (error) {
    await handle.stop();
    throw error;
  }
  const url = new URL(handle.url);
  url.pathname = `/${config.embeddedDatabase}`;
  return {
    url: url.toString(),
    description: `embedded PostgreSQL on 127.0.0.1:${handle.port}`,
    stop: () => handle.stop(),
  };
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}
