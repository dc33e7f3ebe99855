import { loaderByKey } from "@wsis/shared";
import type { DataSource } from "typeorm";
import { observationKeyString } from "../observation/observation.loaders";
import type { ObservationKey } from "../observation/observation.rows";

/** One member country of a region, with its value (if it has one) and its population in the figure's year. */
export interface RegionalMemberRow {
  code: string;
  valueText: string | null;
  population: string | null;
}

/** The figures computed over the member countries of a region, exact decimals as text. */
export interface RegionalStats {
  key: string;
  members: RegionalMemberRow[];
  count: number;
  min: string | null;
  max: string | null;
  mean: string | null;
  median: string | null;
  weightedMean: string | null;
  populationCovered: string | null;
  populationTotal: string | null;
}

interface StatsRow {
  key: string;
  member_code: string;
  value_text: string | null;
  population: string | null;
  n: number;
  min: string | null;
  max: string | null;
  mean: string | null;
  median: string | null;
  weighted_mean: string | null;
  population_covered: string | null;
  population_total: string | null;
}

/** The loader key of a regional computation: the observation key with the region in the economy slot. */
export const regionalKey = (k: Omit<ObservationKey, "economy"> & { region: string }): string =>
  observationKeyString({ ...k, economy: k.region });

/**
 * The computed figures of many (key, indicator, dataset, region, year, breakdown) keys ($1..$6, arrays) in one statement:
 * every member of the region (economy_member) joined to its observation (primary key lookups) and its population.
 */
export const REGIONAL_STATS_SQL = `WITH k AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[])
           AS k(key, indicator_code, dataset_id, region_code, year, breakdown_key)
  ),
  m AS (
    SELECT k.key, em.member_code, o.value, o.value_text, p.value AS population
      FROM k
      JOIN economy_member em ON em.aggregate_code = k.region_code
      LEFT JOIN observation o
             ON o.indicator_code = k.indicator_code AND o.dataset_id = k.dataset_id
            AND o.breakdown_key = k.breakdown_key AND o.economy_code = em.member_code AND o.year = k.year
      LEFT JOIN population p ON p.economy_code = em.member_code AND p.year = k.year
  ),
  s AS (
    SELECT key,
           count(value)::int AS n,
           min(value)::text AS min,
           max(value)::text AS max,
           avg(value)::text AS mean,
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY value::float8))::text AS median,
           (sum(value * population) / NULLIF(sum(population) FILTER (WHERE value IS NOT NULL), 0))::text AS weighted_mean,
           (sum(population) FILTER (WHERE value IS NOT NULL))::text AS population_covered,
           sum(population)::text AS population_total
      FROM m
     GROUP BY key
  )
  SELECT m.key, m.member_code, m.value_text, m.population::text AS population,
         s.n, s.min, s.max, s.mean, s.median, s.weighted_mean, s.population_covered, s.population_total
    FROM m JOIN s USING (key)
  ORDER BY m.key, m.member_code`;

export const regionalLoaders = (ds: DataSource) => ({
  /**
   * Computed regional figures, one statement for any number of (indicator, dataset, breakdown, region, year) keys:
   * every member of the region (economy_member) joined to its observation and its population of that year.
   */
  regionalStatsByKey: loaderByKey(
    async (keys: readonly string[]): Promise<RegionalStats[]> => {
      const decoded = keys.map((key) => {
        const [indicator, dataset, region, year, ...rest] = key.split("|");
        return { key, indicator, dataset, region, year: Number(year), breakdownKey: rest.join("|") };
      });
      const rows: StatsRow[] = await ds.query(REGIONAL_STATS_SQL, [
        decoded.map((k) => k.key),
        decoded.map((k) => k.indicator),
        decoded.map((k) => k.dataset),
        decoded.map((k) => k.region),
        decoded.map((k) => k.year),
        decoded.map((k) => k.breakdownKey),
      ]);
      const byKey = new Map<string, RegionalStats>();
      for (const row of rows) {
        let stats = byKey.get(row.key);
        if (!stats) {
          stats = {
            key: row.key,
            members: [],
            count: row.n,
            min: row.min,
            max: row.max,
            mean: row.mean,
            median: row.median,
            weightedMean: row.weighted_mean,
            populationCovered: row.population_covered,
            populationTotal: row.population_total,
          };
          byKey.set(row.key, stats);
        }
        stats.members.push({ code: row.member_code, valueText: row.value_text, population: row.population });
      }
      return [...byKey.values()];
    },
    (row) => row.key,
  ),
});
