import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, ID, ObjectType } from "type-graphql";

@Entity({ name: "matrix_link" })
@ObjectType({
  description:
    "A link of the WSIS–SDG Matrix: an action line serves an SDG goal (goal-level link) or one of its targets, with the rationale the matrix gives",
})
export class MatrixLink {
  @PrimaryColumn("text")
  @Field(() => ID, { description: 'Stable id "<action line>:<goal>:<target or *>", e.g. "C1:3:3.8"' })
  id: string;

  @Column("text", { name: "action_line_code" })
  actionLineCode: string;

  @Column("text", { name: "goal_code" })
  goalCode: string;

  @Column("text", { name: "target_code", nullable: true })
  targetCode: string | null;

  @Column("int", { name: "sort_order" })
  sortOrder: number;

  @Column("text")
  @Field({ description: "Why the action line serves the goal or target, in the matrix's words" })
  rationale: string;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "Corrections made when the link was derived from the matrix" })
  note: string | null;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
