import { DatePrecision, DaySpan, storedPartialDate } from "@wsis/shared";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";

/**
 * The events' own date type, served before the hub had one (PartialDate, in @wsis/shared): kept, with its fields, for
 * saved queries; the fields that return it are deprecated in favour of those returning PartialDate.
 */
export const EventDatePrecision = { ...DatePrecision };
export type EventDatePrecision = DatePrecision;

registerEnumType(EventDatePrecision, {
  name: "EventDatePrecision",
  description: "How precise a date is: the day, only the month, or only the year (no day or month is ever invented)",
});

@ObjectType({ description: "A date as precise as its source: a day, a month or a year, with the days it covers" })
export class EventDate extends DaySpan {
  @Field({ description: 'ISO 8601 as given: "2025-07-07", "2022-03" or "2024"' })
  date: string;

  @Field(() => EventDatePrecision)
  precision: EventDatePrecision;

  @Field(() => Int)
  year: number;

  /** From a stored ISO text; the seed and the writes guarantee that it parses. */
  static of(text: string): EventDate {
    const { value, precision, year, firstDay, lastDay } = storedPartialDate(text);
    return Object.assign(new EventDate(), { date: value, precision, year, firstDay, lastDay });
  }
}
