import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";

@Entity({ name: "roadmap_expectation" })
@ObjectType({
  description: "What the roadmap expects of an event (e.g. the WSIS Forum 2022 deliverables i–iv), in its own words",
})
export class RoadmapExpectation {
  @PrimaryColumn("text", { name: "event_id" })
  eventId: string;

  @PrimaryColumn("int")
  @Field(() => Int, { description: "Order among the event's expectations (1 = first)" })
  position: number;

  @Column("text")
  @Field({ description: 'The part of the roadmap it is taken from, e.g. "WSIS Forum — a. WSIS Forum 2022"' })
  section: string;

  @Column("text", { nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'The roadmap\'s own numbering, e.g. "i" … "iv", where it has one',
  })
  label: string | null;

  @Column("text")
  @Field({ description: "The roadmap's text, verbatim" })
  text: string;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
