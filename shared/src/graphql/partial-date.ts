import { Directive, Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { forbiddenControlCharacter } from "../validation/text";

/**
 * Dates as the sources give them: a year ("2022"), a month ("2022-03") or a day ("2022-03-15"), never more precise
 * than the source. A partial date covers a span of days: the whole year, the whole month, or the day. One type and one
 * parser for every subgraph (events' dates, reports' due, submission and publication dates).
 */
export enum DatePrecision {
  DAY = "DAY",
  MONTH = "MONTH",
  YEAR = "YEAR",
}

registerEnumType(DatePrecision, {
  name: "DatePrecision",
  description: "How precise a date is: the day, only the month, or only the year (no day or month is ever invented)",
});

/** The years a partial date can be written with (four digits). */
export const PARTIAL_DATE_YEARS = Object.freeze({ min: 1000, max: 9999 });

/** The span of days a date covers; the fields every date type of the hub has (a base class, never served alone). */
@ObjectType()
export abstract class DaySpan {
  @Field({ description: "First day the date covers (yyyy-mm-dd): the day itself, the 1st of the month, or 1 January" })
  firstDay: string;

  @Field({
    description: "Last day the date covers (yyyy-mm-dd): the day itself, the last day of the month, or 31 December",
  })
  lastDay: string;
}

/** A date known to the year, the month or the day, with the span of days it covers. */
@ObjectType({
  description:
    "A date only as precise as its source: a day, a month or a year, with the span of days it covers. `value` is ISO " +
    "8601 with only the known parts.",
})
@Directive("@shareable")
export class PartialDate extends DaySpan {
  @Field({ description: 'ISO 8601 with only the known parts: "2025-07-07", "2022-03" or "2024"' })
  value: string;

  @Field(() => DatePrecision)
  precision: DatePrecision;

  @Field(() => Int)
  year: number;
}

const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Parses yyyy, yyyy-mm or yyyy-mm-dd (years 1000 to 9999); null for anything else, including impossible dates
 * (2023-02-30) and surrounding blanks.
 */
export function parsePartialDate(value: string): PartialDate | null {
  const match = PATTERN.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < PARTIAL_DATE_YEARS.min) return null;
  const date = (precision: DatePrecision, firstDay: string, lastDay: string) =>
    Object.assign(new PartialDate(), { value, precision, year, firstDay, lastDay });
  if (match[2] === undefined) return date(DatePrecision.YEAR, `${value}-01-01`, `${value}-12-31`);
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  const last = daysInMonth(year, month);
  if (match[3] === undefined) return date(DatePrecision.MONTH, `${value}-01`, `${value}-${pad(last)}`);
  const day = Number(match[3]);
  if (day < 1 || day > last) return null;
  return date(DatePrecision.DAY, value, value);
}

/** A stored partial date (the database holds only valid ones); null stays null. Throws on anything else. */
export function storedPartialDate(value: string): PartialDate;
export function storedPartialDate(value: string | null): PartialDate | null;
export function storedPartialDate(value: string | null): PartialDate | null {
  if (value === null) return null;
  const parsed = parsePartialDate(value);
  if (!parsed) throw new Error(`stored date ${JSON.stringify(value)} is not an ISO partial date`);
  return parsed;
}

/** The problem with a date argument (a control character, not yyyy, yyyy-mm or yyyy-mm-dd, impossible), or null. */
export function partialDateProblem(value: string, argumentName: string, example = "2025-07-07"): string | null {
  if (!forbiddenControlCharacter(value) && parsePartialDate(value.trim())) return null;
  return `Argument "${argumentName}" has an invalid value ${JSON.stringify(value)}; expected a date yyyy, yyyy-mm or yyyy-mm-dd, e.g. "${example}"`;
}

/** The days a span of partial dates covers: from the first day of its start to the last day of its end (or start). */
export function spanOf(start: PartialDate, end: PartialDate | null): { firstDay: string; lastDay: string } {
  return { firstDay: start.firstDay, lastDay: (end ?? start).lastDay };
}
