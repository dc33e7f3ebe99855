import { chmod, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { EmbeddedPostgresAccessError, startEmbeddedPostgres, type EmbeddedPostgresHandle } from "../database/embedded";
import { probeDatabase } from "../database/wait";
import { freePort } from "../net";
import { pingRedis } from "./redis";
import { newTestRunId } from "./template-database";

declare global {
  var __WSIS_EMBEDDED_PG__: EmbeddedPostgresHandle | undefined;
}

/**
 * Jest global setup: use TEST_DATABASE_URL when it is set (CI points it at the machine's server); otherwise start a
 * throw-away embedded PostgreSQL, as a new user without any server has. Test files then make their own databases
 * (copies of the run's seeded templates, dropped by the global teardown).
 */
export default async function globalSetup(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = "true";
  // The run's id: its migrated and seeded template databases are named after it (see template-database.ts).
  process.env.WSIS_TEST_RUN = newTestRunId();
  const redisUrl = process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379";
  if (await pingRedis(redisUrl)) {
    process.env.WSIS_TEST_REDIS_URL = redisUrl;
  } else if (process.env.REQUIRE_REDIS === "1") {
    throw new Error(`REQUIRE_REDIS=1 but no Redis answers at ${redisUrl}`);
  } else {
    process.stderr.write(
      `note: no Redis at ${redisUrl}; the tests of the Redis-backed cache do not run (set TEST_REDIS_URL)\n`,
    );
  }
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    const problem = await probeDatabase(given);
    if (problem) throw new Error(`TEST_DATABASE_URL is set but the server does not answer: ${problem}`);
    return;
  }
  const parent = await mkdtemp(path.join(tmpdir(), "wsis-test-pg-"));
  // As root, the server runs as the `postgres` user, who must be able to enter the directory.
  await chmod(parent, 0o755);
  const dataDir = path.join(parent, "data");
  let handle: EmbeddedPostgresHandle;
  try {
    handle = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  } catch (error) {
    if (!(error instanceof EmbeddedPostgresAccessError)) throw error;
    // One line that says what to do, instead of a stack trace from jest's global setup.
    process.stderr.write(`error: ${error.message}\n`);
    process.exit(1);
  }
  globalThis.__WSIS_EMBEDDED_PG__ = handle;
  process.env.TEST_DATABASE_URL = handle.url;
  process.env.WSIS_TEST_EMBEDDED = "1";
}
