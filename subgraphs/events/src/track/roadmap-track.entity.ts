import { Column, Entity, PrimaryColumn } from "typeorm";
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";

@Entity({ name: "roadmap_track" })
@ObjectType({
  description:
    "One of the processes of the WSIS+20 roadmap (WSIS Forum, WTDC, WSIS Stocktaking, UN agencies/UNGIS, alignment with the 2030 Agenda, Partnership on Measuring ICT for Development, regional events, WSIS Prizes, WSIS+20 reporting)",
})
@Directive('@key(fields: "id")')
export class RoadmapTrack {
  @PrimaryColumn("text")
  @Field(() => ID, { description: 'Stable slug, e.g. "wsis-forum", "wsis20-reporting"' })
  id: string;

  @Column("int", { name: "sort_order" })
  @Field(() => Int, { description: "Position in the roadmap (1 = first)" })
  position: number;

  @Column("text")
  @Field({ description: 'Short name, e.g. "WSIS Forum"' })
  name: string;

  @Column("text")
  @Field({ description: "The roadmap's heading of the track, verbatim" })
  title: string;

  @Column("text", { name: "roadmap_text" })
  @Field({ description: "The roadmap's paragraph on the track, verbatim (its sub-items on their own lines)" })
  roadmapText: string;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
