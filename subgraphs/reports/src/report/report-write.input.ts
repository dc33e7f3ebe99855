import { Field, ID, InputType } from "type-graphql";
import { ReportKind, ReportStakeholderGroup } from "./report.enums";

/** The rule of every optional field of the write inputs (events and reports alike). */
const OPTIONAL = "null or left out: none; an empty string is BAD_USER_INPUT";

@InputType({
  description:
    "A new report of the reporting catalogue; it starts PLANNED, coordinated by the caller's agency. Codes are " +
    "case-insensitive and must be known to the subgraph that owns them (an unknown one is BAD_USER_INPUT naming it). " +
    "An optional field may be left out or null; an empty string is BAD_USER_INPUT. Text has no control character.",
})
export class CreateReportInput {
  @Field(() => ID, {
    description: 'The new report\'s id: a slug such as "wsis20-national-review-ken" (stored in lower case)',
  })
  id: string;

  @Field({ description: "Title (1 to 300 characters, one line)" })
  title: string;

  @Field(() => ReportKind, { description: "Which line of the reporting catalogue it belongs to" })
  kind: ReportKind;

  @Field(() => ReportStakeholderGroup, {
    nullable: true,
    description: "Required for a STAKEHOLDER_REPORT, and only there",
  })
  stakeholderGroup?: ReportStakeholderGroup | null;

  @Field(() => String, {
    nullable: true,
    description: `The economy a national review is about (required for NATIONAL_REVIEW): a known economy, ISO3 such as "KEN" (or its M49 code, "404"); ${OPTIONAL}`,
  })
  economy?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `When it is due, only as precise as known: "2025", "2025-06" or "2025-06-30"; ${OPTIONAL}`,
  })
  dueDate?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `Caveats (1 to 2000 characters; line breaks and tabs allowed); ${OPTIONAL}`,
  })
  note?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      "Coordinating agencies (default: the caller's agency; must include it unless the caller is admin; an admin must name them)",
  })
  coordinators?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Authoring agencies, known agency ids such as "UNDP"' })
  authors?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Known action lines it covers, e.g. ["C5", "C7.e-health"]' })
  actionLines?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Known ICT indicators it cites (codes of `Indicator`), e.g. ["internet_users_pct"]',
  })
  indicators?: string[] | null;
}
