import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";

@Entity({ name: "facilitation" })
@ObjectType({
  description:
    "An agency named as (co-)facilitator of an action line. `verified` is false where the listing has not been checked against the Tunis Agenda annex.",
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
  @Field({ description: "Whether the listing was checked against an authoritative source" })
  verified: boolean;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "Partial public evidence for the facilitation, where found" })
  evidence: string | null;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
