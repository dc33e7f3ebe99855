import { upsertRows, upsertSources } from "@wsis/shared";
import type { DataSource, EntityManager } from "typeorm";
import { EconomyKind } from "../economy/economy.entity";
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension } from "../observation/breakdown";
import { VERSION_COLUMNS } from "../observation/observation.rows";
import { refreshDatasetChoice } from "../dataset/dataset-choice";
import { refreshAllQualityFlags } from "../quality/quality.flags";
import type { ObservationSeedRow, UnmappedAreaCode } from "./observations";
import { readSeedRows } from "./read-seed-rows";
import { DATA_FILES, DATASETS, fileSource, SOURCES } from "./sources";

export interface SeedCounts {
  economies: number;
  aggregates: number;
  memberships: number;
  indicators: number;
  datasets: number;
  /** Per observation file: rows in the file, observations loaded. */
  files: Array<{ file: string; rows: number; loaded: number }>;
  observations: number;
  /** Area codes of the observation files that map to no economy (their rows are not loaded). */
  unmappedAreaCodes: UnmappedAreaCode[];
  population: number;
  /** Codes of the population file that are not economies of the hub (World Bank aggregates, the Channel Islands). */
  populationCodesSkipped: string[];
  /** Area codes of the UNSD files read as another economy than the M49 area of that number (57 → FSM), with their rows. */
  remappedAreaCodes: Array<{ file: string; code: string; economy: string; rows: number }>;
  /** Each indicator's default dataset as the rule chose it (src/dataset/dataset-choice.ts), with the figures it used. */
  defaultDatasets: Array<{
    indicator: string;
    dataset: string;
    latestCompleteYear: number | null;
    countries: number;
    aggregateDataset: string | null;
  }>;
  /** Quality flags per rule, after this run (src/quality). */
  qualityFlags: Record<string, number>;
  /** Rows inserted or changed by this run (0 on a second run). */
  written: number;
}

/** The note of release 1 of every dataset. */
export const RELEASE_1_NOTE =
  "Release 1: the data files shipped with the hub (data/SOURCES.md), loaded by the seed; dated by the release date of their source";

/** The breakdown codes of each indicator found in the observation rows, each with the file it was first found in. */
function breakdownCodes(observations: readonly ObservationSeedRow[]) {
  const found = new Map<
    string,
    { indicatorCode: string; dimension: BreakdownDimension; code: string; sourceId: string }
  >();
  for (const o of observations) {
    for (const dimension of BREAKDOWN_DIMENSIONS) {
      const code = o[dimension];
      const key = `${o.indicatorCode}|${dimension}|${code}`;
      if (code !== null && !found.has(key))
        found.set(key, { indicatorCode: o.indicatorCode, dimension, code, sourceId: o.sourceId });
    }
  }
  return [...found.values()];
}

