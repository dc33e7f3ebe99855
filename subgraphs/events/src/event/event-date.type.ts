import { Field, Int, ObjectType } from "type-graphql";
import { DatePrecision, firstDayOf, lastDayOf, parsePartialDate } from "../dates";

@ObjectType({ description: "A date as precise as its source: a day, a month or a year, with the days it covers" })
export class EventDate {
  @Field({ description: 'ISO 8601 as given: "2025-07-07", "2022-03" or "2024"' })
  date: string;

  @Field(() => DatePrecision)
  precision: DatePrecision;

  @Field(() => Int)
  year: number;

  @Field({ description: "First day the date covers (yyyy-mm-dd): the day itself, the 1st of the month, or 1 January" })
  firstDay: string;

  @Field({ description: "Last day the date covers (yyyy-mm-dd): the day itself, the last day of the month, or 31 December" })
  lastDay: string;

  /** From a stored ISO text; the seed guarantees that it parses. */
  static of(text: string): EventDate {
    const parsed = parsePartialDate(text);
    if (!parsed) throw new Error(`stored date ${JSON.stringify(text)} is not an ISO partial date`);
    return Object.assign(new EventDate(), {
      date: parsed.date,
      precision: parsed.precision,
      year: parsed.year,
      firstDay: firstDayOf(parsed),
      lastDay: lastDayOf(parsed),
    });
  }
}
