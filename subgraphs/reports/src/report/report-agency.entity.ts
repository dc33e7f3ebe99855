import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";
import { ReportAgencyRole } from "./report.enums";

@Entity({ name: "report_agency" })
@ObjectType({
  description:
    "An agency that coordinates or authors a report. `verified` is false where the listing comes from an unchecked " +
    "source (the action-line facilitator list).",
})
export class ReportAgencyLink {
  @PrimaryColumn("text", { name: "report_id" })
  reportId: string;

  @PrimaryColumn("text")
  @Field(() => ReportAgencyRole)
  role: ReportAgencyRole;

  @PrimaryColumn("text", { name: "agency_id" })
  agencyId: string;

  @Column("int")
  @Field(() => Int, { description: "Order in which the source lists the agency (1 = first)" })
  position: number;

  @Column("boolean")
  @Field({ description: "Whether the listing was checked against an authoritative source" })
  verified: boolean;

  @Column("text", { array: true })
  @Field(() => [String], {
    description: "The words of the source that state this link, verbatim (empty when it is a table)",
  })
  quotes: string[];

  @Column("text", { name: "source_id" })
  sourceId: string;
}
