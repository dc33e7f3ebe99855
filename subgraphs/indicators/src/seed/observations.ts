import { breakdownKey } from "../observation/breakdown";
import { readCsvHeader, type CsvRow } from "./read-data";
import { type DataFile, fileSource } from "./sources";

export interface ObservationSeedRow {
  indicatorCode: string;
  datasetId: string;
  economyCode: string;
  year: number;
  breakdownKey: string;
  sex: string | null;
  age: string | null;
  speed: string | null;
  location: string | null;
  valueText: string;
  unitCode: string | null;
  nature: string | null;
  footnote: string | null;
  sourceAreaCode: string;
  sourceId: string;
}

/** Rows of a file whose area code maps to no economy: not loaded, reported. */
export interface UnmappedAreaCode {
  file: string;
  code: string;
  rows: number;
}

export interface FileReadResult {
  file: string;
  rows: number;
  observations: ObservationSeedRow[];
  unmapped: UnmappedAreaCode[];
}

const DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;
const YEAR = /^[0-9]{4}$/;

/** The dimension columns of the UNSD files the hub understands; any other column stops the seed (nothing is lost silently). */
const UNSD_DIMENSIONS = new Set([
  "age",
  "education_level",
  "freq",
  "geo_area",
  "location",
  "nature",
  "sex",
  "type_of_skill",
  "type_of_speed",
  "units",
  "year",
]);

/** "notspec" (not specified) is no breakdown; other codes are the UNSD API codes, stored upper-cased. */
const dimension = (value: string | undefined): string | null =>
  value === undefined || value === "" || value === "notspec" ? null : value.toUpperCase();

function valueColumn(file: string, known: ReadonlySet<string>): string {
  const header = readCsvHeader(file);
  const values = header.filter((c) => !known.has(c));
  if (values.length !== 1)
    throw new Error(`${file}: expected one value column besides ${[...known].join(", ")}; found ${values.join(", ")}`);
  return values[0];
}

function check(file: string, line: number, row: CsvRow, valueText: string, year: string): void {
  if (!DECIMAL.test(valueText))
    throw new Error(`${file} line ${line}: value ${JSON.stringify(valueText)} is not a plain decimal`);
  if (!YEAR.test(year))
    throw new Error(`${file} line ${line}: year ${JSON.stringify(year)} is not a year (${JSON.stringify(row)})`);
}

/**
 * Turns the parsed rows of one observation file into rows of the observation table, exactly: the value text as written, every dimension
 * kept, the area code of the file kept beside the economy it maps to.
 */
export function readObservationFile(
  f: DataFile,
  rows: readonly CsvRow[],
  indicatorCode: string,
  areaToEconomy: (code: string) => string | null,
): FileReadResult {
  const sourceId = fileSource(f).id;
  const unmapped = new Map<string, number>();
  const observations: ObservationSeedRow[] = [];
  const known = f.format === "unsd" ? UNSD_DIMENSIONS : new Set(["geo", "time"]);
  const valueCol = valueColumn(f.file, known);
  rows.forEach((row, index) => {
    const line = index + 2;
    const area = f.format === "unsd" ? row.geo_area : row.geo;
    const year = f.format === "unsd" ? row.year : row.time;
    const valueText = row[valueCol];
    check(f.file, line, row, valueText, year);
    const economyCode = areaToEconomy(area);
    if (economyCode === null) {
      unmapped.set(area, (unmapped.get(area) ?? 0) + 1);
      return;
    }
    if (f.format === "unsd" && row.freq !== undefined && row.freq !== "notspec") {
      throw new Error(
        `${f.file} line ${line}: frequency ${JSON.stringify(row.freq)} is not annual/unspecified; the hub stores annual figures only`,
      );
    }
    const dims =
      f.format === "unsd"
        ? {
            sex: dimension(row.sex),
            age: dimension(row.age),
            speed: dimension(row.type_of_speed),
            location: dimension(row.location),
          }
        : { sex: null, age: null, speed: null, location: null };
    // Type of skill and education level have no column: they are in the breakdown key only (see KEY_DIMENSIONS).
    const keyOnly =
      f.format === "unsd"
        ? { skill: dimension(row.type_of_skill), educationLevel: dimension(row.education_level) }
        : {};
    observations.push({
      indicatorCode,
      datasetId: f.datasetId,
      economyCode,
      year: Number(year),
      breakdownKey: breakdownKey({ ...dims, ...keyOnly }),
      ...dims,
      valueText,
      unitCode: f.format === "unsd" ? dimension(row.units) : null,
      nature: f.format === "unsd" ? dimension(row.nature) : null,
      footnote: null,
      sourceAreaCode: area,
      sourceId,
    });
  });
  const seen = new Set<string>();
  for (const o of observations) {
    const key = [o.indicatorCode, o.datasetId, o.economyCode, o.year, o.breakdownKey].join("|");
    if (seen.has(key))
      throw new Error(`${f.file}: two rows for ${key} (the area codes of two rows map to one economy?)`);
    seen.add(key);
  }
  return {
    file: f.file,
    rows: rows.length,
    observations,
    unmapped: [...unmapped].map(([code, n]) => ({ file: f.file, code, rows: n })),
  };
}
