import { Column, Entity, PrimaryColumn } from "typeorm";
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { ReportKind } from "../report/report.enums";

@Entity({ name: "report_template" })
@ObjectType({
  description: "A reporting template of the roadmap, the event where it is prepared, and the reports it serves",
})
@Directive('@key(fields: "id")')
export class ReportTemplate {
  @PrimaryColumn("text")
  @Field(() => ID, { description: 'Stable slug, e.g. "template-action-line-facilitator-reports"' })
  id: string;

  @Column("int")
  @Field(() => Int, { description: "Order in the roadmap" })
  position: number;

  @Column("text")
  @Field({ description: "Title, in the roadmap's words where it gives one" })
  title: string;

  @Column("text", { name: "prepared_by", nullable: true })
  @Field(() => String, { nullable: true, description: "The meeting that prepares it, where the roadmap says" })
  preparedBy: string | null;

  @Column("boolean")
  @Field({ description: "True where the roadmap speaks of a draft template" })
  draft: boolean;

  @Column("text", { name: "event_id", nullable: true })
  eventId: string | null;

  @Column("text", { name: "report_kinds", array: true })
  @Field(() => [ReportKind], { description: "The kinds of report it serves" })
  reportKinds: ReportKind[];

  @Column("text", { name: "seed_text", array: true })
  @Field(() => [String], { description: "The passages of the roadmap that name it, verbatim" })
  seedText: string[];

  @Column("text", { name: "source_id" })
  sourceId: string;
}
