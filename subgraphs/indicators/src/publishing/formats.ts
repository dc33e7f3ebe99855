import { normaliseEconomyCode } from "../codes";
import { BREAKDOWN_CODES, type BreakdownDimension } from "../observation/breakdown";
import type { StagingRow } from "./staging";
import { UNIT_CODE_ALIASES } from "./units";
import { HeaderError, type RowMapper } from "./row-mapper";
import { SDMX_REQUIRED, SdmxCsvMapper } from "./sdmx-csv";

export { HeaderError, type GenericField, type RowMapper } from "./row-mapper";
export { SDMX_CODES, SdmxCsvMapper } from "./sdmx-csv";

/** The file formats the import reads. */
export enum ImportFormat {
  CSV = "CSV",
  SDMX_CSV = "SDMX_CSV",
}

const TOTAL_ALIASES = new Set(["", "_T", "TOTAL"]);

/** A breakdown code given in the hub's codes: total aliases and the dimension's own total code are the total (""). */
export function hubDimension(dimension: BreakdownDimension, raw: string): string {
  const code = raw.trim().toUpperCase();
  return TOTAL_ALIASES.has(code) || code === BREAKDOWN_CODES[dimension].total ? "" : code;
}

function unitCode(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  return code === "" ? "" : (UNIT_CODE_ALIASES.get(code) ?? null);
}

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

export function mapperFor(format: ImportFormat): RowMapper {
  return format === ImportFormat.SDMX_CSV ? new SdmxCsvMapper() : new HubCsvMapper();
}

/** Guesses the format from a header line: SDMX-CSV has SERIES, REF_AREA, TIME_PERIOD and OBS_VALUE. */
export function detectFormat(header: string[]): ImportFormat {
  const names = new Set(header.map((h) => h.trim().toUpperCase()));
  return SDMX_REQUIRED.every((c) => names.has(c)) ? ImportFormat.SDMX_CSV : ImportFormat.CSV;
}
