import { UNIT_RULES } from "../publishing/units";
import {
  DEFAULT_JUMP_THRESHOLD,
  DISAGREEMENT_TOLERANCE,
  JUMP_THRESHOLDS,
  QUALITY_RULES,
  QualityRule,
  QualitySeverity,
  RELATIVE_DISAGREEMENT,
  RELATIVE_JUMP_FLOOR,
  RELATIVE_JUMP_UNIT,
  TOTAL_TOLERANCE,
} from "./quality.rules";

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * The flags of the observations in `quality_rows` (a temporary table: the columns of observation and `checked`), as rows
 * of observation_quality_flag. Only rows marked `checked` are flagged; the others are there as what they are compared
 * with. Every rule is set-based over that one table — a hash aggregate (the total and its breakdown) and window
 * functions (the previous year of a series, the extremes of the other datasets) — so that a publication of a million
 * rows is checked in a few sorts, not a million index probes per rule (sorted byte-wise, COLLATE "C": the keys are
 * codes, and a linguistic collation costs several times more per comparison). Only datasets that publish the
 * indicator (indicator_dataset) are compared with one another.
 * Parameters: $1..$4 the unit bounds and their rule, $5/$6 the jump thresholds per indicator, $7 the default threshold,
 * $8 the tolerance of a total, $9 the tolerance between datasets, $10 the one dataset whose rows are checked against
 * every rule (null: every dataset); the rows of other datasets are checked against DATASETS_DISAGREE only — a
 * publication changes no other dataset's totals or series, only what they are compared with.
 */
export function flagsSql(options: { compareDatasets: boolean } = { compareDatasets: true }): string {
  const key = "v.indicator_code, v.dataset_id, v.economy_code, v.year, v.breakdown_key";
  return `WITH p AS (
      -- ($9, the tolerance between datasets, is named here too: a statement must use each of its parameters)
      SELECT i.code, i.unit, u.vmin, u.vmax, u.rule AS range_rule, COALESCE(j.jump, $7::numeric) AS jump, $9::numeric AS tolerance,
             $10::text AS only_dataset
        FROM indicator i
        LEFT JOIN unnest($1::text[], $2::numeric[], $3::numeric[], $4::text[]) AS u(unit, vmin, vmax, rule) ON u.unit = i.unit
        LEFT JOIN unnest($5::text[], $6::numeric[]) AS j(code, jump) ON j.code = i.code
    ),
    -- the rows of the datasets that publish their indicator, of the keys on which they differ (quality_spread)
    published AS (
      SELECT r.* FROM quality_rows r
        JOIN indicator_dataset l ON l.indicator_code = r.indicator_code AND l.dataset_id = r.dataset_id
        JOIN quality_spread d ON d.indicator_code = r.indicator_code AND d.economy_code = r.economy_code AND d.year = r.year
                             AND d.breakdown_key = r.breakdown_key
    )
    SELECT ${key}, p.range_rule AS rule, v.release,
           format('%s is outside the range of %s (%s to %s)', v.value_text, p.unit, p.vmin, COALESCE(p.vmax::text, 'no maximum')) AS message
      FROM quality_rows v JOIN p ON p.code = v.indicator_code
     WHERE v.checked AND ($10::text IS NULL OR v.dataset_id = $10::text) AND (v.value < p.vmin OR v.value > p.vmax)
    UNION ALL
    SELECT g.indicator_code, g.dataset_id, g.economy_code, g.year, '_T', '${QualityRule.TOTAL_OUTSIDE_BREAKDOWN}', g.t_release,
           format('the total %s lies outside its female (%s) and male (%s) values by more than %s', g.t_text, g.f_text, g.m_text, $8::numeric)
      FROM (SELECT indicator_code, dataset_id, economy_code, year,
                   min(value) FILTER (WHERE breakdown_key = '_T') AS t, min(value_text) FILTER (WHERE breakdown_key = '_T') AS t_text,
                   min(release) FILTER (WHERE breakdown_key = '_T') AS t_release,
                   min(value) FILTER (WHERE breakdown_key = 'sex=FEMALE') AS f, min(value_text) FILTER (WHERE breakdown_key = 'sex=FEMALE') AS f_text,
                   min(value) FILTER (WHERE breakdown_key = 'sex=MALE') AS m, min(value_text) FILTER (WHERE breakdown_key = 'sex=MALE') AS m_text
              FROM quality_rows
             WHERE checked AND ($10::text IS NULL OR dataset_id = $10::text) AND breakdown_key IN ('_T', 'sex=FEMALE', 'sex=MALE')
             GROUP BY indicator_code, dataset_id, economy_code, year) g
     WHERE g.t IS NOT NULL AND g.f IS NOT NULL AND g.m IS NOT NULL
       AND (g.t < least(g.f, g.m) - $8::numeric OR g.t > greatest(g.f, g.m) + $8::numeric)
    UNION ALL
    SELECT ${key}, '${QualityRule.YEAR_ON_YEAR_JUMP}', v.release,
           format('%s in %s after %s in %s: a change of %s, beyond the threshold of %s for %s', v.value_text, v.year, v.previous_text,
                  v.previous_year, v.value - v.previous_value,
                  CASE WHEN p.unit = '${RELATIVE_JUMP_UNIT}' THEN format('%s times the previous value (at least %s)', p.jump, ${RELATIVE_JUMP_FLOOR}) ELSE p.jump::text END, v.indicator_code)
      FROM (SELECT r.*, lag(r.year) OVER w AS previous_year, lag(r.value) OVER w AS previous_value, lag(r.value_text) OVER w AS previous_text
              FROM quality_rows r
             WHERE $10::text IS NULL OR r.dataset_id = $10::text
            WINDOW w AS (PARTITION BY r.indicator_code COLLATE "C", r.dataset_id COLLATE "C", r.economy_code COLLATE "C",
                                      r.breakdown_key COLLATE "C" ORDER BY r.year)) v
      JOIN p ON p.code = v.indicator_code
     WHERE v.checked AND v.previous_year = v.year - 1
       AND abs(v.value - v.previous_value) > CASE WHEN p.unit = '${RELATIVE_JUMP_UNIT}'
                                                  THEN p.jump * greatest(abs(v.previous_value), ${RELATIVE_JUMP_FLOOR})
                                                  ELSE p.jump END
${options.compareDatasets ? DISAGREEMENTS : ""}`;
}

