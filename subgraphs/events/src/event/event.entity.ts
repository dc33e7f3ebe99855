import { Column, Entity, PrimaryColumn } from "typeorm";
import { Directive, Field, GraphQLISODateTime, ID, Int, ObjectType } from "type-graphql";
import type { DatePrecision } from "@wsis/shared";
import { EventFormat, EventKind, EventStatus } from "./event.enums";

@Entity({ name: "event" })
@ObjectType({
  description:
    "A meeting or activity of the WSIS+20 roadmap (ITU Council 2022) — one item of its 2022–2025 timeline — or of the review's end and its follow-up (2025–2027), with dates only as precise as a source states them",
})
@Directive('@key(fields: "id")')
export class Event {
  @PrimaryColumn("text")
  @Field(() => ID, { description: 'Stable slug, e.g. "wsis-forum-2025", "wtdc-2022", "unsc-2022"' })
  id: string;

  /** Position in the roadmap's timeline (its reading order). */
  @Column("int", { name: "sort_order" })
  sortOrder: number;

  @Column("int", { name: "timeline_year" })
  @Field(() => Int, { description: "The year of the roadmap's timeline under which the event is listed" })
  timelineYear: number;

  @Column("text")
  @Field({ description: "Name of the event" })
  title: string;

  @Column("text")
  @Field(() => EventKind)
  kind: EventKind;

  @Column("text", { name: "roadmap_text", nullable: true })
  @Field(() => String, {
    nullable: true,
    description:
      "The roadmap's timeline line for this event, verbatim; null for an event an agency added through the hub",
  })
  roadmapText: string | null;

  @Column("text", { name: "start_date" })
  @Field({
    description:
      'Start, ISO 8601 as precise as known: "2025-07-07" (day), "2022-03" (month only) or "2024" (year only); see `start.precision`',
  })
  startDate: string;

  @Column("text", { name: "start_precision" })
  startPrecision: DatePrecision;

  @Column("text", { name: "end_date", nullable: true })
  @Field(() => String, {
    nullable: true,
    description:
      "End, ISO 8601 as precise as known; null when the event lies within the day, month or year of its start",
  })
  endDate: string | null;

  @Column("text", { name: "end_precision", nullable: true })
  endPrecision: DatePrecision | null;

  /** First day covered (derived from the start and its precision); for filtering. */
  @Column("date", { name: "span_start" })
  spanStart: string;

  /** Last day covered (derived from the end, or the start, and its precision); for filtering. */
  @Column("date", { name: "span_end" })
  spanEnd: string;

  @Column("text", { nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "Where it takes place, where a source says so (see `locationSource`)",
  })
  location: string | null;

  @Column("text", { nullable: true })
  @Field(() => EventFormat, { nullable: true, description: "In person, hybrid or virtual, where a source says so" })
  format: EventFormat | null;

  @Column("text", { name: "host_economy_code", nullable: true })
  hostEconomyCode: string | null;

  @Column("text", { name: "part_of_id", nullable: true })
  partOfId: string | null;

  @Column("text", { nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "Caveats: what the sources do not say, other names the event was held under",
  })
  note: string | null;

  @Column("text", { name: "dates_source_id" })
  datesSourceId: string;

  @Column("text", { name: "location_source_id", nullable: true })
  locationSourceId: string | null;

  @Column("text", { name: "source_id" })
  sourceId: string;

  @Column("text", { default: EventStatus.SCHEDULED })
  @Field(() => EventStatus, {
    description:
      "Whether it takes place, took place (HELD, where a public record says so) or will not (an organising agency may cancel it)",
  })
  status: EventStatus;

  /** The public record that states the status (HELD, POSTPONED); null for SCHEDULED and for a cancellation through the hub. */
  @Column("text", { name: "status_source_id", nullable: true })
  statusSourceId: string | null;

  @Column("boolean", { nullable: true })
  @Field(() => Boolean, {
    nullable: true,
    description:
      "Whether the project's research checked the record against primary sources: true (every fact read in a primary " +
      "source), false (a fact rests on a secondary source only: see `note`); null for the roadmap's events and events " +
      "added through the hub (their facts come from the sources named on them, not re-checked)",
  })
  verified: boolean | null;

  @Column("text", { name: "cancelled_reason", nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "Why it was cancelled, in the words of the agency that cancelled it",
  })
  cancelledReason: string | null;

  @Column("timestamptz", { name: "cancelled_at", nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true, description: "When it was cancelled through the hub" })
  cancelledAt: Date | null;

  /** Last change through the hub (null: as seeded); the seed leaves edited events alone. */
  @Column("timestamptz", { name: "edited_at", nullable: true })
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description:
      "When an organising agency last changed the record through the hub; null while it is as the roadmap and public records give it",
  })
  editedAt: Date | null;
}
