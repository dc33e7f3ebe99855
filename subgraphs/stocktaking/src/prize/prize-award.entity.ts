import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, GraphQLISODateTime, ID, Int, ObjectType } from "type-graphql";
import { PrizeRank } from "./prize.enums";

@Entity({ name: "prize_award" })
@ObjectType({
  description:
    "An award of a prize cycle: a Stocktaking entry, WINNER or CHAMPION of a category. Recorded by the platform's " +
    "moderator (ITU) through the hub; none is seeded (no primary source naming the winners was found)",
})
export class PrizeAward {
  /** bigserial: pg returns it as a string. */
  @PrimaryColumn("bigint")
  @Field(() => ID)
  id: string;

  @Column("int", { name: "cycle_year" })
  @Field(() => Int)
  cycleYear: number;

  @Column("text", { name: "category_key" })
  categoryKey: string;

  @Column("text")
  @Field(() => PrizeRank)
  rank: PrizeRank;

  @Column("bigint", { name: "entry_id" })
  entryId: string;

  @Column("boolean")
  @Field({ description: "True when recorded by the platform's moderator (ITU's own record) or from a primary source" })
  verified: boolean;

  @Column("text", { name: "announcement_url", nullable: true })
  @Field(() => String, { nullable: true, description: "ITU's announcement of the award, where given" })
  announcementUrl: string | null;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true })
  note: string | null;

  @Column("timestamptz", { name: "recorded_at" })
  @Field(() => GraphQLISODateTime, { description: "When it was recorded in the hub" })
  recordedAt: Date;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
