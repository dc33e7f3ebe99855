import { Field, ObjectType } from "type-graphql";
import { ReportDatePrecision } from "./report.enums";

/** An ISO 8601 calendar date of reduced precision: "2025", "2025-06" or "2025-06-15". The database stores it so. */
export const PARTIAL_DATE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

@ObjectType({
  description:
    "A date known to the year, the month or the day. `value` is ISO 8601 with only the known parts; `earliest` and " +
    "`latest` give the span of days it may stand for.",
})
export class ReportDate {
  @Field({ description: 'ISO 8601 with only the known parts: "2025", "2025-06" or "2025-06-15"' })
  value: string;

  @Field(() => ReportDatePrecision)
  precision: ReportDatePrecision;

  @Field({ description: "First day the date may stand for (YYYY-MM-DD)" })
  earliest: string;

  @Field({ description: "Last day the date may stand for (YYYY-MM-DD)" })
  latest: string;

  /** Reads a stored partial date; null stays null. Throws on a malformed value (the database CHECK prevents those). */
  static parse(value: string | null): ReportDate | null {
    if (value === null) return null;
    const match = PARTIAL_DATE.exec(value);
    if (!match) throw new Error(`Not a partial ISO date: ${JSON.stringify(value)}`);
    const [, year, month, day] = match;
    const date = new ReportDate();
    date.value = value;
    if (day !== undefined) {
      const lastDay = daysInMonth(Number(year), Number(month));
      if (Number(day) > lastDay) throw new Error(`Not a calendar date: ${value}`);
      date.precision = ReportDatePrecision.DAY;
      date.earliest = date.latest = value;
    } else if (month !== undefined) {
      date.precision = ReportDatePrecision.MONTH;
      date.earliest = `${year}-${month}-01`;
      date.latest = `${year}-${month}-${String(daysInMonth(Number(year), Number(month))).padStart(2, "0")}`;
    } else {
      date.precision = ReportDatePrecision.YEAR;
      date.earliest = `${year}-01-01`;
      date.latest = `${year}-12-31`;
    }
    return date;
  }
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
