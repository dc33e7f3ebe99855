import { Column, Entity, PrimaryColumn } from "typeorm";
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { ReportKind, ReportStakeholderGroup, ReportStatus } from "./report.enums";

@Entity({ name: "report" })
@ObjectType({
  description:
    "A WSIS+20 evaluation or assessment report of the roadmap's reporting catalogue, with its workflow status. The " +
    "linked agencies, action lines, economy, indicators and events are entities of other subgraphs.",
})
@Directive('@key(fields: "id")')
export class Report {
  @PrimaryColumn("text")
  @Field(() => ID, { description: 'Stable slug, e.g. "wsis20-progress-report" or "wsis20-action-line-review-c5"' })
  id: string;

  @Column("text")
  @Field({
    description:
      "Title: the roadmap's words where it names one report; composed from the catalogue line and the party where one " +
      "line stands for several reports (see `catalogueText` for the verbatim line)",
  })
  title: string;

  @Column("text")
  @Field(() => ReportKind, { description: "Which line of the reporting catalogue the report belongs to" })
  kind: ReportKind;

  @Column("text", { name: "series_id" })
  seriesId: string;

  @Column("int", { name: "sort_order" })
  @Field(() => Int, { description: "Position in the catalogue (the order of `reports`)" })
  sortOrder: number;

  @Column("text")
  @Field(() => ReportStatus, { description: "Where the report stands in its workflow" })
  status: ReportStatus;

  @Column("text", { name: "stakeholder_group", nullable: true })
  @Field(() => ReportStakeholderGroup, {
    nullable: true,
    description: "For a stakeholder report, the group that reports",
  })
  stakeholderGroup: ReportStakeholderGroup | null;

  @Column("text", { name: "economy_code", nullable: true })
  economyCode: string | null;

  /** Partial ISO dates ("2025", "2025-06", "2025-06-15"); exposed as ReportDate by the resolver. */
  @Column("text", { name: "due_date", nullable: true })
  dueDate: string | null;

  @Column("text", { name: "submitted_date", nullable: true })
  submittedDate: string | null;

  @Column("text", { name: "published_date", nullable: true })
  publishedDate: string | null;

  @Column("text", { nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "Caveats of the record: what the source leaves open, how it was read",
  })
  note: string | null;

  @Column("text", { name: "source_id" })
  sourceId: string;

  /** The public record of the status, for a report published outside the hub (the seed sets it); null otherwise. */
  @Column("text", { name: "status_source_id", nullable: true })
  statusSourceId: string | null;
}
