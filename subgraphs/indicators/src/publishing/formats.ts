import { normaliseEconomyCode } from "../codes";
import { BREAKDOWN_CODES, BREAKDOWN_DIMENSIONS, type BreakdownDimension } from "../observation/breakdown";
import type { StagingRow } from "./staging";
import { UNIT_CODE_ALIASES } from "./units";
import { UNSD_AREA_CORRECTIONS } from "../seed/sources";

/** The file formats the import reads. */
export enum ImportFormat {
  CSV = "CSV",
  SDMX_CSV = "SDMX_CSV",
}

/** A problem with the file as a whole (its header): the import stops before reading any row. */
export class HeaderError extends Error {
  constructor(readonly problems: Array<{ line: number; field: string; message: string }>) {
    super(problems.map((p) => `line ${p.line}, ${p.field}: ${p.message}`).join("; "));
    this.name = "HeaderError";
  }
}

/** The fields a row can be faulted on, in the hub's terms; each format names them in its own. */
export type GenericField =
  "indicator" | "economy" | "period" | BreakdownDimension | "value" | "unit" | "nature" | "footnote" | "key" | "row";

/** Reads the rows of one format: the header first, then each data row into a staging row. */
export interface RowMapper {
  /** Checks the header (throws HeaderError) and remembers where each column is. */
  header(fields: string[], line: number): void;
  row(fields: string[], line: number, ord: number): StagingRow;
  /** The name of a field in this format (a column of the file). */
  fieldName(field: string): string;
  /** The field (as `row` reports problems) a column of the file holds, by its position; its own name if none. */
  fieldOfColumn(index: number): string;
  /** SDMX-CSV names indicators by their UNSD series code only. */
  readonly seriesCodesOnly: boolean;
}

const TOTAL_ALIASES = new Set(["", "_T", "TOTAL"]);

/** A breakdown code given in the hub's codes: total aliases and the dimension's own total code are the total (""). */
export function hubDimension(dimension: BreakdownDimension, raw: string): string {
  const code = raw.trim().toUpperCase();
  return TOTAL_ALIASES.has(code) || code === BREAKDOWN_CODES[dimension].total ? "" : code;
}

function emptyDims<T>(value: T): Record<BreakdownDimension, T> {
  return { age: value, location: value, sex: value, speed: value };
}

function unitCode(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  return code === "" ? "" : (UNIT_CODE_ALIASES.get(code) ?? null);
}

const orNull = (s: string): string | null => (s === "" ? null : s);

/** The problems of a row that has none (shared: a million rows need not allocate a million empty lists). */
const NO_PROBLEMS: StagingRow["problems"] = Object.freeze([]) as unknown as StagingRow["problems"];

// ---- the hub's CSV ---------------------------------------------------------------------------------------------------

