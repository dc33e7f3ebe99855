/**
 * Dates as the sources give them: a year ("2022"), a month ("2022-03") or a day ("2022-03-15"), never more precise
 * than the source. A partial date covers a span of days: the whole year, the whole month, or the day.
 */
export enum DatePrecision {
  DAY = "DAY",
  MONTH = "MONTH",
  YEAR = "YEAR",
}

export interface PartialDate {
  /** The ISO 8601 text, as precise as the source: yyyy, yyyy-mm or yyyy-mm-dd. */
  date: string;
  precision: DatePrecision;
  year: number;
}

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Parses yyyy, yyyy-mm or yyyy-mm-dd; null for anything else, including impossible dates (2023-02-30). */
export function parsePartialDate(value: string): PartialDate | null {
  const match = PARTIAL_DATE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 1000) return null;
  if (match[2] === undefined) return { date: value, precision: DatePrecision.YEAR, year };
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  if (match[3] === undefined) return { date: value, precision: DatePrecision.MONTH, year };
  const day = Number(match[3]);
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { date: value, precision: DatePrecision.DAY, year };
}

/** The first day (yyyy-mm-dd) that a partial date covers. */
export function firstDayOf(date: PartialDate): string {
  switch (date.precision) {
    case DatePrecision.YEAR:
      return `${date.date}-01-01`;
    case DatePrecision.MONTH:
      return `${date.date}-01`;
    case DatePrecision.DAY:
      return date.date;
  }
}

/** The last day (yyyy-mm-dd) that a partial date covers. */
export function lastDayOf(date: PartialDate): string {
  switch (date.precision) {
    case DatePrecision.YEAR:
      return `${date.date}-12-31`;
    case DatePrecision.MONTH: {
      const [year, month] = date.date.split("-").map(Number);
      return `${date.date}-${pad(daysInMonth(year, month))}`;
    }
    case DatePrecision.DAY:
      return date.date;
  }
}

/** The days an event covers: from the first day of its start to the last day of its end (or of its start). */
export function spanOf(start: PartialDate, end: PartialDate | null): { firstDay: string; lastDay: string } {
  return { firstDay: firstDayOf(start), lastDay: lastDayOf(end ?? start) };
}
