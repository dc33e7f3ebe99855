import { Observation } from "./observation.entity";

/**
 * The stored columns of an observation version, in the order of both tables (`observation`, `observation_revision`),
 * the release aside (a current value's `release`, a revision's `valid_from_release`): the one list every statement
 * that reads or writes observations is written from.
 */
export const VERSION_COLUMNS = [
  "indicator_code",
  "dataset_id",
  "economy_code",
  "year",
  "breakdown_key",
  "sex",
  "age",
  "speed",
  "location",
  "value",
  "value_text",
  "unit_code",
  "nature",
  "footnote",
  "source_area_code",
  "source_id",
] as const;

/** The version columns as a list for an INSERT or a SELECT, each prefixed with `alias.` when one is given. */
export function versionColumns(alias?: string): string {
  return VERSION_COLUMNS.map((c) => (alias ? `${alias}.${c}` : c)).join(", ");
}

/**
 * The select list that reads a row of `alias` as an ObservationRow: `value` as text (the exact decimal), and the
 * release from `release` (the row's own `release` column unless told).
 */
export function observationSelect(alias: string, release = `${alias}.release`): string {
  const columns = VERSION_COLUMNS.map((c) => (c === "value" ? `${alias}.value::text AS value` : `${alias}.${c}`));
  return [...columns, release === `${alias}.release` ? release : `${release} AS release`].join(", ");
}

/** The columns every hand-written observation read selects (from `observation o`, or a relation aliased `o`). */
export const OBSERVATION_COLUMNS = observationSelect("o");

export interface ObservationRow {
  indicator_code: string;
  dataset_id: string;
  economy_code: string;
  year: number;
  breakdown_key: string;
  sex: string | null;
  age: string | null;
  speed: string | null;
  location: string | null;
  value: string;
  value_text: string;
  unit_code: string | null;
  nature: string | null;
  footnote: string | null;
  source_area_code: string;
  source_id: string;
  release: number;
}

export function observationFromRow(row: ObservationRow): Observation {
  return Object.assign(new Observation(), {
    indicatorCode: row.indicator_code,
    datasetId: row.dataset_id,
    economyCode: row.economy_code,
    year: row.year,
    breakdownKey: row.breakdown_key,
    sex: row.sex,
    age: row.age,
    speed: row.speed,
    location: row.location,
    value: row.value,
    valueText: row.value_text,
    unitCode: row.unit_code,
    nature: row.nature,
    footnote: row.footnote,
    sourceAreaCode: row.source_area_code,
    sourceId: row.source_id,
    release: row.release,
  });
}

/** The key of one observation, as used by loaders and `Observation.id`. */
export interface ObservationKey {
  indicator: string;
  dataset: string;
  economy: string;
  year: number;
  breakdownKey: string;
}

export function observationId(
  o: Pick<Observation, "indicatorCode" | "datasetId" | "economyCode" | "year" | "breakdownKey">,
): string {
  return [o.indicatorCode, o.datasetId, o.economyCode, o.year, o.breakdownKey].join("|");
}

/** The key of an observation id (indicator|dataset|economy|year|breakdown key), the inverse of observationId. */
export function decodeObservationId(id: string): ObservationKey {
  const [indicator, dataset, economy, year, ...rest] = id.split("|");
  return { indicator, dataset, economy, year: Number(year), breakdownKey: rest.join("|") };
}

/**
 * Observation keys as the parameter arrays of `unnest($a::text[], $b::text[], $c::text[], $d::int[], $e::text[])`
 * AS k(indicator_code, dataset_id, economy_code, year, breakdown_key): one statement for any number of keys.
 */
export function keyArrays(keys: readonly ObservationKey[]): [string[], string[], string[], number[], string[]] {
  return [
    keys.map((k) => k.indicator),
    keys.map((k) => k.dataset),
    keys.map((k) => k.economy),
    keys.map((k) => k.year),
    keys.map((k) => k.breakdownKey),
  ];
}

/** A loader key made of an observation id and a release ("<id>@<release>"), split. */
export function decodeVersionKey(key: string): { key: string; observation: ObservationKey; release: number } {
  const at = key.lastIndexOf("@");
  return { key, observation: decodeObservationId(key.slice(0, at)), release: Number(key.slice(at + 1)) };
}
