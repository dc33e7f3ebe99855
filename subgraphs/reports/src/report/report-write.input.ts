import { Field, ID, InputType } from "type-graphql";
import { ReportKind, ReportStakeholderGroup } from "./report.enums";

@InputType({ description: "A new report of the reporting catalogue; it starts PLANNED, coordinated by the caller's agency" })
export class CreateReportInput {
  @Field(() => ID, { description: 'The new report\'s id: a slug such as "wsis20-national-review-ken"' })
  id: string;

  @Field({ description: "Title (1 to 300 characters)" })
  title: string;

  @Field(() => ReportKind, { description: "Which line of the reporting catalogue it belongs to" })
  kind: ReportKind;

  @Field(() => ReportStakeholderGroup, { nullable: true, description: "Required for a STAKEHOLDER_REPORT, and only there" })
  stakeholderGroup?: ReportStakeholderGroup | null;

  @Field(() => String, { nullable: true, description: 'The economy a national review is about (required for NATIONAL_REVIEW): ISO3 such as "KEN"' })
  economy?: string | null;

  @Field(() => String, { nullable: true, description: 'When it is due, only as precise as known: "2025", "2025-06" or "2025-06-30"' })
  dueDate?: string | null;

  @Field(() => String, { nullable: true, description: "Caveats (at most 2000 characters)" })
  note?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: "Coordinating agencies (default: the caller's agency; must include it unless the caller is admin; an admin must name them)",
  })
  coordinators?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Authoring agencies" })
  authors?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Action lines it covers, e.g. ["C5"]' })
  actionLines?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'ICT indicators it cites, e.g. ["IT_USE_ii99"]' })
  indicators?: string[] | null;
}
