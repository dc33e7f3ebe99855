import { UNIT_RULES } from "../publishing/units";
import {
  DEFAULT_JUMP_THRESHOLD,
  DISAGREEMENT_TOLERANCE,
  JUMP_THRESHOLDS,
  QUALITY_RULES,
  QualityRule,
  QualitySeverity,
  TOTAL_TOLERANCE,
} from "./quality.rules";

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * The flags the observations in scope break, as rows of observation_quality_flag. `scope` is a join that restricts the
 * checked observations `v` (empty: every observation). Each rule reads the observations it compares with (the female
 * and male values, the previous year, the other datasets) from the table itself, in scope or not.
 * Parameters: $1..$4 the unit bounds and their rule, $5/$6 the jump thresholds per indicator, $7 the default threshold,
 * $8 the tolerance of a total, $9 the tolerance between datasets.
 */
function flagsSql(scope: string): string {
  const key = (a: string) => `${a}.indicator_code, ${a}.dataset_id, ${a}.economy_code, ${a}.year, ${a}.breakdown_key`;
  return `WITH p AS (
      SELECT i.code, u.vmin, u.vmax, u.rule AS range_rule, COALESCE(j.jump, $7::numeric) AS jump
        FROM indicator i
        LEFT JOIN unnest($1::text[], $2::numeric[], $3::numeric[], $4::text[]) AS u(unit, vmin, vmax, rule) ON u.unit = i.unit
        LEFT JOIN unnest($5::text[], $6::numeric[]) AS j(code, jump) ON j.code = i.code
    ),
    v AS MATERIALIZED (SELECT o.* FROM observation o ${scope})
    SELECT ${key("v")}, p.range_rule AS rule, v.release,
           format('%s is outside the range of %s (%s to %s)', v.value_text, i.unit, p.vmin, COALESCE(p.vmax::text, 'no maximum')) AS message
      FROM v JOIN p ON p.code = v.indicator_code JOIN indicator i ON i.code = v.indicator_code
     WHERE v.value < p.vmin OR v.value > p.vmax
    UNION ALL
    SELECT ${key("v")}, '${QualityRule.TOTAL_OUTSIDE_BREAKDOWN}', v.release,
           format('the total %s lies outside its female (%s) and male (%s) values by more than %s', v.value_text, f.value_text, m.value_text, $8::numeric)
      FROM v
      JOIN observation f ON f.indicator_code = v.indicator_code AND f.dataset_id = v.dataset_id AND f.economy_code = v.economy_code
                        AND f.year = v.year AND f.breakdown_key = 'sex=FEMALE'
      JOIN observation m ON m.indicator_code = v.indicator_code AND m.dataset_id = v.dataset_id AND m.economy_code = v.economy_code
                        AND m.year = v.year AND m.breakdown_key = 'sex=MALE'
     WHERE v.breakdown_key = '_T'
       AND (v.value < least(f.value, m.value) - $8::numeric OR v.value > greatest(f.value, m.value) + $8::numeric)
    UNION ALL
    SELECT ${key("v")}, '${QualityRule.YEAR_ON_YEAR_JUMP}', v.release,
           format('%s in %s after %s in %s: a change of %s, beyond the threshold of %s for %s', v.value_text, v.year, b.value_text, b.year,
                  v.value - b.value, p.jump, v.indicator_code)
      FROM v
      JOIN p ON p.code = v.indicator_code
      JOIN observation b ON b.indicator_code = v.indicator_code AND b.dataset_id = v.dataset_id AND b.economy_code = v.economy_code
                        AND b.year = v.year - 1 AND b.breakdown_key = v.breakdown_key
     WHERE abs(v.value - b.value) > p.jump
    UNION ALL
    SELECT * FROM (
      SELECT DISTINCT ON (${key("v")}) ${key("v")}, '${QualityRule.DATASETS_DISAGREE}', v.release,
             format('dataset %s publishes %s for the same economy, year and breakdown: a difference of %s (more than %s)',
                    w.dataset_id, w.value_text, abs(v.value - w.value), $9::numeric)
        FROM v
        JOIN observation w ON w.indicator_code = v.indicator_code AND w.economy_code = v.economy_code AND w.year = v.year
                          AND w.breakdown_key = v.breakdown_key AND w.dataset_id <> v.dataset_id
        JOIN indicator_dataset lw ON lw.indicator_code = w.indicator_code AND lw.dataset_id = w.dataset_id
       WHERE abs(v.value - w.value) > $9::numeric
       ORDER BY ${key("v")}, abs(v.value - w.value) DESC, w.dataset_id) disagreements`;
}

function flagParams(): unknown[] {
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
  ];
}

