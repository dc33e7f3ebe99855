import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { ReportKind } from "../report/report.enums";

@Entity({ name: "report_series" })
@ObjectType({
  description:
    "A line of the roadmap's WSIS+20 reporting catalogue, and the series of reports it stands for (e.g. all " +
    "action-line reviews; all national reviews)",
})
export class ReportSeries {
  @PrimaryColumn("text")
  @Field(() => ID, { description: 'Stable slug, e.g. "wsis20-action-line-reviews"' })
  id: string;

  @Column("text")
  @Field(() => ReportKind)
  kind: ReportKind;

  @Column("int")
  @Field(() => Int, { description: "Position of the line in the roadmap's list (1 = first)" })
  position: number;

  @Column("text")
  @Field({ description: "Name of the series, in the roadmap's words" })
  title: string;

  @Column("text", { name: "catalogue_text" })
  @Field({ description: "The catalogue line, verbatim" })
  catalogueText: string;

  @Column("text", { array: true })
  @Field(() => [String], { description: "Other passages of the roadmap about these reports, verbatim" })
  quotes: string[];

  @Column("text", { name: "source_id" })
  sourceId: string;
}
