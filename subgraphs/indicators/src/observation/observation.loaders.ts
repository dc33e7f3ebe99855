import { loaderByKey, loaderGroupedByKey } from "@wsis/shared";
import type { DataSource } from "typeorm";
import { TOTAL_KEY } from "./breakdown";
import type { Observation } from "./observation.entity";
import {
  decodeObservationId,
  keyArrays,
  OBSERVATION_COLUMNS,
  observationFromRow,
  observationId,
  type ObservationKey,
  type ObservationRow,
} from "./observation.rows";

/** Encodes an observation key as a loader key. */
export const observationKeyString = (k: ObservationKey): string =>
  observationId({
    indicatorCode: k.indicator,
    datasetId: k.dataset,
    economyCode: k.economy,
    year: k.year,
    breakdownKey: k.breakdownKey,
  });

/**
 * Per economy ($1: codes), the latest total ($2) of every indicator in the indicator's default dataset — for an
 * aggregate, in the indicator's aggregate dataset (the best-ranked dataset that publishes aggregates): one index probe
 * per economy and indicator (LIMIT 1 down observation_latest_idx, year descending), so the cost follows the number of
 * indicators, not how many years and breakdowns an economy has.
 */
export const LATEST_VALUES_SQL = `SELECT latest.* FROM unnest($1::text[]) AS e(code)
  JOIN economy ec ON ec.code = e.code
  CROSS JOIN indicator i
  CROSS JOIN LATERAL (
    SELECT ${OBSERVATION_COLUMNS} FROM observation o
     WHERE o.indicator_code = i.code AND o.breakdown_key = $2 AND o.economy_code = e.code
       AND o.dataset_id = CASE WHEN ec.kind = 'AGGREGATE' THEN COALESCE(i.aggregate_dataset_id, i.default_dataset_id) ELSE i.default_dataset_id END
     ORDER BY o.year DESC
     LIMIT 1) latest
  ORDER BY e.code, i.sort_order`;

export const observationLoaders = (ds: DataSource) => ({
  /**
   * The economy profile: per economy, the latest total of every indicator in the indicator's default dataset (for an
   * aggregate, its aggregate dataset; see LATEST_VALUES_SQL; one statement for any number of economies).
   */
  latestValuesByEconomy: loaderGroupedByKey(
    async (codes: readonly string[]): Promise<Observation[]> => {
      const rows: ObservationRow[] = await ds.query(LATEST_VALUES_SQL, [[...codes], TOTAL_KEY]);
      return rows.map(observationFromRow);
    },
    (row) => row.economyCode,
  ),
  /** Single observations by their full key (official aggregates of regional figures). */
  observationByKey: loaderByKey(
    async (keys: readonly string[]): Promise<Observation[]> => {
      const rows: ObservationRow[] = await ds.query(
        `SELECT ${OBSERVATION_COLUMNS}
           FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[])
                AS k(indicator_code, dataset_id, economy_code, year, breakdown_key)
           JOIN observation o USING (indicator_code, dataset_id, economy_code, year, breakdown_key)`,
        keyArrays(keys.map(decodeObservationId)),
      );
      return rows.map(observationFromRow);
    },
    (row) => observationId(row),
  ),
});
