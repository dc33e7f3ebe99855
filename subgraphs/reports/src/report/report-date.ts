import { storedPartialDate } from "@wsis/shared";
import { Field, ObjectType } from "type-graphql";
import { ReportDatePrecision } from "./report.enums";

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

  /**
   * The reports' own date type, served before the hub had one (PartialDate, in @wsis/shared), read by the same parser;
   * kept for saved queries (the fields returning it are deprecated). Null stays null; throws on a malformed value (the
   * database CHECK prevents those).
   */
  static parse(value: string | null): ReportDate | null {
    const date = storedPartialDate(value);
    if (!date) return null;
    return Object.assign(new ReportDate(), {
      value: date.value,
      precision: date.precision,
      earliest: date.firstDay,
      latest: date.lastDay,
    });
  }
}