/** Loads the real data, idempotently, in one transaction: a second run changes nothing and duplicates nothing. */
export async function seed(dataSource: DataSource): Promise<SeedCounts> {
  const rows = readSeedRows();
  const { geo } = rows;
  const written = await dataSource.transaction(async (m: EntityManager) => {
    let n = await upsertSources(m, [...Object.values(SOURCES), ...DATA_FILES.map(fileSource)]);
    n += await upsertRows(m, {
      table: "economy",
      columns: [
        "code",
        "m49",
        "iso2",
        "iso3",
        "name",
        "kind",
        "region",
        "sub_region",
        "intermediate_region",
        "membership_known",
        "membership_source_id",
        "membership_note",
        "source_id",
      ],
      key: ["code"],
      rows: geo.economies,
      values: (r) => [
        r.code,
        r.m49,
        r.iso2,
        r.iso3,
        r.name,
        r.kind,
        r.region,
        r.subRegion,
        r.intermediateRegion,
        r.membershipKnown,
        r.membershipSourceId,
        r.membershipNote,
        r.sourceId,
      ],
    });
    n += await upsertRows(m, {
      table: "economy_member",
      columns: ["aggregate_code", "member_code", "source_id"],
      key: ["aggregate_code", "member_code"],
      rows: geo.members,
      values: (r) => [r.aggregateCode, r.memberCode, r.sourceId],
    });
    n += await upsertRows(m, {
      table: "dataset",
      columns: [
        "id",
        "title",
        "publisher",
        "publisher_agency_id",
        "release",
        "release_date",
        "licence",
        "citation",
        "url",
        "note",
        "source_id",
      ],
      key: ["id"],
      rows: DATASETS,
      values: (r) => [
        r.id,
        r.title,
        r.publisher,
        r.publisherAgencyId,
        r.release,
        r.releaseDate,
        r.licence,
        r.citation,
        r.url,
        r.note,
        r.sourceId,
      ],
    });
    // An indicator that exists keeps the default dataset the rule chose for it (the rule runs below); a new one starts
    // with the official SDG series where there is one, until the rule runs.
    const chosen = new Map(
      (
        (await m.query(`SELECT code, default_dataset_id FROM indicator`)) as Array<{
          code: string;
          default_dataset_id: string;
        }>
      ).map((r) => [r.code, r.default_dataset_id]),
    );
    n += await upsertRows(m, {
      table: "indicator",
      columns: [
        "code",
        "sort_order",
        "name",
        "unit",
        "description",
        "definition",
        "wdi_code",
        "unsd_series_code",
        "itu_datahub_code",
        "custodian_agency_id",
        "default_dataset_id",
        "source_id",
      ],
      key: ["code"],
      rows: rows.indicators,
      values: (r) => [
        r.code,
        r.sortOrder,
        r.name,
        r.unit,
        r.description,
        r.definition,
        r.wdiCode,
        r.unsdSeriesCode,
        r.ituDataHubCode,
        r.custodianAgencyId,
        chosen.get(r.code) ?? r.defaultDatasetId,
        r.sourceId,
      ],
    });
    n += await upsertRows(m, {
      table: "indicator_sdg",
      columns: ["indicator_code", "sdg_indicator_code", "sdg_target_code", "source_id"],
      key: ["indicator_code", "sdg_indicator_code"],
      rows: rows.indicators.flatMap((i) => i.sdg),
      values: (r) => [r.indicatorCode, r.sdgIndicatorCode, r.sdgTargetCode, r.sourceId],
    });
    n += await upsertRows(m, {
      table: "indicator_dataset",
      columns: ["indicator_code", "dataset_id", "series_code", "file", "last_updated", "source_id"],
      key: ["indicator_code", "dataset_id"],
      rows: rows.indicators.flatMap((i) => i.datasets),
      values: (r) => [r.indicatorCode, r.datasetId, r.seriesCode, r.file, r.lastUpdated, r.sourceId],
    });
    // The breakdown codes each indicator takes, as found in the files: publications are validated against them.
    n += await upsertRows(m, {
      table: "indicator_breakdown_code",
      columns: ["indicator_code", "dimension", "code", "source_id"],
      key: ["indicator_code", "dimension", "code"],
      rows: breakdownCodes(rows.observations),
      values: (r) => [r.indicatorCode, r.dimension, r.code, r.sourceId],
    });
    // The shipped files are release 1 of each dataset, written once: after that the dataset's observations belong to
    // its releases (later publications revise or withdraw them), and a second run of the seed leaves them alone.
    const observationsPerDataset = new Map<string, number>();
    for (const o of rows.observations)
      observationsPerDataset.set(o.datasetId, (observationsPerDataset.get(o.datasetId) ?? 0) + 1);
    const created: Array<{ dataset_id: string }> = await m.query(
      `INSERT INTO dataset_release (dataset_id, number, published_at, published_by_agency, published_by_subject, operation, note, source_id, rows_read, inserted)
       SELECT d.id, 1, COALESCE(d.release_date::timestamptz, now()), d.publisher_agency_id, 'seed', 'SEED', $3, d.source_id, x.n, x.n
         FROM unnest($1::text[], $2::int[]) AS x(id, n) JOIN dataset d ON d.id = x.id
        ORDER BY d.id
       ON CONFLICT (dataset_id, number) DO NOTHING
       RETURNING dataset_id`,
      [[...observationsPerDataset.keys()], [...observationsPerDataset.values()], RELEASE_1_NOTE],
    );
    n += created.length;
    const releasing = new Set(created.map((r) => r.dataset_id));
    n += await upsertRows(m, {
      table: "observation",
      // The stored columns of an observation, in the order of the values below (observation.rows.ts).
      columns: VERSION_COLUMNS,
      key: ["indicator_code", "dataset_id", "economy_code", "year", "breakdown_key"],
      rows: rows.observations.filter((o) => releasing.has(o.datasetId)),
      values: (r) => [
        r.indicatorCode,
        r.datasetId,
        r.economyCode,
        r.year,
        r.breakdownKey,
        r.sex,
        r.age,
        r.speed,
        r.location,
        r.valueText,
        r.valueText,
        r.unitCode,
        r.nature,
        r.footnote,
        r.sourceAreaCode,
        r.sourceId,
      ],
    });
    n += await upsertRows(m, {
      table: "population",
      columns: ["economy_code", "year", "value", "source_id"],
      key: ["economy_code", "year"],
      rows: rows.population,
      values: (r) => [r.economyCode, r.year, r.value, r.sourceId],
    });
    // The default dataset of every indicator, and the quality flags of every observation, from the data now stored.
    n += await refreshDatasetChoice(m, null);
    n += await refreshAllQualityFlags(m);
    return n;
  });
  const defaults: Array<{
    indicator: string;
    dataset: string;
    year: number | null;
    countries: number;
    aggregates: string | null;
  }> = await dataSource.query(
    `SELECT i.code AS indicator, i.default_dataset_id AS dataset, l.latest_complete_year AS year, l.economies_in_latest_year AS countries,
            i.aggregate_dataset_id AS aggregates
       FROM indicator i LEFT JOIN indicator_dataset l ON l.indicator_code = i.code AND l.dataset_id = i.default_dataset_id
      ORDER BY i.sort_order`,
  );
  const flags: Array<{ rule: string; n: number }> = await dataSource.query(
    `SELECT rule, count(*)::int AS n FROM observation_quality_flag GROUP BY rule ORDER BY rule`,
  );
  // Fresh statistics, so the planner knows the table sizes the indexes were made for.
  await dataSource.query(
    "ANALYZE observation, economy_member, economy, population, observation_quality_flag, indicator_dataset",
  );
  return {
    economies: geo.economies.length,
    aggregates: geo.economies.filter((e) => e.kind === EconomyKind.AGGREGATE).length,
    memberships: geo.members.length,
    indicators: rows.indicators.length,
    datasets: DATASETS.length,
    files: rows.files.map((f) => ({ file: f.file, rows: f.rows, loaded: f.observations.length })),
    observations: rows.observations.length,
    unmappedAreaCodes: rows.files.flatMap((f) => f.unmapped),
    population: rows.population.length,
    populationCodesSkipped: rows.populationSkipped,
    remappedAreaCodes: rows.remappedAreaCodes,
    defaultDatasets: defaults.map((d) => ({
      indicator: d.indicator,
      dataset: d.dataset,
      latestCompleteYear: d.year,
      countries: d.countries ?? 0,
      aggregateDataset: d.aggregates,
    })),
    qualityFlags: Object.fromEntries(flags.map((f) => [f.rule, f.n])),
    written,
  };
}