/** The rule DATASETS_DISAGREE (a branch of flagsSql), run only where two datasets of an indicator are among the rows. */
const DISAGREEMENTS = `    UNION ALL
    SELECT v.indicator_code, v.dataset_id, v.economy_code, v.year, v.breakdown_key, '${QualityRule.DATASETS_DISAGREE}', v.release,
           format('dataset %s publishes %s for the same economy, year and breakdown: a difference of %s (more than %s)',
                  v.other_dataset, v.other_text, abs(v.value - v.other_value),
                  CASE WHEN p.unit = '${RELATIVE_JUMP_UNIT}' THEN format('%s%% of the larger value', ${RELATIVE_DISAGREEMENT * 100}) ELSE $9::numeric::text END)
      FROM (SELECT e.*,
                   CASE WHEN e.high_dataset <> e.dataset_id AND (e.low_dataset = e.dataset_id OR abs(e.value - e.high) >= abs(e.value - e.low))
                        THEN e.high_dataset ELSE e.low_dataset END AS other_dataset,
                   CASE WHEN e.high_dataset <> e.dataset_id AND (e.low_dataset = e.dataset_id OR abs(e.value - e.high) >= abs(e.value - e.low))
                        THEN e.high ELSE e.low END AS other_value,
                   CASE WHEN e.high_dataset <> e.dataset_id AND (e.low_dataset = e.dataset_id OR abs(e.value - e.high) >= abs(e.value - e.low))
                        THEN e.high_text ELSE e.low_text END AS other_text
              FROM (SELECT r.*, count(*) OVER k AS datasets,
                           last_value(r.dataset_id) OVER k AS high_dataset, last_value(r.value) OVER k AS high,
                           last_value(r.value_text) OVER k AS high_text,
                           first_value(r.dataset_id) OVER k AS low_dataset, first_value(r.value) OVER k AS low,
                           first_value(r.value_text) OVER k AS low_text
                      FROM published r
                    WINDOW k AS (PARTITION BY r.indicator_code COLLATE "C", r.economy_code COLLATE "C", r.year, r.breakdown_key COLLATE "C"
                                 ORDER BY r.value, r.dataset_id COLLATE "C" ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) e
             WHERE e.datasets > 1) v
      JOIN p ON p.code = v.indicator_code
     WHERE v.checked AND v.other_dataset <> v.dataset_id
       AND abs(v.value - v.other_value) > CASE WHEN p.unit = '${RELATIVE_JUMP_UNIT}'
                                               THEN greatest($9::numeric, ${RELATIVE_DISAGREEMENT} * greatest(abs(v.value), abs(v.other_value)))
                                               ELSE $9::numeric END`;

export function flagParams(onlyDataset: string | null = null): unknown[] {
  return [
    UNIT_RULES.map((u) => u.unit),
    UNIT_RULES.map((u) => u.min),
    UNIT_RULES.map((u) => u.max),
    UNIT_RULES.map((u) => u.rangeRule),
    Object.keys(JUMP_THRESHOLDS),
    Object.values(JUMP_THRESHOLDS),
    DEFAULT_JUMP_THRESHOLD,
    TOTAL_TOLERANCE,
    DISAGREEMENT_TOLERANCE,
    onlyDataset,
  ];
}

