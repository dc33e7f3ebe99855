import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, ID, Int, ObjectType } from "type-graphql";

@Entity({ name: "prize_category" })
@ObjectType({
  description:
    "A category of a prize cycle: one per WSIS action line (C1–C6, the eight C7 sub-lines, C8–C11). `verified` says " +
    "whether a primary source gives the cycle its categories; `nameVerified` whether the name is confirmed for it",
})
export class PrizeCategory {
  @PrimaryColumn("int", { name: "cycle_year" })
  cycleYear: number;

  @PrimaryColumn("text", { name: "category_key" })
  @Field(() => ID, { description: 'The action-line code of the category, e.g. "C5" or "C7.e-health"' })
  key: string;

  @Column("int")
  @Field(() => Int, { description: "Order of the action lines (1 = C1)" })
  position: number;

  @Column("text")
  @Field({ description: "The category's name, as the source prints it" })
  name: string;

  @Column("boolean", { name: "name_verified" })
  @Field({ description: "True when a primary source gives this name for this cycle" })
  nameVerified: boolean;

  @Column("text", { name: "name_source_id" })
  nameSourceId: string;

  @Column("boolean")
  @Field({
    description: "True when a primary source says the cycle has its categories (ITU: one per WSIS action line, 18)",
  })
  verified: boolean;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true })
  note: string | null;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
