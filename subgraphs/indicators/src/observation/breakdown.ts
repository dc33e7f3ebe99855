import { BadUserInputError } from "@wsis/shared";
import { AGE_LABELS, EDUCATION_LEVEL_LABELS, LOCATION_LABELS, SKILL_LABELS } from "./key-dimensions";

/** The breakdown dimensions an observation can carry, in the order of the breakdown key. */
export const BREAKDOWN_DIMENSIONS = ["age", "location", "sex", "speed"] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];
export type BreakdownValues = Record<BreakdownDimension, string | null>;

/**
 * Dimensions that live in the breakdown key only (no column of their own): type of ICT skill (SDG 4.4.1, 4.5.1) and
 * education level (4.a.1). Neither has a total code in the data: every observation of those indicators names one.
 * They follow the column dimensions in the key ("sex=FEMALE;skill=COPA"), so the keys of the first seven indicators
 * are unchanged. See key-dimensions.ts.
 */
export const KEY_DIMENSIONS = ["skill", "educationLevel"] as const;
export type KeyDimension = (typeof KEY_DIMENSIONS)[number];
/** Every dimension of a breakdown key, in key order. */
export const ALL_DIMENSIONS = [...BREAKDOWN_DIMENSIONS, ...KEY_DIMENSIONS] as const;
export type AnyDimension = BreakdownDimension | KeyDimension;

/** The key of the total (no breakdown, or every dimension at its total). */
export const TOTAL_KEY = "_T";

/**
 * The codes each dimension takes in the data: UNSD SDG database API codes (the files write them in lower case; the hub
 * stores them upper-cased). "notspec" (not specified) is stored as null. `total` is the code meaning "all".
 */
export const BREAKDOWN_CODES: Record<AnyDimension, { total: string | null; labels: Record<string, string> }> = {
  age: { total: "ALLAGE", labels: AGE_LABELS },
  location: { total: "ALLAREA", labels: LOCATION_LABELS },
  sex: { total: "BOTHSEX", labels: { BOTHSEX: "Both sexes", FEMALE: "Female", MALE: "Male" } },
  speed: {
    total: "ANYS",
    labels: {
      ANYS: "Any speed",
      "256KT2MBPS": "256 kbit/s to 2 Mbit/s",
      "2MT10MBPS": "2 Mbit/s to 10 Mbit/s",
      "10MBPS": "10 Mbit/s and above",
    },
  },
  skill: { total: null, labels: SKILL_LABELS },
  educationLevel: { total: null, labels: EDUCATION_LEVEL_LABELS },
};

/** The breakdown key: the non-total dimensions as "sex=FEMALE" joined by ";", or "_T". */
export function breakdownKey(values: Partial<Record<AnyDimension, string | null>>): string {
  const parts = ALL_DIMENSIONS.flatMap((dimension) => {
    const value = values[dimension] ?? null;
    return value === null || value === BREAKDOWN_CODES[dimension].total ? [] : [`${dimension}=${value}`];
  });
  return parts.length === 0 ? TOTAL_KEY : parts.join(";");
}

/** The dimensions a breakdown key sets, with their codes ({} for the total): the inverse of breakdownKey. */
export function parseBreakdownKey(key: string): Partial<Record<AnyDimension, string>> {
  const values: Partial<Record<AnyDimension, string>> = {};
  if (key === TOTAL_KEY) return values;
  for (const part of key.split(";")) {
    const at = part.indexOf("=");
    const dimension = part.slice(0, at) as AnyDimension;
    if ((ALL_DIMENSIONS as readonly string[]).includes(dimension)) values[dimension] = part.slice(at + 1);
  }
  return values;
}

/** A human label of a breakdown: "Total", "Female", "10 Mbit/s and above". */
export function breakdownLabel(values: Partial<Record<AnyDimension, string | null>>): string {
  const parts = ALL_DIMENSIONS.flatMap((dimension) => {
    const value = values[dimension] ?? null;
    if (value === null || value === BREAKDOWN_CODES[dimension].total) return [];
    return [BREAKDOWN_CODES[dimension].labels[value] ?? `${dimension} ${value}`];
  });
  return parts.length === 0 ? "Total" : parts.join(", ");
}

const TOTAL_ALIASES = new Set(["_T", "TOTAL"]);

/**
 * Turns a breakdown argument into the one breakdown key it selects: the dimensions given take the given codes, the
 * others are at their total. Null or empty selects the total.
 */
export function breakdownKeyFromInput(
  input: Partial<Record<AnyDimension, string | null | undefined>> | null | undefined,
  argumentName = "breakdown",
): string {
  const values: Partial<Record<AnyDimension, string | null>> = {};
  for (const dimension of ALL_DIMENSIONS) {
    const given = input?.[dimension];
    if (given === undefined || given === null) continue;
    const code = given.trim().toUpperCase();
    const { total, labels } = BREAKDOWN_CODES[dimension];
    if (TOTAL_ALIASES.has(code)) {
      if (total === null && KEY_DIMENSIONS.includes(dimension as KeyDimension)) {
        throw new BadUserInputError(
          `Argument "${argumentName}.${dimension}": ${dimension} has no total in the data (every figure is for one code); known codes: ${Object.keys(labels).join(", ")}`,
          `${argumentName}.${dimension}`,
        );
      }
      values[dimension] = total;
      continue;
    }
    if (!(code in labels)) {
      const known = Object.keys(labels);
      throw new BadUserInputError(
        `Argument "${argumentName}.${dimension}" has an unknown code ${JSON.stringify(given)}; ` +
          (known.length ? `known codes: ${known.join(", ")} (or TOTAL)` : `the data has no breakdown by ${dimension}`),
        `${argumentName}.${dimension}`,
      );
    }
    values[dimension] = code;
  }
  return breakdownKey(values);
}
