import { Client } from "pg";

/**
 * Synthetic observations for scales M and L: set-based (INSERT ... SELECT over generate_series, one statement per
 * million rows), into their own dataset `synthetic-bench` whose source row says what it is. They are never written into
 * a real dataset, and only ever into a benchmark database (the caller checks the name).
 *
 * Shape: every real indicator x every economy x the years 1960-2024, then further breakdowns (`age=SYN001`, ...) until
 * the count is reached, in an interleaved order (consecutive rows belong to different indicators and economies, as
 * when several files are loaded), so an indicator's rows are spread over the whole table, like real loads.
 */
export const SYNTHETIC_DATASET = "synthetic-bench";
export const SYNTHETIC_LABEL = "SYNTHETIC — benchmark load only";

const FIRST_YEAR = 1960;
const YEARS = 65; // 1960-2024
const CHUNK = 1_000_000;

export async function loadSynthetic(databaseUrl: string, rows: number, say: (line: string) => void): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SET search_path = indicators");
    await client.query(
      `INSERT INTO source (id, title, publisher, url, licence, note)
       VALUES ($1, $2, 'wsis-hub benchmark (npm run bench)', NULL, 'none: not data',
               'Generated values for load testing only. Not observations of anything; never loaded into the hub''s own database.')`,
      [SYNTHETIC_DATASET, SYNTHETIC_LABEL],
    );
    await client.query(
      `INSERT INTO dataset (id, title, publisher, release, licence, citation, note, source_id)
       VALUES ($1, $2, 'wsis-hub benchmark (npm run bench)', 'generated', 'none: not data', $2,
               'Synthetic rows that make the observation table as large as scale M or L; no workload query reads them.', $1)`,
      [SYNTHETIC_DATASET, SYNTHETIC_LABEL],
    );
    const { rows: counts } = await client.query<{ indicators: number; economies: number }>(
      "SELECT (SELECT count(*)::int FROM indicator) AS indicators, (SELECT count(*)::int FROM economy) AS economies",
    );
    const perBreakdown = counts[0].indicators * counts[0].economies * YEARS;
    if (perBreakdown === 0)
      throw new Error("the benchmark database has no indicators or economies: did the migrations and seeds run?");
    // Foreign keys hold by construction (codes are read from the referenced tables); skip their per-row triggers when
    // allowed (superuser), which makes the load several times faster. Otherwise they are checked as usual.
    let triggersOff = false;
    try {
      await client.query("SET session_replication_role = replica");
      triggersOff = true;
    } catch {
      // not a superuser: keep the checks
    }
    // Bulk load as PostgreSQL advises: drop the secondary indexes (their exact definitions are read from the catalogue,
    // whatever migrations created them), insert each chunk in primary-key order, then build the indexes once. The rows
    // go through the parent table: with `observation` partitioned by dataset they land in the default partition, with
    // the real datasets, as the rows of any dataset without a partition of its own do.
    await client.query("SET maintenance_work_mem = '512MB'");
    await client.query("SET work_mem = '256MB'");
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `SELECT i.indexname AS name, i.indexdef AS definition
         FROM pg_indexes i
        WHERE i.schemaname = 'indicators' AND i.tablename = 'observation'
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = 'indicators'::regnamespace)`,
    );
    for (const index of indexes) await client.query(`DROP INDEX indicators."${index.name}"`);
    for (let start = 0; start < rows; start += CHUNK) {
      const end = Math.min(rows, start + CHUNK) - 1;
      const began = Date.now();
      await client.query(
        `WITH ind AS (SELECT array_agg(code ORDER BY sort_order) AS a, count(*)::int AS n FROM indicator),
              eco AS (SELECT array_agg(code ORDER BY code) AS a, count(*)::int AS n FROM economy),
              g AS (
                SELECT ind.a[1 + s % ind.n] AS indicator_code,
                       eco.a[1 + (s / ind.n) % eco.n] AS economy_code,
                       $3::int + (s / (ind.n * eco.n)) % $4::int AS year,
                       s / $5::bigint AS b,
                       round(((s * 7919) % 100000)::numeric / 1000, 3) AS value
                  FROM generate_series($1::bigint, $2::bigint) AS s, ind, eco
              )
         INSERT INTO observation (indicator_code, dataset_id, economy_code, year, breakdown_key, age, value, value_text,
                                  source_area_code, source_id)
         SELECT indicator_code, $6, economy_code, year,
                CASE WHEN b = 0 THEN '_T' ELSE 'age=SYN' || lpad(b::text, 3, '0') END,
                CASE WHEN b = 0 THEN NULL ELSE 'SYN' || lpad(b::text, 3, '0') END,
                value, value::text, 'synthetic', $6
           FROM g
          ORDER BY indicator_code, economy_code, year, b`,
        [start, end, FIRST_YEAR, YEARS, perBreakdown, SYNTHETIC_DATASET],
      );
      say(
        `  synthetic rows ${(end + 1).toLocaleString("en")} / ${rows.toLocaleString("en")} (${((Date.now() - began) / 1000).toFixed(1)} s)`,
      );
    }
    if (triggersOff) await client.query("SET session_replication_role = DEFAULT");
    for (const index of indexes) {
      const began = Date.now();
      // On a partitioned table the catalogue gives `ON ONLY` (the parent's index alone); built on the whole table it
      // is created on every partition again.
      await client.query(index.definition.replace(" ON ONLY ", " ON "));
      say(`  index ${index.name} rebuilt (${((Date.now() - began) / 1000).toFixed(1)} s)`);
    }
    // As autovacuum would do after a load: statistics for the planner and a visibility map for index-only scans.
    const began = Date.now();
    await client.query("VACUUM (ANALYZE) observation");
    say(`  VACUUM (ANALYZE) observation (${((Date.now() - began) / 1000).toFixed(1)} s)`);
    const { rows: check } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM observation WHERE dataset_id = $1",
      [SYNTHETIC_DATASET],
    );
    if (Number(check[0].n) !== rows) throw new Error(`expected ${rows} synthetic rows, found ${check[0].n}`);
  } finally {
    await client.end();
  }
}
