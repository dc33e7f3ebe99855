import { Column, Entity, PrimaryColumn } from "typeorm";
import { Directive, Field, Int, ObjectType } from "type-graphql";

@Entity({ name: "prize_cycle" })
@ObjectType({
  description:
    "A yearly cycle of the WSIS Prizes (ITU's contest of WSIS projects, run through the Stocktaking platform): its " +
    "phases and their dates, its categories, its published figures and its awards, each as sourced",
})
@Directive('@key(fields: "year")')
export class PrizeCycle {
  @PrimaryColumn("int")
  @Field(() => Int, {
    description: "The year in the contest's name (WSIS Prizes 2025), whose ceremony falls in that year",
  })
  year: number;

  @Column("text")
  @Field()
  title: string;

  @Column("boolean")
  @Field({
    description: "True when a primary source (ITU's own page) names the cycle; false when only a secondary one does",
  })
  verified: boolean;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "What is not known of the cycle" })
  note: string | null;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
