import { EconomyKind } from "../economy/economy.entity";
import { readGeography } from "./geo";
import { readObservationFile, type ObservationSeedRow } from "./observations";
import { readCsv } from "./read-data";
import { correctsAreaCodes, DATA_FILES, DATASET_IDS, fileSource, SOURCES, UNSD_AREA_CORRECTIONS } from "./sources";

/** ITU is custodian of the SDG series IT_* and the original source of the WDI ICT series (see data/SOURCES.md). */
const CUSTODIAN = "ITU";

/**
 * Indicators whose custodian is not ITU: the UNESCO Institute for Statistics (UIS, agency UNESCO) for 4.5.1 and 4.a.1
 * (UN SDG metadata); none known for the personal-computer series, whose producer Gapminder does not document. 4.4.1
 * stays with ITU: its UN metadata says the data are compiled by ITU (UIS is co-custodian).
 */
const OTHER_CUSTODIANS: Readonly<Record<string, string | null>> = {
  ict_skills_gender_parity_index: "UNESCO",
  schools_computers_pct: "UNESCO",
  schools_internet_pct: "UNESCO",
  personal_computers_per100: null,
  personal_computers_total: null,
};

const pad = (m49: string) => m49.padStart(3, "0");

/** Reads the shipped data files into rows, checking that every reference resolves. */
export function readSeedRows() {
  const catalog = readCsv("ict_indicator_catalog.csv");

  // Which indicator each observation file holds (the catalogue's data_files column).
  const indicatorOfFile = new Map<string, string>();
  for (const row of catalog) {
    for (const file of row.data_files
      .split(";")
      .map((s) => s.trim())
      .filter(Boolean)) {
      if (indicatorOfFile.has(file)) throw new Error(`${file} is listed under two indicators of the catalogue`);
      indicatorOfFile.set(file, row.id);
    }
  }
  for (const f of DATA_FILES) if (!indicatorOfFile.has(f.file)) throw new Error(`${f.file} is not in the catalogue`);
  for (const file of indicatorOfFile.keys()) {
    if (!DATA_FILES.some((f) => f.file === file))
      throw new Error(`The catalogue lists ${file}, which the hub does not know`);
  }

  const parsed = new Map(DATA_FILES.map((f) => [f.file, readCsv(f.file)]));
  const corrected = new Map(UNSD_AREA_CORRECTIONS.map((c) => [pad(c.code), c]));
  const usedM49 = new Set<string>();
  for (const f of DATA_FILES) {
    if (f.format === "unsd") {
      for (const r of parsed.get(f.file)!)
        if (!(correctsAreaCodes(f.file) && corrected.has(pad(r.geo_area)))) usedM49.add(pad(r.geo_area));
    }
  }
  const geo = readGeography(usedM49);
  const economyCodes = new Set(geo.economies.map((e) => e.code));
  for (const c of corrected.values())
    if (!economyCodes.has(c.economy)) throw new Error(`Area code correction ${c.code} → ${c.economy}: no such economy`);

  const areaToEconomy = (format: "unsd" | "gapminder", file: string) => (code: string) => {
    if (format === "unsd")
      return (
        (correctsAreaCodes(file) ? corrected.get(pad(code))?.economy : undefined) ?? geo.byM49.get(pad(code)) ?? null
      );
    return geo.byGapminderId.get(code) ?? (economyCodes.has(code.toUpperCase()) ? code.toUpperCase() : null);
  };
  const remappedAreaCodes = DATA_FILES.filter((f) => f.format === "unsd" && correctsAreaCodes(f.file)).flatMap((f) =>
    [...corrected.values()].flatMap((c) => {
      const rows = parsed.get(f.file)!.filter((r) => pad(r.geo_area) === pad(c.code)).length;
      return rows > 0 ? [{ file: f.file, code: c.code, economy: c.economy, rows }] : [];
    }),
  );

  const files = DATA_FILES.map((f) =>
    readObservationFile(f, parsed.get(f.file)!, indicatorOfFile.get(f.file)!, areaToEconomy(f.format, f.file)),
  );
  const observations: ObservationSeedRow[] = files.flatMap((f) => f.observations);

  const indicators = catalog.map((r, i) => {
    const datasets = r.data_files
      .split(";")
      .map((s) => s.trim())
      .filter(Boolean)
      .map((file) => DATA_FILES.find((f) => f.file === file)!);
    return {
      code: r.id,
      sortOrder: i + 1,
      name: r.name,
      unit: r.unit,
      description: r.unsd_series_description || null,
      definition: r.definition_wdi || null,
      wdiCode: r.wdi_code || null,
      unsdSeriesCode: r.unsd_sdg_series || null,
      ituDataHubCode: r.itu_datahub_code_as_seen_in_third_party_code || null,
      custodianAgencyId: r.id in OTHER_CUSTODIANS ? OTHER_CUSTODIANS[r.id] : CUSTODIAN,
      // The official SDG series (with M49 aggregates and breakdowns) where there is one; otherwise the file's dataset.
      defaultDatasetId: datasets.some((d) => d.datasetId === DATASET_IDS.unsd)
        ? DATASET_IDS.unsd
        : datasets[0].datasetId,
      sourceId: SOURCES.catalog.id,
      datasets: datasets.map((d) => ({
        indicatorCode: r.id,
        datasetId: d.datasetId,
        seriesCode: d.datasetId === DATASET_IDS.unsd ? r.unsd_sdg_series || null : r.wdi_code || null,
        file: d.file,
        lastUpdated: d.lastUpdated,
        sourceId: fileSource(d).id,
      })),
      sdg: r.sdg_indicator
        ? [
            {
              indicatorCode: r.id,
              sdgIndicatorCode: r.sdg_indicator,
              sdgTargetCode: r.sdg_target || null,
              sourceId: SOURCES.catalog.id,
            },
          ]
        : [],
    };
  });

  const countryCodes = new Set(geo.economies.filter((e) => e.kind === EconomyKind.COUNTRY).map((e) => e.code));
  const populationSkipped = new Set<string>();
  const population = readCsv("wb_sp_pop_totl_2000-2024.csv").flatMap((r) => {
    if (!countryCodes.has(r["Country Code"])) {
      populationSkipped.add(r["Country Code"]);
      return [];
    }
    if (!/^[0-9]+$/.test(r.Value) || !/^[0-9]{4}$/.test(r.Year))
      throw new Error(`Population row ${JSON.stringify(r)} is not a count`);
    return [{ economyCode: r["Country Code"], year: Number(r.Year), value: r.Value, sourceId: SOURCES.population.id }];
  });

  return {
    geo,
    indicators,
    files,
    observations,
    population,
    populationSkipped: [...populationSkipped].sort(),
    remappedAreaCodes,
  };
}
