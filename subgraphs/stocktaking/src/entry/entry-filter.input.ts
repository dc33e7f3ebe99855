import { Field, InputType, Int } from "type-graphql";
import { StakeholderType, StocktakingEntryStatus } from "./entry.enums";

@InputType({
  description:
    "Narrows the Stocktaking entries; every given criterion must hold. Codes are case-insensitive; an unknown code is " +
    "BAD_USER_INPUT naming it, not an empty list",
})
export class StocktakingEntryFilter {
  @Field(() => String, {
    nullable: true,
    description:
      'Words to find in the title or description (PostgreSQL full-text search, English stemming; web-search syntax: "quoted phrase", or, -excluded)',
  })
  text?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'An action-line code, e.g. "C7.e-health"; "C7" includes its sub-lines',
  })
  actionLine?: string | null;

  @Field(() => String, { nullable: true, description: 'An SDG goal, e.g. "3"' })
  sdgGoal?: string | null;

  @Field(() => String, { nullable: true, description: 'An economy, e.g. "KEN" (ISO 3166 alpha-3, or an M49 code)' })
  economy?: string | null;

  @Field(() => StakeholderType, { nullable: true })
  stakeholderType?: StakeholderType | null;

  @Field(() => Int, {
    nullable: true,
    description: "The year the activity started (entries without a start date never match)",
  })
  year?: number | null;

  @Field(() => StocktakingEntryStatus, {
    nullable: true,
    description:
      "Only among the entries the caller may see: anyone the PUBLISHED, a submitting agency also its own, a moderator all",
  })
  status?: StocktakingEntryStatus | null;
}
