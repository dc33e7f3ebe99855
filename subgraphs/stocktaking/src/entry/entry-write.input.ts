import { Field, InputType } from "type-graphql";
import { StakeholderType } from "./entry.enums";

@InputType({
  description: "A Stocktaking entry to submit: it starts SUBMITTED and is public once a moderator publishes it",
})
export class SubmitStocktakingEntryInput {
  @Field({ description: "1 to 300 characters, one line" })
  title: string;

  @Field({ description: "What the activity does: 1 to 10,000 characters; line breaks and tabs allowed" })
  description: string;

  @Field({ description: "The organisation that carries it out: 1 to 300 characters" })
  organisation: string;

  @Field(() => StakeholderType)
  stakeholderType: StakeholderType;

  @Field(() => [String], { description: 'The WSIS action lines it implements, 1 to 19 codes, e.g. ["C7.e-health"]' })
  actionLines: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'Where it is carried out: economies, e.g. ["KEN"] (at most 100)',
  })
  economies?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'The SDGs it serves, e.g. ["3"] (at most 17)' })
  sdgGoals?: string[] | null;

  @Field(() => String, { nullable: true, description: 'When it started: "2021", "2021-03" or "2021-03-15"' })
  start?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "When it ended (or ends), as precise as known; not before the start",
  })
  end?: string | null;

  @Field(() => String, { nullable: true, description: "Its web address (http or https, at most 2000 characters)" })
  url?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Makes a retry safe: the same key and entry give the first answer (8 to 128 of A-Z a-z 0-9 . _ : -)",
  })
  idempotencyKey?: string | null;
}

@InputType({ description: "A list of entries as CSV, imported all or nothing" })
export class ImportStocktakingEntriesInput {
  @Field({
    description:
      "CSV (RFC 4180, UTF-8, comma-separated) with a header row. Columns: title, description, organisation, " +
      "stakeholder_type (e.g. GOVERNMENT, CIVIL_SOCIETY), action_lines (codes separated by ;) — required; economies, " +
      "sdg_goals (separated by ;), start, end, url — optional. At most 5,000 rows",
  })
  csv: string;

  @Field(() => String, {
    nullable: true,
    description: "Makes a retry safe: the same key and file give the first answer",
  })
  idempotencyKey?: string | null;
}
