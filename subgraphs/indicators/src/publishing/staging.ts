import type { BreakdownDimension, KeyDimension } from "../observation/breakdown";

/**
 * One row as staged for set-based validation, whatever it came from (a CSV or SDMX-CSV line, an element of a
 * publishObservations or withdrawObservations input). Codes are already mapped to the hub's codes where the format
 * fixes them; lookups (indicator, economy, breakdown codes of the indicator, bounds of its unit) are left to SQL.
 *
 * Dimensions and `unit`: "" is the total / not given; null is a code the format does not know (the raw text says which).
 */
export interface StagingRow {
  /** 0-based position among the data rows (the index in an input list). */
  ord: number;
  /** Line of the file the row starts on (null for an input list). */
  line: number | null;
  indicator: string;
  /** Normalised economy code (ISO3 upper-cased or zero-padded M49); null when the format does not accept the code. */
  economy: string | null;
  economyRaw: string;
  period: string;
  dims: Record<BreakdownDimension, string | null>;
  dimsRaw: Record<BreakdownDimension, string>;
  /**
   * The dimensions that live in the breakdown key only (type of skill, education level), as dims: "" none, null a code
   * the format does not know. Absent: none (the hub's CSV and the GraphQL inputs do not name them).
   */
  keyDims?: Record<KeyDimension, string | null>;
  keyDimsRaw?: Record<KeyDimension, string>;
  value: string | null;
  unit: string | null;
  unitRaw: string;
  nature: string | null;
  footnote: string | null;
  /** Problems the format finds on its own (an SDMX dimension the hub does not store, a wrong number of fields). */
  problems: Array<{ field: string; message: string }>;
  /** True when the row is unreadable as a whole (wrong number of fields): its other fields are not checked. */
  broken: boolean;
}

/** The staging table: a temporary table of the transaction, filled by COPY. */
export const STAGING_COLUMNS = [
  "ord",
  "line",
  "indicator",
  "economy",
  "economy_raw",
  "period",
  "sex",
  "sex_raw",
  "age",
  "age_raw",
  "speed",
  "speed_raw",
  "location",
  "location_raw",
  "skill",
  "skill_raw",
  "education_level",
  "education_level_raw",
  "value",
  "unit",
  "unit_raw",
  "nature",
  "footnote",
  "problems",
  "broken",
] as const;

export const STAGING_DDL = `CREATE TEMP TABLE import_staging (
  ord int NOT NULL, line int, indicator text, economy text, economy_raw text, period text,
  sex text, sex_raw text, age text, age_raw text, speed text, speed_raw text, location text, location_raw text,
  skill text, skill_raw text, education_level text, education_level_raw text,
  value text, unit text, unit_raw text, nature text, footnote text, problems jsonb, broken boolean NOT NULL
) ON COMMIT DROP`;

const NO_KEY_DIMS: Record<KeyDimension, string | null> = Object.freeze({ skill: "", educationLevel: "" });
const NO_KEY_DIMS_RAW: Record<KeyDimension, string> = Object.freeze({ skill: "", educationLevel: "" });

/** COPY text format: backslash, tab, newline and carriage return escaped; \N is NULL. */
export function copyText(value: string | null): string {
  if (value === null) return "\\N";
  if (!/[\\\t\n\r]/.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

/** A raw code worth keeping for messages: only when it differs from the code it was mapped to. */
const rawIfDifferent = (raw: string, mapped: string | null): string | null =>
  raw === "" || (mapped !== null && (raw === mapped || raw.toUpperCase() === mapped)) ? null : raw;

/**
 * One staging row as a line of COPY text, in the order of STAGING_COLUMNS. `clean` says that no text holds a
 * backslash, tab or line end (what the CSV reader knows of a whole line at once), so nothing needs escaping: the hot
 * path of a large file.
 */
export function stagingLine(r: StagingRow, clean = false): string {
  const t = clean ? (v: string | null) => (v === null ? "\\N" : v) : copyText;
  const d = r.dims;
  const raw = r.dimsRaw;
  const k = r.keyDims ?? NO_KEY_DIMS;
  const kRaw = r.keyDimsRaw ?? NO_KEY_DIMS_RAW;
  return `${r.ord}\t${r.line === null ? "\\N" : r.line}\t${t(r.indicator)}\t${t(r.economy)}\t${t(r.economyRaw)}\t${t(r.period)}\t${t(d.sex)}\t${t(
    rawIfDifferent(raw.sex, d.sex),
  )}\t${t(d.age)}\t${t(rawIfDifferent(raw.age, d.age))}\t${t(d.speed)}\t${t(rawIfDifferent(raw.speed, d.speed))}\t${t(d.location)}\t${t(
    rawIfDifferent(raw.location, d.location),
  )}\t${t(k.skill)}\t${t(rawIfDifferent(kRaw.skill, k.skill))}\t${t(k.educationLevel)}\t${t(
    rawIfDifferent(kRaw.educationLevel, k.educationLevel),
  )}\t${t(r.value)}\t${t(r.unit)}\t${t(rawIfDifferent(r.unitRaw, r.unit))}\t${t(r.nature)}\t${t(r.footnote)}\t${
    r.problems.length ? copyText(JSON.stringify(r.problems)) : "\\N"
  }\t${r.broken ? "t" : "f"}\n`;
}
