import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";
import { PrizeFigureKind, PrizeFigureQualifier } from "./prize.enums";

@Entity({ name: "prize_figure" })
@ObjectType({
  description:
    "A figure published about a prize cycle (submissions, countries, votes, winners ...), planned or reported, with " +
    "its source's words; most are known only from secondary reports (verified: false)",
})
export class PrizeFigure {
  @PrimaryColumn("int", { name: "cycle_year" })
  cycleYear: number;

  @PrimaryColumn("int")
  position: number;

  @Column("text")
  @Field(() => PrizeFigureKind)
  kind: PrizeFigureKind;

  @Column("int")
  @Field(() => Int)
  value: number;

  @Column("text")
  @Field(() => PrizeFigureQualifier)
  qualifier: PrizeFigureQualifier;

  @Column("boolean")
  @Field({
    description:
      "True for a number announced before the outcome (e.g. 18 winners planned), false for one reported after",
  })
  planned: boolean;

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
