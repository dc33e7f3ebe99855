import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";
import { UngisRoleKind } from "./ungis.enums";

@Entity({ name: "ungis_role" })
@ObjectType({
  description:
    "An agency's part in UNGIS over the years a source names it: chair, vice-chair, member or secretariat. `verified` is " +
    "true where the source is a primary one (the UN's, ITU's, UNCTAD's own page or statement) and its words say so.",
})
export class UngisRole {
  @PrimaryColumn("text", { name: "agency_id" })
  agencyId: string;

  @PrimaryColumn("text")
  @Field(() => UngisRoleKind)
  role: UngisRoleKind;

  @PrimaryColumn("int", { name: "from_year" })
  @Field(() => Int, { description: "The first year the source shows the role in" })
  fromYear: number;

  @Column("int", { name: "to_year", nullable: true })
  @Field(() => Int, {
    nullable: true,
    description:
      "The last year the source shows the role in; null when the source gives only a starting point (the role is held " +
      "from `fromYear`, and its end is not known: the hub counts it for `fromYear` only)",
  })
  toYear: number | null;

  @Column("boolean")
  @Field({
    description: "True when a primary source's words state the role; false when it rests on a secondary source only",
  })
  verified: boolean;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "The source's words" })
  quote: string | null;

  @Column("text", { nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "What the source leaves open (dates approximated, conflicting sources)",
  })
  note: string | null;

  @PrimaryColumn("text", { name: "source_id" })
  sourceId: string;
}
