/**
 * Which dataset answers a read that names none: the rule, computed from the data at seed and at every publication that
 * adds or withdraws observations, never written per indicator by hand.
 *
 * For each dataset that publishes an indicator (indicator_dataset), count the countries (economies of kind COUNTRY)
 * that have a total (breakdown "_T") in each year. A year is *complete* for a dataset when that count is at least
 * COMPLETE_SHARE of the best count any dataset of the indicator has in any year; the dataset's *latest complete year*
 * is the most recent of them. The datasets are ranked by latest complete year (most recent first), then by the number
 * of countries in that year, then by release date (most recent first), then by id; rank 1 is the indicator's default
 * dataset. A dataset with no complete year ranks after those with one.
 *
 * So a partial year (WDI internet use 2024: 49 countries) does not make a dataset the default, a small dataset with
 * recent figures for a handful of countries does not either, and between two sources of the same series the one that
 * reaches later wins (internet use: WDI, complete to 2023, over the UN SDG database extract, complete to 2021).
 *
 * The same pass records, per dataset, whether it publishes aggregates and which breakdown keys it has: a read that
 * asks for aggregates only, or for a breakdown the default dataset lacks, is served by the best-ranked dataset that has
 * them (see resolveDataset).
 */
export const COMPLETE_SHARE = 0.5;

export const DATASET_CHOICE_RULE =
  `The default dataset is the one whose latest complete year is the most recent. A year is complete for a dataset when ` +
  `it has a total for at least ${COMPLETE_SHARE * 100}% as many countries as the best-covered year of any dataset of the ` +
  `indicator. Ties go to the dataset with more countries in that year, then to the later release. Computed from the data ` +
  `when the hub is seeded and whenever a publication adds or withdraws observations.`;

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

const SCOPE = `($1::text[] IS NULL OR l.indicator_code = ANY($1::text[]))`;

/** Ranks the datasets of the indicators (null: every indicator); only rows whose figures change are written. */
const RANK_SQL = `WITH links AS (
    SELECT l.indicator_code, l.dataset_id, d.release_date
      FROM indicator_dataset l JOIN dataset d ON d.id = l.dataset_id
     WHERE ${SCOPE}
  ),
  per_year AS (
    SELECT o.indicator_code, o.dataset_id, o.year, count(*)::int AS n
      FROM observation o
      JOIN links l ON l.indicator_code = o.indicator_code AND l.dataset_id = o.dataset_id
      JOIN economy e ON e.code = o.economy_code AND e.kind = 'COUNTRY'
     WHERE o.breakdown_key = '_T'
     GROUP BY o.indicator_code, o.dataset_id, o.year
  ),
  best AS (SELECT indicator_code, max(n) AS n FROM per_year GROUP BY indicator_code),
  complete AS (
    SELECT DISTINCT ON (p.indicator_code, p.dataset_id) p.indicator_code, p.dataset_id, p.year, p.n
      FROM per_year p JOIN best b ON b.indicator_code = p.indicator_code
     WHERE p.n >= b.n * $2::numeric
     ORDER BY p.indicator_code, p.dataset_id, p.year DESC
  ),
  shape AS (
    SELECT o.indicator_code, o.dataset_id, array_agg(DISTINCT o.breakdown_key ORDER BY o.breakdown_key) AS keys,
           bool_or(e.kind = 'AGGREGATE') AS aggregates
      FROM observation o
      JOIN links l ON l.indicator_code = o.indicator_code AND l.dataset_id = o.dataset_id
      JOIN economy e ON e.code = o.economy_code
     GROUP BY o.indicator_code, o.dataset_id
  ),
  ranked AS (
    SELECT l.indicator_code, l.dataset_id, c.year, COALESCE(c.n, 0) AS n, COALESCE(s.keys, '{}') AS keys,
           COALESCE(s.aggregates, false) AS aggregates,
           row_number() OVER (PARTITION BY l.indicator_code
                              ORDER BY c.year DESC NULLS LAST, c.n DESC NULLS LAST, l.release_date DESC NULLS LAST, l.dataset_id)::int AS rank
      FROM links l
      LEFT JOIN complete c ON c.indicator_code = l.indicator_code AND c.dataset_id = l.dataset_id
      LEFT JOIN shape s ON s.indicator_code = l.indicator_code AND s.dataset_id = l.dataset_id
  )
  UPDATE indicator_dataset t
     SET rank = r.rank, latest_complete_year = r.year, economies_in_latest_year = r.n, breakdown_keys = r.keys,
         has_aggregates = r.aggregates
    FROM ranked r
   WHERE t.indicator_code = r.indicator_code AND t.dataset_id = r.dataset_id
     AND (t.rank, t.latest_complete_year, t.economies_in_latest_year, t.breakdown_keys, t.has_aggregates)
         IS DISTINCT FROM (r.rank, r.year, r.n, r.keys, r.aggregates)
  RETURNING 1`;

/** The indicator's default (rank 1) and aggregate datasets, from the ranks. */
const DEFAULTS_SQL = `UPDATE indicator i
     SET default_dataset_id = x.chosen, aggregate_dataset_id = x.aggregates
    FROM (
      SELECT l.indicator_code,
             (array_agg(l.dataset_id ORDER BY l.rank))[1] AS chosen,
             (array_agg(l.dataset_id ORDER BY l.rank) FILTER (WHERE l.has_aggregates))[1] AS aggregates
        FROM indicator_dataset l
       WHERE ${SCOPE} AND l.rank IS NOT NULL
       GROUP BY l.indicator_code
    ) x
   WHERE i.code = x.indicator_code
     AND (i.default_dataset_id, i.aggregate_dataset_id) IS DISTINCT FROM (x.chosen, x.aggregates)
  RETURNING 1`;

/**
 * Applies the rule to the indicators given (null: all of them), in the caller's transaction. Returns how many rows
 * changed (0 when the data did not change the choice: a second run of the seed writes nothing).
 */
export async function refreshDatasetChoice(q: Queryable, indicatorCodes: readonly string[] | null): Promise<number> {
  const codes = indicatorCodes === null ? null : [...indicatorCodes];
  const ranked = (await q.query(RANK_SQL, [codes, COMPLETE_SHARE])) as unknown[];
  const defaults = (await q.query(DEFAULTS_SQL, [codes])) as unknown[];
  return rowCount(ranked) + rowCount(defaults);
}

/** TypeORM answers an UPDATE ... RETURNING with [rows, count]. */
function rowCount(result: unknown[]): number {
  return Array.isArray(result[0]) ? (result[1] as number) : result.length;
}