const FLAG_COLUMNS = "indicator_code, dataset_id, economy_code, year, breakdown_key, rule, release, message";

/** TypeORM answers an UPDATE/DELETE with [rows, count] and an INSERT ... RETURNING with the rows. */
const changed = (result: unknown): number =>
  Array.isArray(result) && Array.isArray(result[0]) ? (result[1] as number) : Array.isArray(result) ? result.length : 0;

/** The columns of observation the rules read (a narrow table sorts faster). */
const CHECKED_COLUMNS =
  "o.indicator_code, o.dataset_id, o.economy_code, o.year, o.breakdown_key, o.value, o.value_text, o.release";

/**
 * The keys (indicator, economy, year, breakdown) of quality_rows on which the datasets that publish the indicator
 * differ by more than the tolerance — the only keys DATASETS_DISAGREE can flag — in a table of their own (one hash
 * aggregate over the rows; the window that names the datasets then runs over these keys only). Returns whether there
 * is any.
 */
async function spreadKeys(q: Queryable): Promise<boolean> {
  await q.query(
    `CREATE TEMP TABLE quality_spread ON COMMIT DROP AS
     SELECT r.indicator_code, r.economy_code, r.year, r.breakdown_key FROM quality_rows r
       JOIN indicator_dataset l ON l.indicator_code = r.indicator_code AND l.dataset_id = r.dataset_id
      GROUP BY r.indicator_code, r.economy_code, r.year, r.breakdown_key
     HAVING count(*) > 1 AND max(r.value) - min(r.value) > $1::numeric`,
    [DISAGREEMENT_TOLERANCE],
  );
  await q.query(`ANALYZE quality_spread`);
  const rows = (await q.query(`SELECT EXISTS (SELECT 1 FROM quality_spread) AS found`)) as Array<{ found: boolean }>;
  return rows[0].found;
}

/**
 * Checks every observation of the datasets that publish its indicator and brings observation_quality_flag in line,
 * writing only what differs (a second run of the seed writes nothing). Returns the rows written or removed.
 */
export async function refreshAllQualityFlags(q: Queryable): Promise<number> {
  await q.query(`CREATE TEMP TABLE quality_rows ON COMMIT DROP AS
    SELECT ${CHECKED_COLUMNS}, true AS checked FROM observation o
      JOIN indicator_dataset l ON l.indicator_code = o.indicator_code AND l.dataset_id = o.dataset_id`);
  await q.query(`ANALYZE quality_rows`);
  await q.query(
    `CREATE TEMP TABLE quality_desired ON COMMIT DROP AS ${flagsSql({ compareDatasets: await spreadKeys(q) })}`,
    flagParams(),
  );
  const removed = await q.query(
    `DELETE FROM observation_quality_flag f
      WHERE NOT EXISTS (SELECT 1 FROM quality_desired d
                         WHERE (d.indicator_code, d.dataset_id, d.economy_code, d.year, d.breakdown_key, d.rule, d.release, d.message)
                             = (f.indicator_code, f.dataset_id, f.economy_code, f.year, f.breakdown_key, f.rule, f.release, f.message))`,
  );
  const written = await q.query(
    `INSERT INTO observation_quality_flag (${FLAG_COLUMNS}) SELECT ${FLAG_COLUMNS} FROM quality_desired
     ON CONFLICT (dataset_id, rule, indicator_code, economy_code, year, breakdown_key) DO NOTHING
     RETURNING 1`,
  );
  await q.query(`DROP TABLE quality_desired, quality_rows, quality_spread`);
  return changed(removed) + changed(written);
}

/**
 * After a publication: re-checks what it can have changed — every observation, in every dataset, of the (indicator,
 * economy, year) of the rows it inserted, revised or withdrew (the total and its breakdown, the other datasets), and of
 * the year after (the next year's jump) — from the staged rows of the transaction (import_resolved). The year before
 * is read too, unchecked: it is what a jump is measured from.
 */
