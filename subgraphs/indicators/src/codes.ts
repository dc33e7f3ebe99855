import { BadUserInputError, requireFormat } from "@wsis/shared";

/** Formats of the codes this subgraph's arguments take. A well-formed unknown code yields null (lookups) or NOT_FOUND (filters). */
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

/** Checks a year range; an inverted range is an error naming `fromYear`. */
export function checkYearRange(
  fromYear: number | null | undefined,
  toYear: number | null | undefined,
): { fromYear: number | null; toYear: number | null } {
  const from = checkYear(fromYear, "fromYear");
  const to = checkYear(toYear, "toYear");
  if (from !== null && to !== null && from > to) {
    throw new BadUserInputError(
      `Argument "fromYear" (${from}) is after "toYear" (${to}); the range must not be inverted`,
      "fromYear",
      { otherArgumentName: "toYear" },
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
  return value;
}

/** An economy code as stored: ISO3 upper-cased, M49 zero-padded to three digits. */
export function normaliseEconomyCode(code: string): string {
  const trimmed = code.trim();
  return /^[0-9]+$/.test(trimmed) ? trimmed.padStart(3, "0") : trimmed.toUpperCase();
}
