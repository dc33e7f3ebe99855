import { loaderByKey, loaderGroupedByKey } from "@wsis/shared";
import type { DataSource } from "typeorm";
import type { Observation } from "../observation/observation.entity";
import {
  decodeObservationId,
  decodeVersionKey,
  keyArrays,
  OBSERVATION_COLUMNS,
  observationFromRow,
  observationId,
  type ObservationRow,
} from "../observation/observation.rows";
import { QUALITY_RULES, QualityRule } from "./quality.rules";
import { QualityFlag, type QualityRuleReport } from "./quality.types";

/** The loader key of the flags of one observation version: its id and the release of the value. */
export const flagsKey = (o: Observation): string => `${observationId(o)}@${o.release}`;

/** The flags of many observation versions ($1 keys, $2..$6 their observation keys, $7 their releases): an index probe each. */
export const FLAGS_SQL = `SELECT k.key, f.rule, f.message
   FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::int[])
        AS k(key, indicator_code, dataset_id, economy_code, year, breakdown_key, release)
   JOIN observation_quality_flag f USING (indicator_code, dataset_id, economy_code, year, breakdown_key, release)
  ORDER BY k.key, f.rule`;

/** The same observations ($1 keys, $2..$6 their observation keys) in the other datasets that publish the indicator. */
export const OTHER_DATASETS_SQL = `SELECT k.key, o.dataset_id, o.value_text
   FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[])
        AS k(key, indicator_code, dataset_id, economy_code, year, breakdown_key)
   JOIN indicator_dataset l ON l.indicator_code = k.indicator_code AND l.dataset_id <> k.dataset_id
   JOIN observation o ON o.indicator_code = k.indicator_code AND o.dataset_id = l.dataset_id AND o.economy_code = k.economy_code
                     AND o.year = k.year AND o.breakdown_key = k.breakdown_key
  ORDER BY k.key, o.dataset_id`;

/** How many flagged observations a quality report shows per rule. */
export const REPORT_EXAMPLES = 5;

export const qualityLoaders = (ds: DataSource) => ({
  /**
   * The quality flags of many observations in one statement (a primary-key probe each): only the flags of the version
   * read (a value pinned to an earlier release has none of the current value's).
   */
  flagsByObservation: loaderGroupedByKey(
    async (keys: readonly string[]): Promise<Array<QualityFlag & { key: string }>> => {
      const parsed = keys.map(decodeVersionKey);
      const rows: Array<{ key: string; rule: QualityRule; message: string }> = await ds.query(FLAGS_SQL, [
        [...keys],
        ...keyArrays(parsed.map((p) => p.observation)),
        parsed.map((p) => p.release),
      ]);
      return rows.map((r) =>
        Object.assign(new QualityFlag(), {
          key: r.key,
          rule: r.rule,
          severity: QUALITY_RULES[r.rule].severity,
          message: r.message,
        }),
      );
    },
    (row) => row.key,
  ),

  /**
   * The same observations in the other datasets that publish the indicator, in one statement for any number of
   * observations: a primary-key probe per observation and other dataset.
   */
  otherDatasetsByObservation: loaderGroupedByKey(
    async (ids: readonly string[]): Promise<Array<{ key: string; datasetId: string; valueText: string }>> => {
      const rows: Array<{ key: string; dataset_id: string; value_text: string }> = await ds.query(OTHER_DATASETS_SQL, [
        [...ids],
        ...keyArrays(ids.map(decodeObservationId)),
      ]);
      return rows.map((r) => ({ key: r.key, datasetId: r.dataset_id, valueText: r.value_text }));
    },
    (row) => row.key,
  ),

  /** The quality report of many datasets in one statement: per rule, the count and the first few flagged observations. */
  qualityReportByDataset: loaderByKey(
    async (ids: readonly string[]): Promise<Array<{ datasetId: string; rules: QualityRuleReport[] }>> => {
      const rows: Array<ObservationRow & { rule: QualityRule; message: string; n: number }> = await ds.query(
        `SELECT f.rule, f.message, f.n, ${OBSERVATION_COLUMNS}
           FROM (SELECT q.*, row_number() OVER w AS rn, count(*) OVER (PARTITION BY q.dataset_id, q.rule)::int AS n
                   FROM observation_quality_flag q
                  WHERE q.dataset_id = ANY($1::text[])
                 WINDOW w AS (PARTITION BY q.dataset_id, q.rule ORDER BY q.indicator_code, q.economy_code, q.year, q.breakdown_key)) f
           JOIN observation o USING (indicator_code, dataset_id, economy_code, year, breakdown_key)
          WHERE f.rn <= $2
          ORDER BY f.dataset_id, f.rule, f.rn`,
        [[...ids], REPORT_EXAMPLES],
      );
      return ids.map((datasetId) => ({
        datasetId,
        rules: Object.values(QualityRule).map((rule) => {
          const mine = rows.filter((r) => r.dataset_id === datasetId && r.rule === rule);
          return {
            rule,
            severity: QUALITY_RULES[rule].severity,
            description: QUALITY_RULES[rule].description,
            count: mine[0]?.n ?? 0,
            examples: mine.map((r) => ({ observation: observationFromRow(r), message: r.message })),
          };
        }),
      }));
    },
    (report) => report.datasetId,
  ),
});
