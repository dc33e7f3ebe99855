import { BadUserInputError, requireFormat } from "@wsis/shared";

/**
 * Formats of the codes this subgraph's arguments take. Codes are case-insensitive on input and answered in their
 * canonical form. A well-formed unknown code yields null in a lookup (economy, indicator, dataset) and BAD_USER_INPUT
 * naming the argument and the code in a filter.
 */
export const CODE_FORMATS = {
  indicator: { pattern: /^[A-Za-z][A-Za-z0-9_.]{1,63}$/, example: "internet_users_pct" },
  economy: { pattern: /^([A-Za-z]{3}|[0-9]{1,3})$/, example: "KEN" },
  region: { pattern: /^[\p{L}0-9][\p{L}0-9 ().,'&-]{0,99}$/u, example: "Sub-Saharan Africa" },
  dataset: { pattern: /^[a-z0-9][a-z0-9.-]{0,63}$/, example: "unsd-sdg-2023-12" },
} as const;

export function checkCode(kind: keyof typeof CODE_FORMATS, value: string, argumentName: string): string {
  const { pattern, example } = CODE_FORMATS[kind];
  return requireFormat(value, pattern, argumentName, example);
}

/** A dataset id as stored (lower case), checked against its format. */
export function normaliseDatasetId(value: string, argumentName: string): string {
  return checkCode("dataset", value.trim().toLowerCase(), argumentName);
}

/** Years the hub accepts in arguments. */
export const YEAR_RANGE = { min: 1900, max: 2100 } as const;

export function checkYear(value: number | null | undefined, argumentName: string): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < YEAR_RANGE.min || value > YEAR_RANGE.max) {
    throw new BadUserInputError(
      `Argument "${argumentName}" must be a year between ${YEAR_RANGE.min} and ${YEAR_RANGE.max}; got ${value}`,
      argumentName,
    );
  }
  return value;
}

/** Checks a year range; an inverted range is an error naming its first argument (`fromYear`, or as `names` says). */
export function checkYearRange(
  fromYear: number | null | undefined,
  toYear: number | null | undefined,
  names: { from: string; to: string } = { from: "fromYear", to: "toYear" },
): { fromYear: number | null; toYear: number | null } {
  const from = checkYear(fromYear, names.from);
  const to = checkYear(toYear, names.to);
  if (from !== null && to !== null && from > to) {
    throw new BadUserInputError(
      `Argument "${names.from}" (${from}) is after "${names.to}" (${to}); the range must not be inverted`,
      names.from,
      { otherArgumentName: names.to },
    );
  }
  return { fromYear: from, toYear: to };
}

/**
 * A moment argument (DateTimeISO) that is not a valid date-time: BAD_USER_INPUT naming the argument, answered with HTTP
 * 400 like a variable that fails to coerce. (This subgraph's DateTimeISO reads a malformed literal as an invalid date
 * instead of failing validation, see schema.ts, so the error names the argument with a stable code.)
 */
export function checkMoment(value: Date, argumentName: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new BadUserInputError(
      `Argument "${argumentName}" is not a valid date-time; give an ISO 8601 moment such as "2024-01-31T00:00:00Z"`,
      argumentName,
      { http: { status: 400 } },
    );
  }
  // PostgreSQL's timestamps do not take year 0 as JavaScript writes it (1 BC), nor years past 9999 in ISO form.
  const year = value.getUTCFullYear();
  if (year < 1 || year > 9999) {
    throw new BadUserInputError(
      `Argument "${argumentName}" must be a moment between the years 1 and 9999`,
      argumentName,
    );
  }
  return value;
}

/** Whether an economy code (as stored) is an aggregate's: aggregates are keyed by their zero-padded M49 number, countries by letters. */
export function isAggregateCode(code: string): boolean {
  return /^[0-9]{3}$/.test(code);
}

/** An economy code as stored: ISO3 upper-cased, M49 zero-padded to three digits. */
export function normaliseEconomyCode(code: string): string {
  const trimmed = code.trim();
  return /^[0-9]+$/.test(trimmed) ? trimmed.padStart(3, "0") : trimmed.toUpperCase();
}
