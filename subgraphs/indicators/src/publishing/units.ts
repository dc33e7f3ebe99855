import { QualityRule } from "../quality/quality.rules";

/**
 * What a value may be, by the unit of its indicator (`indicator.unit`, from the catalogue): the unit code the hub
 * stores (the UNSD code), the SDMX UNIT_MEASURE code, and the bounds. A percentage (of the population, of individuals,
 * of schools) lies in 0–100; a count per 100 inhabitants is at least 0 and may exceed 100 (mobile subscriptions do); a
 * count and a ratio are at least 0.
 */
export interface UnitRule {
  unit: string;
  code: string;
  sdmx: string;
  min: string | null;
  max: string | null;
  /** The (hard) quality rule a value outside the bounds breaks. */
  rangeRule: QualityRule;
}

export const UNIT_RULES: readonly UnitRule[] = [
  {
    unit: "% of population",
    code: "PERCENT",
    sdmx: "PT",
    min: "0",
    max: "100",
    rangeRule: QualityRule.PERCENT_OUT_OF_RANGE,
  },
  {
    unit: "per 100 inhabitants",
    code: "PER_100_POP",
    sdmx: "PER_100_POP",
    min: "0",
    max: null,
    rangeRule: QualityRule.NEGATIVE_VALUE,
  },
  // SDG 4.4.1 (individuals with an ICT skill) and 4.a.1 (schools with computers / the Internet): shares, as UNSD "percent".
  {
    unit: "% of individuals",
    code: "PERCENT",
    sdmx: "PT",
    min: "0",
    max: "100",
    rangeRule: QualityRule.PERCENT_OUT_OF_RANGE,
  },
  {
    unit: "% of schools",
    code: "PERCENT",
    sdmx: "PT",
    min: "0",
    max: "100",
    rangeRule: QualityRule.PERCENT_OUT_OF_RANGE,
  },
  // SDG 4.5.1 gender parity index: a ratio (female / male), at least 0 and not bounded above; SDMX unit RO (the SDG DSD's
  // content constraints for SE_GPI_ICTS, data/sdmx of the handouts).
  { unit: "ratio", code: "RATIO", sdmx: "RO", min: "0", max: null, rangeRule: QualityRule.NEGATIVE_VALUE },
  // Subscriptions, computers: counts.
  { unit: "number", code: "NUMBER", sdmx: "NUMBER", min: "0", max: null, rangeRule: QualityRule.NEGATIVE_VALUE },
];

/** Unit codes a file may give (hub/UNSD codes and SDMX codes), mapped to the hub's code. */
export const UNIT_CODE_ALIASES: ReadonlyMap<string, string> = new Map(
  UNIT_RULES.flatMap((r) => [
    [r.code, r.code],
    [r.sdmx, r.code],
  ]),
);
