import { Column, Entity, PrimaryColumn } from "typeorm";
import { Directive, Field, GraphQLISODateTime, ID, ObjectType } from "type-graphql";
import { StakeholderType, StocktakingEntryStatus } from "./entry.enums";

@Entity({ name: "stocktaking_entry" })
@ObjectType({
  description:
    "An activity registered in the WSIS Stocktaking (a project, programme, training, website, ...) with the action " +
    "lines, SDGs and economies it serves. Entries are submitted through the hub and published by a moderator; no " +
    "open dataset of the platform's own entries exists, so the hub holds only what is submitted to it",
})
@Directive('@key(fields: "id")')
export class StocktakingEntry {
  /** bigint: pg returns it as a string. */
  @PrimaryColumn("bigint")
  @Field(() => ID, { description: "Number given on submission (increasing)" })
  id: string;

  @Column("text")
  @Field()
  title: string;

  @Column("text")
  @Field({ description: "What the activity does (plain text; line breaks kept)" })
  description: string;

  @Column("text")
  @Field({ description: "The organisation that carries it out, as the submitter names it" })
  organisation: string;

  @Column("text", { name: "stakeholder_type" })
  @Field(() => StakeholderType)
  stakeholderType: StakeholderType;

  /** Partial ISO dates (yyyy, yyyy-mm, yyyy-mm-dd): served as PartialDate by the resolver. */
  @Column("text", { name: "start_date", nullable: true })
  startDate: string | null;

  @Column("text", { name: "end_date", nullable: true })
  endDate: string | null;

  @Column("text")
  @Field(() => StocktakingEntryStatus)
  status: StocktakingEntryStatus;

  @Column("text", { name: "rejection_reason", nullable: true })
  @Field(() => String, { nullable: true, description: "Why a moderator rejected it (REJECTED only)" })
  rejectionReason: string | null;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "The activity's web address" })
  url: string | null;

  @Column("text", { name: "submitted_by_agency" })
  @Field({
    description: 'The agency or organisation whose account submitted it, as its token names it (e.g. "UNESCO")',
  })
  submittedBy: string;

  @Column("text", { name: "submitted_by_subject" })
  submittedBySubject: string;

  @Column("timestamptz", { name: "submitted_at" })
  @Field(() => GraphQLISODateTime)
  submittedAt: Date;

  @Column("timestamptz", { name: "review_started_at", nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true, description: "When a moderator took it under review" })
  reviewStartedAt: Date | null;

  @Column("timestamptz", { name: "published_at", nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true })
  publishedAt: Date | null;

  @Column("timestamptz", { name: "rejected_at", nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true })
  rejectedAt: Date | null;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
