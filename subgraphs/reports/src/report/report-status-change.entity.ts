import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { Field, GraphQLISODateTime, ID, ObjectType } from "type-graphql";
import { ReportStatus } from "./report.enums";

@Entity({ name: "report_status_change" })
@ObjectType({
  description: "One step of a report's workflow: from which state to which, when, by which agency, and why",
})
export class ReportStatusChange {
  @PrimaryGeneratedColumn({ type: "bigint" })
  @Field(() => ID)
  id: string;

  @Column("text", { name: "report_id" })
  reportId: string;

  @Column("text", { name: "from_status" })
  @Field(() => ReportStatus)
  from: ReportStatus;

  @Column("text", { name: "to_status" })
  @Field(() => ReportStatus)
  to: ReportStatus;

  @Column("timestamptz")
  @Field(() => GraphQLISODateTime)
  at: Date;

  @Column("text", { name: "by_agency" })
  byAgencyId: string;

  /** The token subject (a person or service account): kept for the audit trail, not published. */
  @Column("text", { name: "by_subject" })
  bySubject: string;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "Why, in the words of whoever made the change" })
  note: string | null;
}
