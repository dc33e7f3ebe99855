import { BadUserInputError, PARTIAL_DATE_YEARS } from "@wsis/shared";

/** The year of `ungis(year)`: a four-digit year; the current (UTC) year when left out. */
export function ungisYear(year: number | null | undefined, now: Date = new Date()): number {
  if (year === null || year === undefined) return now.getUTCFullYear();
  if (!Number.isInteger(year) || year < PARTIAL_DATE_YEARS.min || year > PARTIAL_DATE_YEARS.max) {
    throw new BadUserInputError(
      `Argument "year" has an invalid value ${year}; expected a year between ${PARTIAL_DATE_YEARS.min} and ${PARTIAL_DATE_YEARS.max}`,
      "year",
    );
  }
  return year;
}