export async function refreshStagedQualityFlags(q: Queryable, datasetId: string): Promise<void> {
  await q.query(`CREATE TEMP TABLE quality_scope ON COMMIT DROP AS
    SELECT DISTINCT indicator_code, economy_code, y AS year
      FROM import_resolved r CROSS JOIN LATERAL (VALUES (r.year), (r.year + 1)) AS t(y)
     WHERE r.status IN ('I', 'R', 'W')`);
  await q.query(`ANALYZE import_resolved, quality_scope`);
  // Every dataset's rows of the keys in scope (what DATASETS_DISAGREE compares), and the publishing dataset's rows of
  // the year before (what its jumps are measured from).
  await q.query(
    `CREATE TEMP TABLE quality_rows ON COMMIT DROP AS
    SELECT ${CHECKED_COLUMNS}, k.checked FROM observation o
      JOIN (SELECT indicator_code, economy_code, year, bool_or(checked) AS checked
              FROM (SELECT indicator_code, economy_code, year, true AS checked FROM quality_scope
                    UNION ALL
                    SELECT indicator_code, economy_code, year - 1, false FROM quality_scope) x
             GROUP BY indicator_code, economy_code, year) k
        ON k.indicator_code = o.indicator_code AND k.economy_code = o.economy_code AND k.year = o.year
     WHERE k.checked OR o.dataset_id = $1`,
    [datasetId],
  );
  await q.query(`ANALYZE quality_rows`);
  await q.query(
    `DELETE FROM observation_quality_flag f USING quality_scope s
      WHERE f.indicator_code = s.indicator_code AND f.economy_code = s.economy_code AND f.year = s.year
        AND (f.dataset_id = $1 OR f.rule = '${QualityRule.DATASETS_DISAGREE}')`,
    [datasetId],
  );
  // The new flags in a table of their own too: the warnings of the publication are read from it (publicationWarnings).
  await q.query(
    `CREATE TEMP TABLE quality_new ON COMMIT DROP AS ${flagsSql({ compareDatasets: await spreadKeys(q) })}`,
    flagParams(datasetId),
  );
  await q.query(`ANALYZE quality_new`);
  await q.query(`INSERT INTO observation_quality_flag (${FLAG_COLUMNS}) SELECT ${FLAG_COLUMNS} FROM quality_new`);
}

/** One soft rule broken by a row of a publication: the warning the publication returns. */
export interface PublicationWarningRow {
  rule: QualityRule;
  index: number;
  line: number | null;
  observationId: string;
  message: string;
}

/** How many warnings a publication returns in full (all of them are counted). */
export const MAX_REPORTED_WARNINGS = 100;

/**
 * The soft rules broken by the values a publication wrote (rows inserted or revised, status I or R of
 * import_resolved), from the flags refreshStagedQualityFlags just made: the first MAX_REPORTED_WARNINGS and the count.
 * They come in row order; after the first load of a dataset (every row of it was written by this publication, so no
 * row needs matching to count), in key order, the rows matched for the first few only.
 */
export async function publicationWarnings(
  q: Queryable,
  datasetId: string,
  firstLoad: boolean,
): Promise<{ warnings: PublicationWarningRow[]; count: number }> {
  const soft = Object.values(QualityRule).filter((r) => QUALITY_RULES[r].severity === QualitySeverity.SOFT);
  const id = "concat_ws('|', f.indicator_code, f.dataset_id, f.economy_code, f.year, f.breakdown_key)";
  const match =
    "r.indicator_code = f.indicator_code AND r.economy_code = f.economy_code AND r.year = f.year AND r.breakdown_key = f.breakdown_key";
  const sql = firstLoad
    ? `SELECT (SELECT count(*)::int FROM quality_new f WHERE f.dataset_id = $1 AND f.rule = ANY($2::text[])) AS count,
              (SELECT COALESCE(json_agg(x ORDER BY x.indicator_code, x.economy_code, x.year, x.breakdown_key, x.rule), '[]')
                 FROM (SELECT f.indicator_code, f.economy_code, f.year, f.breakdown_key, f.rule, f.message, r.ord, r.line, ${id} AS id
                         FROM (SELECT * FROM quality_new f WHERE f.dataset_id = $1 AND f.rule = ANY($2::text[])
                                ORDER BY f.indicator_code, f.economy_code, f.year, f.breakdown_key, f.rule LIMIT $3) f
                         JOIN import_resolved r ON ${match}) x) AS first`
    : `WITH w AS (
         SELECT f.rule, r.ord, r.line, f.message, ${id} AS id
           FROM quality_new f JOIN import_resolved r ON ${match}
          WHERE f.dataset_id = $1 AND r.status IN ('I', 'R') AND f.rule = ANY($2::text[])
       )
       SELECT (SELECT count(*)::int FROM w) AS count,
              (SELECT COALESCE(json_agg(x ORDER BY x.ord, x.rule), '[]') FROM (SELECT * FROM w ORDER BY ord, rule LIMIT $3) x) AS first`;
  const rows = (await q.query(sql, [datasetId, soft, MAX_REPORTED_WARNINGS])) as Array<{
    count: number;
    first: Array<{ rule: QualityRule; ord: number; line: number | null; message: string; id: string }>;
  }>;
  const [{ count, first }] = rows;
  return {
    count,
    warnings: first.map((w) => ({ rule: w.rule, index: w.ord, line: w.line, observationId: w.id, message: w.message })),
  };
}
