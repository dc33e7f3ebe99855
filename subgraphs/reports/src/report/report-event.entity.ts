import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { ReportEventRole } from "./report.enums";

@Entity({ name: "report_event" })
@ObjectType({ description: "How a report relates to an event (owned by the events subgraph), with the source's words" })
export class ReportEventLink {
  @PrimaryColumn("text", { name: "report_id" })
  reportId: string;

  @PrimaryColumn("text", { name: "event_id" })
  eventId: string;

  @PrimaryColumn("text")
  @Field(() => ReportEventRole)
  role: ReportEventRole;

  @Column("text", { array: true })
  @Field(() => [String], { description: "The words of the source that state this link, verbatim" })
  quotes: string[];

  @Column("text", { name: "source_id" })
  sourceId: string;
}