const FLAG_COLUMNS = "indicator_code, dataset_id, economy_code, year, breakdown_key, rule, release, message";

/** TypeORM answers an UPDATE/DELETE with [rows, count] and an INSERT ... RETURNING with the rows. */
const changed = (result: unknown): number =>
  Array.isArray(result) && Array.isArray(result[0]) ? (result[1] as number) : Array.isArray(result) ? result.length : 0;

/**
 * Checks every observation and brings observation_quality_flag in line, writing only what differs (a second run of the
 * seed writes nothing). Returns the rows written or removed.
 */
export async function refreshAllQualityFlags(q: Queryable): Promise<number> {
  await q.query(`CREATE TEMP TABLE quality_desired ON COMMIT DROP AS ${flagsSql("")}`, flagParams());
  const removed = await q.query(
    `DELETE FROM observation_quality_flag f
      WHERE NOT EXISTS (SELECT 1 FROM quality_desired d
                         WHERE (d.indicator_code, d.dataset_id, d.economy_code, d.year, d.breakdown_key, d.rule, d.release, d.message)
                             = (f.indicator_code, f.dataset_id, f.economy_code, f.year, f.breakdown_key, f.rule, f.release, f.message))`,
  );
  const written = await q.query(
    `INSERT INTO observation_quality_flag (${FLAG_COLUMNS}) SELECT ${FLAG_COLUMNS} FROM quality_desired
     ON CONFLICT (indicator_code, dataset_id, economy_code, year, breakdown_key, rule) DO NOTHING
     RETURNING 1`,
  );
  await q.query(`DROP TABLE quality_desired`);
  return changed(removed) + changed(written);
}

/**
 * After a publication: re-checks what it can have changed — every observation, in every dataset, of the (indicator,
 * economy, year) of the rows it inserted, revised or withdrew (the total and its breakdown, the other datasets), and of
 * the year after (the next year's jump) — from the staged rows of the transaction (import_resolved).
 */
export async function refreshStagedQualityFlags(q: Queryable): Promise<void> {
  await q.query(`CREATE TEMP TABLE quality_scope ON COMMIT DROP AS
    SELECT DISTINCT indicator_code, economy_code, y AS year
      FROM import_resolved r CROSS JOIN LATERAL (VALUES (r.year), (r.year + 1)) AS t(y)
     WHERE r.status IN ('I', 'R', 'W')`);
  await q.query(`ANALYZE quality_scope`);
  await q.query(
    `DELETE FROM observation_quality_flag f USING quality_scope s
      WHERE f.indicator_code = s.indicator_code AND f.economy_code = s.economy_code AND f.year = s.year`,
  );
  await q.query(
    `INSERT INTO observation_quality_flag (${FLAG_COLUMNS}) ${flagsSql(
      "JOIN quality_scope s ON s.indicator_code = o.indicator_code AND s.economy_code = o.economy_code AND s.year = o.year",
    )}`,
    flagParams(),
  );
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
 * import_resolved), after refreshStagedQualityFlags: the first MAX_REPORTED_WARNINGS in row order, and the count.
 */
export async function publicationWarnings(q: Queryable, datasetId: string): Promise<{ warnings: PublicationWarningRow[]; count: number }> {
  const soft = Object.values(QualityRule).filter((r) => QUALITY_RULES[r].severity === QualitySeverity.SOFT);
  const rows = (await q.query(
    `WITH w AS (
       SELECT f.rule, r.ord, r.line, f.message,
              concat_ws('|', f.indicator_code, f.dataset_id, f.economy_code, f.year, f.breakdown_key) AS id
         FROM import_resolved r
         JOIN observation_quality_flag f
           ON f.indicator_code = r.indicator_code AND f.dataset_id = $1 AND f.economy_code = r.economy_code AND f.year = r.year
          AND f.breakdown_key = r.breakdown_key
        WHERE r.status IN ('I', 'R') AND f.rule = ANY($2::text[])
     )
     SELECT (SELECT count(*)::int FROM w) AS count,
            (SELECT COALESCE(json_agg(x ORDER BY x.ord, x.rule), '[]') FROM (SELECT * FROM w ORDER BY ord, rule LIMIT $3) x) AS first`,
    [datasetId, soft, MAX_REPORTED_WARNINGS],
  )) as Array<{ count: number; first: Array<{ rule: QualityRule; ord: number; line: number | null; message: string; id: string }> }>;
  const [{ count, first }] = rows;
  return {
    count,
    warnings: first.map((w) => ({ rule: w.rule, index: w.ord, line: w.line, observationId: w.id, message: w.message })),
  };
}
