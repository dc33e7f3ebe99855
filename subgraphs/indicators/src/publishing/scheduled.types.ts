import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from "type-graphql";
import { ReleasePublisher } from "../release/release.types";
import type { ScheduledReleaseRow } from "./scheduled";

export enum ScheduledReleaseStatus {
  SCHEDULED = "SCHEDULED",
  FAILED = "FAILED",
}
registerEnumType(ScheduledReleaseStatus, {
  name: "ScheduledReleaseStatus",
  description:
    "SCHEDULED: it will be published at its moment; FAILED: it could not be applied then (see failure; cancel it and publish again)",
});

@ObjectType({
  description:
    "A release scheduled for a future moment (an embargo): validated when it was scheduled, with the number it reserves and the counts it will have. Visible only to admin and to callers with indicators:publish of the agency that scheduled it; nothing of it is public until its moment.",
})
export class ScheduledRelease {
  datasetId: string;

  @Field(() => Int, { description: "The release number it reserves" })
  number: number;

  @Field(() => GraphQLISODateTime, { description: "When it becomes public (and the release's publishedAt)" })
  publishAt: Date;

  @Field(() => ScheduledReleaseStatus)
  status: ScheduledReleaseStatus;

  @Field(() => String, { nullable: true, description: "Why it could not be published at its moment (status FAILED)" })
  failure: string | null;

  @Field({
    description: "The mutation that scheduled it (publishObservations, withdrawObservations, importObservations)",
  })
  operation: string;

  @Field(() => GraphQLISODateTime)
  scheduledAt: Date;

  @Field(() => ReleasePublisher, { description: "Who scheduled it" })
  scheduledBy: ReleasePublisher;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => Int)
  rowsRead: number;

  @Field(() => Int)
  inserted: number;

  @Field(() => Int)
  revised: number;

  @Field(() => Int)
  withdrawn: number;

  @Field(() => Int)
  unchanged: number;
}

export function scheduledReleaseOf(row: ScheduledReleaseRow): ScheduledRelease {
  return Object.assign(new ScheduledRelease(), {
    datasetId: row.dataset_id,
    number: row.number,
    publishAt: row.publish_at,
    status: row.failed_at ? ScheduledReleaseStatus.FAILED : ScheduledReleaseStatus.SCHEDULED,
    failure: row.failure,
    operation: row.operation,
    scheduledAt: row.scheduled_at,
    scheduledBy: { agencyId: row.agency, agency: { id: row.agency }, subject: row.subject },
    note: row.note,
    rowsRead: row.rows_read,
    inserted: row.inserted,
    revised: row.revised,
    withdrawn: row.withdrawn,
    unchanged: row.unchanged,
  });
}
