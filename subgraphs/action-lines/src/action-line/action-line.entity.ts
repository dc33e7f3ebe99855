import { Column, Entity, PrimaryColumn } from "typeorm";
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";

@Entity({ name: "action_line" })
@ObjectType({
  description:
    "A WSIS action line of the Geneva Plan of Action (C1–C11), or one of the eight C7 sub-lines (e.g. C7.e-health)",
})
@Directive('@key(fields: "code")')
export class ActionLine {
  @PrimaryColumn("text")
  @Field(() => ID, { description: 'Code, e.g. "C5" or "C7.e-health"' })
  code: string;

  @Column("text", { name: "parent_code", nullable: true })
  @Field(() => String, { nullable: true, description: 'For a C7 sub-line, "C7"' })
  parentCode: string | null;

  @Column("int", { name: "sort_order" })
  @Field(() => Int, { description: "Position in the Plan of Action" })
  sortOrder: number;

  @Column("text")
  @Field({ description: "Heading, as listed on the ITU WSIS pages" })
  title: string;

  @Column("text", { name: "matrix_name", nullable: true })
  @Field(() => String, { nullable: true, description: "Name used in the WSIS–SDG Matrix" })
  matrixName: string | null;

  @Column("text", { name: "short_name", nullable: true })
  @Field(() => String, { nullable: true, description: "Short name used in the WSIS–SDG Matrix" })
  shortName: string | null;

  @Column("text", { name: "plan_of_action", nullable: true })
  @Field(() => String, {
    nullable: true,
    description:
      "The Geneva Plan of Action text of this line (plain text, one paragraph per line), where the data has it: the " +
      "WSIS–SDG Matrix transcription, corrected where a check showed a fault (see planOfActionNote)",
  })
  planOfAction: string | null;

  @Column("boolean", { name: "plan_of_action_verified" })
  @Field({
    description:
      "True when the opening of planOfAction was found word for word in a primary source quoting the Geneva Plan of " +
      "Action (see planOfActionNote); false otherwise: the text is not confirmed",
  })
  planOfActionVerified: boolean;

  @Column("text", { name: "plan_of_action_note", nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "What the check of planOfAction found, against which document (with its URL), and what was corrected",
  })
  planOfActionNote: string | null;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
