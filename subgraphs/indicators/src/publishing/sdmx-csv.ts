import { BREAKDOWN_DIMENSIONS, type AnyDimension, type BreakdownDimension } from "../observation/breakdown";
import { UNSD_AREA_CORRECTIONS } from "../seed/sources";
import { HeaderError, type RowMapper } from "./row-mapper";
import type { StagingRow } from "./staging";
import { UNIT_CODE_ALIASES } from "./units";

function emptyDims<T>(value: T): Record<BreakdownDimension, T> {
  return { age: value, location: value, sex: value, speed: value };
}

const orNull = (s: string): string | null => (s === "" ? null : s);

/** The hub's code of an SDMX code: "" the total (or nothing given), null a code the mapping does not know. */
function sdmxToHub(raw: string, codes: Record<string, string> | null): string | null {
  if (raw === "" || raw === "_T") return "";
  return codes === null ? raw.toUpperCase() : (codes[raw] ?? null);
}

/**
 * SDMX codes of the breakdowns the hub stores, mapped to the hub's (UNSD API) codes; "_T" is the total. The UN SDG DSD
 * (IAEG-SDGs:SDG, dataflow DF_SDG_GLH) has no dimension of its own for the type of ICT skill: it is a code of
 * COMPOSITE_BREAKDOWN (SKILL_ICT...), which also holds the fixed-broadband speed bands (IS_...); no series is broken
 * down by both. Education level is its dimension EDUCATION_LEV, in ISCED 2011 levels. Sources of each pairing: the README,
 * "For statisticians".
 */
export const SDMX_CODES: Record<AnyDimension, { column: string; codes: Record<string, string> | null }> = {
  sex: { column: "SEX", codes: { _T: "", F: "FEMALE", M: "MALE" } },
  speed: {
    column: "COMPOSITE_BREAKDOWN",
    codes: { _T: "", IS_256KT2M: "256KT2MBPS", IS_2MT10M: "2MT10MBPS", IS_GE10M: "10MBPS" },
  },
  location: { column: "URBANISATION", codes: { _T: "", U: "URBAN", R: "RURAL" } },
  // Age groups keep their SDMX code (Y15T24...): the breakdown codes of the indicator decide.
  age: { column: "AGE", codes: null },
  // No total: every figure of SE_ADT_ACTS and SE_GPI_ICTS is for one skill. SCRTY has no SDMX code that the hub
  // found (the UN's content constraint lists none for it): it is exchanged as the hub's code.
  skill: {
    column: "COMPOSITE_BREAKDOWN",
    codes: {
      SKILL_ICTATCH: "EMAIL",
      SKILL_ICTCPT: "COPA",
      SKILL_ICTCDV: "INST",
      SKILL_ICTSSHT: "ARSP",
      SKILL_ICTPRGM: "PCPR",
      SKILL_ICTPST: "EPRS",
      SKILL_ICTSFWR: "SOFT",
      SKILL_ICTTRFF: "TRAF",
      SKILL_ICTCMFL: "CMFL",
      SKILL_ICTPRVCY: "PRVCY",
      SKILL_ICTVRFY: "VRFY",
      SCRTY: "SCRTY",
    },
  },
  // No total: every figure of SE_ACS_CMPTR and SE_ACS_INTNT is for one level.
  educationLevel: {
    column: "EDUCATION_LEV",
    codes: { ISCED11_1: "PRIMAR", ISCED11_2: "LOWSEC", ISCED11_3: "UPPSEC", ISCED11_2_3: "SECOND" },
  },
};

/** Dimensions of the SDG DSD that the hub does not break observations down by: only the total is accepted. */
const SDMX_TOTAL_ONLY = [
  "INCOME_WEALTH_QUANTILE",
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
  skill: "COMPOSITE_BREAKDOWN",
  educationLevel: "EDUCATION_LEV",
};

export const SDMX_REQUIRED = ["SERIES", "REF_AREA", "TIME_PERIOD", "OBS_VALUE"];
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
 * the speed bands (IS_256KT2M, IS_2MT10M, IS_GE10M) or the type of ICT skill (SKILL_ICT...), EDUCATION_LEV the ISCED
 * 2011 level (ISCED11_1...), UNIT_MEASURE PT or PER_100_POP, NATURE the UNSD nature code.
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
    // COMPOSITE_BREAKDOWN holds a skill or a speed: a skill code is the skill, anything else is read as a speed.
    const composite = get("COMPOSITE_BREAKDOWN");
    const skill = SDMX_CODES.skill.codes![composite];
    for (const d of BREAKDOWN_DIMENSIONS) {
      const { column, codes } = SDMX_CODES[d];
      const raw = d === "speed" && skill !== undefined ? "" : get(column);
      dimsRaw[d] = raw;
      dims[d] = sdmxToHub(raw, codes);
    }
    const education = get("EDUCATION_LEV");
    const keyDims = { skill: skill ?? "", educationLevel: sdmxToHub(education, SDMX_CODES.educationLevel.codes) };
    const keyDimsRaw = { skill: skill === undefined ? "" : composite, educationLevel: education };
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
      keyDims,
      keyDimsRaw,
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