const CSV_COLUMNS = [
  "indicator",
  "economy",
  "period",
  "year",
  "value",
  "sex",
  "age",
  "speed",
  "location",
  "unit",
  "nature",
  "footnote",
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

/**
 * The hub's own CSV: a header naming the columns (any order, any case): indicator (hub code, UNSD series or WDI code),
 * economy (ISO3 or M49), period (or year: YYYY), value (a plain decimal), and optionally sex, age, speed, location
 * (the codes of Indicator.dimensions; empty or TOTAL for the total), unit, nature, footnote.
 */
export class HubCsvMapper implements RowMapper {
  readonly seriesCodesOnly = false;
  private index = new Map<CsvColumn, number>();
  private width = 0;
  private periodColumn: "period" | "year" = "period";
  // Column positions, -1 when absent (read on every row: plain numbers, no lookups).
  private at = {
    indicator: -1,
    economy: -1,
    period: -1,
    value: -1,
    sex: -1,
    age: -1,
    speed: -1,
    location: -1,
    unit: -1,
    nature: -1,
    footnote: -1,
  };

  header(fields: string[], line: number): void {
    const problems: HeaderError["problems"] = [];
    const names = fields.map((f) => f.trim().toLowerCase());
    names.forEach((name, i) => {
      if (!(CSV_COLUMNS as readonly string[]).includes(name)) {
        problems.push({
          line,
          field: fields[i],
          message: `unknown column ${JSON.stringify(fields[i])}; the columns are ${CSV_COLUMNS.join(", ")}`,
        });
      } else if (this.index.has(name as CsvColumn)) {
        problems.push({ line, field: fields[i], message: `column ${JSON.stringify(fields[i])} appears twice` });
      } else this.index.set(name as CsvColumn, i);
    });
    if (this.index.has("period") && this.index.has("year"))
      problems.push({ line, field: "year", message: `give "period" or "year", not both` });
    if (this.index.has("year")) this.periodColumn = "year";
    for (const required of ["indicator", "economy", "value"] as const) {
      if (!this.index.has(required))
        problems.push({ line, field: required, message: `the required column "${required}" is missing` });
    }
    if (!this.index.has("period") && !this.index.has("year"))
      problems.push({ line, field: "period", message: `the required column "period" (or "year") is missing` });
    if (problems.length) throw new HeaderError(problems);
    this.width = fields.length;
    for (const key of Object.keys(this.at) as Array<keyof HubCsvMapper["at"]>) {
      this.at[key] = this.index.get(key === "period" ? this.periodColumn : key) ?? -1;
    }
  }

  row(fields: string[], line: number, ord: number): StagingRow {
    const at = this.at;
    const get = (i: number): string => (i < 0 ? "" : (fields[i] ?? "").trim());
    const broken = fields.length !== this.width;
    const economyRaw = get(at.economy);
    const sex = get(at.sex);
    const age = get(at.age);
    const speed = get(at.speed);
    const location = get(at.location);
    const unitRaw = get(at.unit);
    const nature = get(at.nature);
    const footnote = get(at.footnote);
    return {
      ord,
      line,
      indicator: get(at.indicator),
      economy: economyRaw === "" ? null : normaliseEconomyCode(economyRaw),
      economyRaw,
      period: get(at.period),
      dims: {
        sex: sex === "" ? "" : hubDimension("sex", sex),
        age: age === "" ? "" : hubDimension("age", age),
        speed: speed === "" ? "" : hubDimension("speed", speed),
        location: location === "" ? "" : hubDimension("location", location),
      },
      dimsRaw: { sex, age, speed, location },
      value: get(at.value),
      unit: unitRaw === "" ? "" : unitCode(unitRaw),
      unitRaw,
      nature: nature === "" ? null : nature.toUpperCase(),
      footnote: footnote === "" ? null : footnote,
      problems: broken
        ? [{ field: "row", message: `${fields.length} fields where the header has ${this.width}` }]
        : NO_PROBLEMS,
      broken,
    };
  }

  fieldName(field: string): string {
    return field === "period" ? this.periodColumn : field;
  }

  fieldOfColumn(index: number): string {
    for (const [name, i] of this.index) if (i === index) return name === "year" ? "period" : name;
    return `column ${index + 1}`;
  }
}

// ---- SDMX-CSV --------------------------------------------------------------------------------------------------------

/** SDMX codes of the breakdowns the hub stores, mapped to the hub's (UNSD API) codes; "_T" is the total. */
export const SDMX_CODES: Record<BreakdownDimension, { column: string; codes: Record<string, string> | null }> = {
  sex: { column: "SEX", codes: { _T: "", F: "FEMALE", M: "MALE" } },
  speed: {
    column: "COMPOSITE_BREAKDOWN",
    codes: { _T: "", IS_256KT2M: "256KT2MBPS", IS_2MT10M: "2MT10MBPS", IS_GE10M: "10MBPS" },
  },
  location: { column: "URBANISATION", codes: { _T: "", U: "URBAN", R: "RURAL" } },
  // Age groups keep their SDMX code (Y15T24...): the breakdown codes of the indicator decide.
  age: { column: "AGE", codes: null },
};

/** Dimensions of the SDG DSD that the hub does not break observations down by: only the total is accepted. */
const SDMX_TOTAL_ONLY = [
  "INCOME_WEALTH_QUANTILE",
  "EDUCATION_LEV",
  "OCCUPATION",
  "CUST_BREAKDOWN",
  "DISABILITY_STATUS",
  "ACTIVITY",
  "PRODUCT",
];

const SDMX_FIELDS: Record<string, string> = {
  indicator: "SERIES",
  economy: "REF_AREA",
  period: "TIME_PERIOD",
  value: "OBS_VALUE",
  unit: "UNIT_MEASURE",
  nature: "NATURE",
  footnote: "COMMENT_OBS",
  sex: "SEX",
  speed: "COMPOSITE_BREAKDOWN",
  location: "URBANISATION",
  age: "AGE",
};

const SDMX_REQUIRED = ["SERIES", "REF_AREA", "TIME_PERIOD", "OBS_VALUE"];
const SDMX_KNOWN = new Set([
  "DATAFLOW",
  "FREQ",
  "REPORTING_TYPE",
  "UNIT_MULT",
  ...SDMX_REQUIRED,
  "UNIT_MEASURE",
  "NATURE",
  "OBS_STATUS",
  "COMMENT_OBS",
  ...Object.values(SDMX_CODES).map((c) => c.column),
  ...SDMX_TOTAL_ONLY,
]);

/**
 * SDMX-CSV 1.0 as the UN SDG data flows write it (DATAFLOW, then the dimensions of the IAEG-SDGs DSD, TIME_PERIOD,
 * OBS_VALUE, attributes): SERIES is the UNSD series code, REF_AREA the M49 number, SEX _T/F/M, COMPOSITE_BREAKDOWN
 * the speed bands (IS_256KT2M, IS_2MT10M, IS_GE10M), UNIT_MEASURE PT or PER_100_POP, NATURE the UNSD nature code.
 * FREQ must be A (annual), REPORTING_TYPE G (global data), UNIT_MULT 0, and the other dimensions _T.
 */
export class SdmxCsvMapper implements RowMapper {
  readonly seriesCodesOnly = true;
  private index = new Map<string, number>();
  private width = 0;

  header(fields: string[], line: number): void {
    const problems: HeaderError["problems"] = [];
    fields.forEach((raw, i) => {
      const name = raw.trim().toUpperCase();
      if (!SDMX_KNOWN.has(name))
        problems.push({
          line,
          field: raw,
          message: `column ${JSON.stringify(raw)} is not one the hub reads (it would be lost)`,
        });
      else if (this.index.has(name))
        problems.push({ line, field: raw, message: `column ${JSON.stringify(raw)} appears twice` });
      else this.index.set(name, i);
    });
    for (const required of SDMX_REQUIRED) {
      if (!this.index.has(required))
        problems.push({ line, field: required, message: `the required column ${required} is missing` });
    }
    if (problems.length) throw new HeaderError(problems);
    this.width = fields.length;
  }

  row(fields: string[], line: number, ord: number): StagingRow {
    const get = (c: string) => {
      const i = this.index.get(c);
      return i === undefined ? "" : (fields[i] ?? "").trim();
    };
    const problems: StagingRow["problems"] = [];
    const broken = fields.length !== this.width;
    if (broken) problems.push({ field: "row", message: `${fields.length} fields where the header has ${this.width}` });
    const expect = (column: string, allowed: string[], why: string) => {
      const v = get(column);
      if (v !== "" && !allowed.includes(v)) problems.push({ field: column, message: `${JSON.stringify(v)}: ${why}` });
    };
    if (!broken) {
      expect("FREQ", ["A"], "the hub stores annual figures only (FREQ A)");
      expect("REPORTING_TYPE", ["G"], "the hub's datasets hold global data (REPORTING_TYPE G)");
      expect("UNIT_MULT", ["0"], "values must be in units (UNIT_MULT 0)");
      for (const column of SDMX_TOTAL_ONLY)
        expect(column, ["_T"], `the hub stores no breakdown by ${column}; only _T (total) is accepted`);
    }
    const dims = emptyDims<string | null>("");
    const dimsRaw = emptyDims("");
    for (const d of BREAKDOWN_DIMENSIONS) {
      const { column, codes } = SDMX_CODES[d];
      const raw = get(column);
      dimsRaw[d] = raw;
      if (raw === "" || raw === "_T") dims[d] = "";
      else if (codes === null) dims[d] = raw.toUpperCase();
      else dims[d] = codes[raw] ?? null;
    }
    const area = get("REF_AREA");
    const unitRaw = get("UNIT_MEASURE");
    const series = get("SERIES");
    return {
      ord,
      line,
      indicator: series,
      economy: /^[0-9]{1,3}$/.test(area) ? (ituSeriesArea(series, area) ?? area.padStart(3, "0")) : null,
      economyRaw: area,
      period: get("TIME_PERIOD"),
      dims,
      dimsRaw,
      value: get("OBS_VALUE"),
      unit: unitRaw === "" ? "" : (UNIT_CODE_ALIASES.get(unitRaw) ?? null),
      unitRaw,
      // OBS_STATUS: the hub's own SDMX export names the nature so (the SDMX concept of an observation's status).
      nature: orNull((get("NATURE") || get("OBS_STATUS")).toUpperCase()),
      footnote: orNull(get("COMMENT_OBS")),
      problems,
      broken,
    };
  }

  fieldName(field: string): string {
    return SDMX_FIELDS[field] ?? field;
  }

  fieldOfColumn(index: number): string {
    for (const [name, i] of this.index) {
      if (i === index) return Object.keys(SDMX_FIELDS).find((field) => SDMX_FIELDS[field] === name) ?? name;
    }
    return `column ${index + 1}`;
  }
}

const AREA_CORRECTIONS = new Map(UNSD_AREA_CORRECTIONS.map((c) => [c.code, c.economy]));

/**
 * The economy an area code of the UN SDG database's ITU series (IT_...) stands for where it is not the M49 area of
 * that number: 57 is the Federated States of Micronesia in those series, as in the files the hub ships (see
 * UNSD_AREA_CORRECTIONS). Null: the M49 number is the economy's.
 */
function ituSeriesArea(series: string, area: string): string | null {
  return /^IT_/i.test(series) ? (AREA_CORRECTIONS.get(String(Number(area))) ?? null) : null;
}

export function mapperFor(format: ImportFormat): RowMapper {
  return format === ImportFormat.SDMX_CSV ? new SdmxCsvMapper() : new HubCsvMapper();
}

/** Guesses the format from a header line: SDMX-CSV has SERIES, REF_AREA, TIME_PERIOD and OBS_VALUE. */
export function detectFormat(header: string[]): ImportFormat {
  const names = new Set(header.map((h) => h.trim().toUpperCase()));
  return SDMX_REQUIRED.every((c) => names.has(c)) ? ImportFormat.SDMX_CSV : ImportFormat.CSV;
}
