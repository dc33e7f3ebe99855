import { createHash, randomBytes } from "node:crypto";
import { migrate } from "../database";
import { createLogger } from "../logger";
import type { SubgraphModule } from "../runner";
import { createTestDatabase, databaseUrl, type TestDatabase, withAdmin } from "./test-database";

/**
 * Migrating and seeding a subgraph is the dearest step of a test file's setup (the indicators seed alone writes over
 * 100,000 observations and runs the quality rules). A jest run therefore migrates and seeds each set of subgraphs once,
 * into a template database, and every test file gets its own fresh copy of it (`CREATE DATABASE ... TEMPLATE`): the
 * same rows as a seed of its own, in its own database, at the cost of a file copy. The templates belong to the run
 * (`WSIS_TEST_RUN`, set by the global setup): built on first use, dropped by the global teardown.
 */

/** The seed result of each subgraph in a seeded copy, by schema; `undefined` where it was only migrated. */
export type SeedResults = Record<string, unknown>;

export interface SeededDatabase {
  database: TestDatabase;
  seedResults: SeedResults;
}

const TEMPLATE_PREFIX = "wsis_tpl_";

function runId(): string {
  const id = process.env.WSIS_TEST_RUN;
  if (!id) throw new Error("WSIS_TEST_RUN is not set: run the tests through jest (its global setup provides it)");
  return id;
}

/** A new id for a jest run: the templates' names start with it. */
export const newTestRunId = (): string => randomBytes(4).toString("hex");

function templateName(modules: SubgraphModule[], seed: boolean): string {
  const key = `${modules.map((m) => `${m.name}:${m.schema}`).join(",")};seed=${seed}`;
  return `${TEMPLATE_PREFIX}${runId()}_${createHash("sha256").update(key).digest("hex").slice(0, 12)}`;
}

/** Migrates (and seeds) each module into its own schema of a new database, as `npm run migrate` does. */
async function buildTemplate(name: string, modules: SubgraphModule[], seed: boolean): Promise<void> {
  const building = `${name}_building_${randomBytes(3).toString("hex")}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${building}"`));
  const url = databaseUrl(building);
  const seedResults: SeedResults = {};
  try {
    for (const module of modules) {
      const log = createLogger(module.name, process.env.TEST_LOG_LEVEL ?? "silent");
      const { dataSource } = module.createDataSource(url, { log, poolSize: 5 });
      try {
        await migrate(dataSource, module.schema);
        seedResults[module.schema] = seed ? await module.seed(dataSource) : undefined;
      } finally {
        if (dataSource.isInitialized) await dataSource.destroy();
      }
    }
    const comment = JSON.stringify(seedResults).replace(/'/g, "''");
    await withAdmin(async (c) => {
      await c.query(`COMMENT ON DATABASE "${building}" IS '${comment}'`);
      // Renamed only once complete: a template under its final name is always whole.
      await c.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
    });
  } catch (error) {
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`));
    throw error;
  }
}

/**
 * A fresh database of its own for the caller, holding the given subgraphs migrated (and seeded unless `seed` is
 * false), each in its own schema; `drop()` removes it. The first call of a run for a set of subgraphs builds its
 * template (one jest worker at a time: the others wait on an advisory lock, then copy it).
 */
export async function createSeededDatabase(
  modules: SubgraphModule[],
  options: { label?: string; seed?: boolean } = {},
): Promise<SeededDatabase> {
  const seed = options.seed !== false;
  const template = templateName(modules, seed);
  const lockKey = createHash("sha256").update(template).digest().readInt32BE(0);
  await withAdmin(async (c) => {
    await c.query("SELECT pg_advisory_lock($1)", [lockKey]);
    try {
      const found = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
      if (found.rowCount === 0) await buildTemplate(template, modules, seed);
    } finally {
      await c.query("SELECT pg_advisory_unlock($1)", [lockKey]);
    }
  });
  const database = await createTestDatabase(
    options.label ?? (modules.length === 1 ? modules[0].schema : "hub"),
    template,
  );
  const seedResults = await withAdmin(async (c) => {
    const row = await c.query<{ comment: string | null }>(
      "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1",
      [template],
    );
    return JSON.parse(row.rows[0]?.comment ?? "{}") as SeedResults;
  });
  return { database, seedResults };
}

/** Drops the templates of this run (the global teardown calls it). */
export async function dropRunTemplates(id: string): Promise<void> {
  await withAdmin(async (c) => {
    const found = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [
      `${TEMPLATE_PREFIX}${id}\\_%`,
    ]);
    for (const { datname } of found.rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
