import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";

@Entity({ name: "facilitation" })
@ObjectType({
  description:
    "An agency named as (co-)facilitator of an action line. `verified` is true where a primary source (the agency's, " +
    "ITU's or the UN's own document, named with its URL in `evidence` and as `source`) states the role; false where " +
    "the listing rests only on the unverified recollection of the Tunis Agenda annex, on secondary copies, or on " +
    "words that do not state a facilitation (the annex itself could not be checked).",
})
export class Facilitation {
  @PrimaryColumn("text", { name: "action_line_code" })
  actionLineCode: string;

  @PrimaryColumn("text", { name: "agency_id" })
  agencyId: string;

  @Column("int")
  @Field(() => Int, { description: "Order in which the source lists the agency (1 = first)" })
  position: number;

  @Column("boolean")
  @Field({ description: "Whether a primary source's words state the facilitation (see `evidence`, `source`)" })
  verified: boolean;

  @Column("text", { nullable: true })
  @Field(() => String, {
    nullable: true,
    description:
      "The evidence found: the role in the document's words, the quotation, the document and its URL (and why it does not verify, where it does not)",
  })
  evidence: string | null;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
