import { Column, Entity, PrimaryColumn } from "typeorm";
import { Directive, Field, ID, ObjectType } from "type-graphql";

@Entity({ name: "sdg_target" })
@ObjectType({ description: "An SDG target" })
@Directive('@key(fields: "code")')
export class SdgTarget {
  @PrimaryColumn("text")
  @Field(() => ID, { description: 'Target code, e.g. "17.8"' })
  code: string;

  @Column("text", { name: "goal_code" })
  @Field({ description: "Code of the goal it belongs to" })
  goalCode: string;

  @Column("int", { name: "sort_order" })
  sortOrder: number;

  @Column("text")
  @Field({ description: "Official text of the target" })
  title: string;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
