import { BREAKDOWN_CODES, BREAKDOWN_DIMENSIONS } from "../observation/breakdown";
import { keyDimensionCodesSql } from "../observation/key-dimensions";
import type { PublicationMode } from "./publication.types";
import { DECIMAL_SQL } from "./validation";

/**
 * The SQL that resolves and checks the staged rows of a publication (temporary tables of its transaction):
 * import_indicator (what each indicator accepts), import_alias (the codes that name an indicator), import_resolved
 * (every staged row with its key and what it would do), and the duplicate-key checks.
 */

/** The breakdown codes of every indicator (without the total), its unit's bounds, and whether the dataset publishes it. */
export function indicatorInfoSql(): string {
  const dims = BREAKDOWN_DIMENSIONS.map((d) => {
    const total = BREAKDOWN_CODES[d].total;
    return `ARRAY(SELECT b.code FROM indicator_breakdown_code b
                   WHERE b.indicator_code = i.code AND b.dimension = '${d}'${total ? ` AND b.code <> '${total}'` : ""} ORDER BY b.code) AS ${d}_codes,
            ${total ? `(SELECT b.code FROM indicator_breakdown_code b WHERE b.indicator_code = i.code AND b.dimension = '${d}' AND b.code = '${total}')` : "NULL::text"} AS ${d}_total`;
  });
  return `CREATE TEMP TABLE import_indicator ON COMMIT DROP AS
    SELECT i.code, i.unit,
           EXISTS (SELECT 1 FROM indicator_dataset l WHERE l.indicator_code = i.code AND l.dataset_id = $1) AS linked,
           ${keyDimensionCodesSql("skill")} AS skill_codes,
           ${keyDimensionCodesSql("educationLevel")} AS education_level_codes,
           u.unit_code, u.vmin, u.vmax, u.range_rule,
           ${dims.join(",\n           ")}
      FROM indicator i
      LEFT JOIN unnest($2::text[], $3::text[], $4::numeric[], $5::numeric[], $6::text[]) AS u(unit, unit_code, vmin, vmax, range_rule) ON u.unit = i.unit`;
}

export function aliasSql(seriesCodesOnly: boolean): string {
  const branches = [
    `SELECT lower(unsd_series_code) AS alias, code, 1 AS prio FROM indicator WHERE unsd_series_code IS NOT NULL`,
  ];
  if (!seriesCodesOnly) {
    branches.push(
      `SELECT lower(code), code, 0 FROM indicator`,
      `SELECT lower(wdi_code), code, 2 FROM indicator WHERE wdi_code IS NOT NULL`,
    );
  }
  return `CREATE TEMP TABLE import_alias ON COMMIT DROP AS
    SELECT DISTINCT ON (alias) alias, code FROM (${branches.join(" UNION ALL ")}) a ORDER BY alias, prio`;
}

export const KEY_JOIN = (o: string, r: string) =>
  `${o}.indicator_code = ${r}.indicator_code AND ${o}.dataset_id = $1 AND ${o}.economy_code = ${r}.economy_code AND ${o}.year = ${r}.year AND ${o}.breakdown_key = ${r}.breakdown_key`;

/**
 * Resolves every staged row: the indicator and economy it names, the year, the value as a number, the breakdown key,
 * and what it would do — I insert, R revise, U nothing (same value, nature and footnote) in upsert mode; W withdraw or
 * X nothing to withdraw in withdraw mode. A dataset without observations (a first load) needs no comparison. Rows keep the order of the input (no sort: a file sorted by key inserts in
 * key order).
 */
export function resolveSql(mode: PublicationMode, datasetEmpty: boolean): string {
  const status = datasetEmpty
    ? `'${mode === "upsert" ? "I" : "X"}'::text`
    : mode === "upsert"
      ? `CASE WHEN o.indicator_code IS NULL THEN 'I'
              WHEN (o.value_text, o.nature, o.footnote) IS DISTINCT FROM (k.value, k.nature, k.footnote) THEN 'R'
              ELSE 'U' END`
      : `CASE WHEN o.indicator_code IS NULL THEN 'X' ELSE 'W' END`;
  return `CREATE TEMP TABLE import_resolved ON COMMIT DROP AS
    SELECT k.*, ${status} AS status
      FROM (
        SELECT s.*,
               a.code AS indicator_code,
               COALESCE(e1.code, e2.code) AS economy_code,
               CASE WHEN s.period ~ '^[0-9]{4}$' THEN s.period::int END AS year,
               CASE WHEN s.value ~ ${DECIMAL_SQL} THEN s.value::numeric END AS num,
               CASE WHEN s.age = '' AND s.location = '' AND s.sex = '' AND s.speed = '' AND s.skill = '' AND s.education_level = '' THEN '_T'
                    WHEN s.age IS NOT NULL AND s.location IS NOT NULL AND s.sex IS NOT NULL AND s.speed IS NOT NULL
                     AND s.skill IS NOT NULL AND s.education_level IS NOT NULL THEN
                 COALESCE(NULLIF(concat_ws(';', 'age=' || NULLIF(s.age, ''), 'location=' || NULLIF(s.location, ''),
                                                'sex=' || NULLIF(s.sex, ''), 'speed=' || NULLIF(s.speed, ''),
                                                'skill=' || NULLIF(s.skill, ''), 'educationLevel=' || NULLIF(s.education_level, '')), ''), '_T')
               END AS breakdown_key
          FROM import_staging s
          LEFT JOIN import_alias a ON a.alias = lower(s.indicator)
          LEFT JOIN economy e1 ON e1.code = s.economy
          LEFT JOIN economy e2 ON e2.m49 = s.economy
      ) k
      ${datasetEmpty ? "" : `LEFT JOIN observation o ON ${KEY_JOIN("o", "k")}`}`;
}

/** Rows whose key is complete, for the duplicate checks. */
const KEYED = `indicator_code IS NOT NULL AND economy_code IS NOT NULL AND year IS NOT NULL AND breakdown_key IS NOT NULL AND NOT broken`;

/** Whether two rows share a key: one hash aggregate over the keys (no sort of the rows). */
export const HAS_DUPLICATES_SQL = `SELECT EXISTS (
    SELECT 1 FROM import_resolved WHERE ${KEYED}
     GROUP BY indicator_code, economy_code, year, breakdown_key HAVING count(*) > 1
  ) AS found`;

/** The rows that repeat the key of an earlier row, with that row (only run when there are some). */
export const DUPLICATES_SQL = `SELECT d.ord, d.line, d.first_ord, d.first_line FROM (
    SELECT ord, line, first_value(ord) OVER w AS first_ord, first_value(line) OVER w AS first_line
      FROM import_resolved WHERE ${KEYED}
    WINDOW w AS (PARTITION BY indicator_code, economy_code, year, breakdown_key ORDER BY ord)
  ) d WHERE d.ord <> d.first_ord`;

/** The new rows, as observation rows: the total of a dimension the indicator has is stored as its total code (BOTHSEX, ANYS). */
export const NEW_ROWS_SELECT = `SELECT r.indicator_code, $1::text, r.economy_code, r.year, r.breakdown_key,
            ${(["sex", "age", "speed", "location"] as const).map((d) => `CASE WHEN r.${d} = '' THEN ii.${d}_total ELSE r.${d} END`).join(", ")},
            r.num, r.value, COALESCE(NULLIF(r.unit, ''), ii.unit_code), r.nature, r.footnote, r.economy_raw, $3::text, $2::int
       FROM import_resolved r JOIN import_indicator ii ON ii.code = r.indicator_code
      WHERE r.status = 'I'`;
