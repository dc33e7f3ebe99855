import { Column, Entity, PrimaryColumn } from "typeorm";
import { Directive, Field, ID, ObjectType } from "type-graphql";

@Entity({ name: "sdg_goal" })
@ObjectType({ description: "A Sustainable Development Goal of the 2030 Agenda" })
@Directive('@key(fields: "code")')
export class SdgGoal {
  @PrimaryColumn("text")
  @Field(() => ID, { description: 'Goal number as text, e.g. "17"' })
  code: string;

  @Column("int", { name: "sort_order" })
  sortOrder: number;

  @Column("text", { name: "short_title" })
  @Field({ description: 'Short name, e.g. "Partnerships for the goals"' })
  shortTitle: string;

  @Column("text")
  @Field({ description: "Official title" })
  title: string;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
