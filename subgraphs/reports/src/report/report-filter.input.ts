import { Field, InputType } from "type-graphql";
import { ReportKind, ReportStakeholderGroup, ReportStatus } from "./report.enums";

@InputType({
  description:
    "Conditions a report must all meet. Codes are those of the owning subgraphs, case-insensitive; a malformed code, " +
    "or one its owner does not know, is BAD_USER_INPUT naming it and the argument; a known code that no report " +
    "references matches nothing.",
})
export class ReportFilter {
  @Field(() => ReportKind, { nullable: true })
  kind?: ReportKind | null;

  @Field(() => ReportStatus, { nullable: true })
  status?: ReportStatus | null;

  @Field(() => String, { nullable: true, description: 'An agency that coordinates or authors the report, e.g. "ITU"' })
  agency?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'An action line the report covers, e.g. "C5" or "C7.e-health" (that line itself, not its sub-lines)',
  })
  actionLine?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The economy the report is about, e.g. "KEN" (or its M49 code, "404")',
  })
  economy?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'An event of the roadmap the report is linked to in any role, e.g. "wsis-forum-2022"',
  })
  event?: string | null;

  @Field(() => String, { nullable: true, description: 'A series (catalogue line), e.g. "wsis20-action-line-reviews"' })
  series?: string | null;

  @Field(() => ReportStakeholderGroup, { nullable: true })
  stakeholderGroup?: ReportStakeholderGroup | null;
}
