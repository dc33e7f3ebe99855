import { loaderByKey, loaderGroupedByKey, memoised } from "@wsis/shared";
import { In, type DataSource } from "typeorm";
import { readEntities } from "../entity-reader";
import { KEY_DIMENSION_CODES_SQL } from "../observation/key-dimensions";
import { IndicatorDataset } from "./indicator-dataset.entity";
import { IndicatorSdg } from "./indicator-sdg.entity";
import { Indicator } from "./indicator.entity";

/** Which breakdown codes occur in an indicator's observations. */
export interface IndicatorDimensionRow {
  indicator_code: string;
  sex: string[] | null;
  age: string[] | null;
  speed: string[] | null;
  location: string[] | null;
  skill: string[] | null;
  educationLevel: string[] | null;
}

/** How many observations a dataset has of an indicator, over which years. */
export interface IndicatorDatasetStatsRow {
  indicator_code: string;
  dataset_id: string;
  observations: number;
  first_year: number;
  last_year: number;
}

export const indicatorLoaders = (ds: DataSource) => ({
  /** Every indicator (a bounded catalogue); memoised for the request. */
  indicatorList: memoised(() => readEntities(ds, Indicator, "ORDER BY sort_order")),
  indicatorByCode: loaderByKey(
    (codes: readonly string[]) => readEntities(ds, Indicator, "WHERE code = ANY($1)", [[...codes]]),
    (row) => row.code,
  ),
  indicatorsByCustodian: loaderGroupedByKey(
    (ids: readonly string[]) =>
      ds.getRepository(Indicator).find({ where: { custodianAgencyId: In([...ids]) }, order: { sortOrder: "ASC" } }),
    (row) => row.custodianAgencyId ?? "",
  ),
  sdgLinksByIndicator: loaderGroupedByKey(
    (codes: readonly string[]) =>
      ds
        .getRepository(IndicatorSdg)
        .find({ where: { indicatorCode: In([...codes]) }, order: { sdgIndicatorCode: "ASC" } }),
    (row) => row.indicatorCode,
  ),
  sdgLinksBySdgIndicator: loaderGroupedByKey(
    (codes: readonly string[]) =>
      readEntities(ds, IndicatorSdg, "WHERE sdg_indicator_code = ANY($1) ORDER BY indicator_code", [[...codes]]),
    (row) => row.sdgIndicatorCode,
  ),
  indicatorDatasetsByIndicator: loaderGroupedByKey(
    (codes: readonly string[]) =>
      ds
        .getRepository(IndicatorDataset)
        .find({ where: { indicatorCode: In([...codes]) }, order: { datasetId: "ASC" } }),
    (row) => row.indicatorCode,
  ),
  indicatorDatasetsByDataset: loaderGroupedByKey(
    (ids: readonly string[]) =>
      ds.getRepository(IndicatorDataset).find({ where: { datasetId: In([...ids]) }, order: { indicatorCode: "ASC" } }),
    (row) => row.datasetId,
  ),
  dimensionsByIndicator: loaderByKey(
    (codes: readonly string[]): Promise<IndicatorDimensionRow[]> =>
      ds.query(
        `SELECT indicator_code,
                array_agg(DISTINCT sex ORDER BY sex) FILTER (WHERE sex IS NOT NULL) AS sex,
                array_agg(DISTINCT age ORDER BY age) FILTER (WHERE age IS NOT NULL) AS age,
                array_agg(DISTINCT speed ORDER BY speed) FILTER (WHERE speed IS NOT NULL) AS speed,
                array_agg(DISTINCT location ORDER BY location) FILTER (WHERE location IS NOT NULL) AS location,
                ${KEY_DIMENSION_CODES_SQL}
           FROM observation
          WHERE indicator_code = ANY($1)
          GROUP BY indicator_code`,
        [[...codes]],
      ),
    (row) => row.indicator_code,
  ),
  datasetStatsByIndicator: loaderGroupedByKey(
    (codes: readonly string[]): Promise<IndicatorDatasetStatsRow[]> =>
      ds.query(
        `SELECT indicator_code, dataset_id, count(*)::int AS observations, min(year) AS first_year, max(year) AS last_year
           FROM observation
          WHERE indicator_code = ANY($1)
          GROUP BY indicator_code, dataset_id`,
        [[...codes]],
      ),
    (row) => row.indicator_code,
  ),
});
