import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { PrizePhaseKind } from "./prize.enums";

@Entity({ name: "prize_phase" })
@ObjectType({
  description:
    "A phase of a prize cycle with its dates, only as precise as a source gives them (a phase without dates is known " +
    "to exist, not when); a phase may appear twice where sources differ (the 2025 ceremony as announced and as reported)",
})
export class PrizePhase {
  @PrimaryColumn("int", { name: "cycle_year" })
  cycleYear: number;

  @PrimaryColumn("int")
  position: number;

  @Column("text")
  @Field(() => PrizePhaseKind)
  phase: PrizePhaseKind;

  @Column("text")
  @Field({ description: 'How the source words it, e.g. "nominees announced", "ceremony (as announced)"' })
  label: string;

  /** Partial ISO dates: served as PartialDate by the resolver. */
  @Column("text", { name: "start_date", nullable: true })
  startDate: string | null;

  @Column("text", { name: "end_date", nullable: true })
  endDate: string | null;

  @Column("text", { name: "event_id", nullable: true })
  eventId: string | null;

  @Column("text", { nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "Where (a ceremony's venue or host event), where the source says",
  })
  place: string | null;

  @Column("boolean")
  @Field({
    description: "True when read in a primary source (ITU's own page); false when from a secondary source only",
  })
  verified: boolean;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "The source's words" })
  quote: string | null;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true })
  note: string | null;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
