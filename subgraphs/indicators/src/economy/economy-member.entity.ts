import { Column, Entity, PrimaryColumn } from "typeorm";

/** A country that an aggregate contains (flattened: every aggregate lists its countries directly). */
@Entity({ name: "economy_member" })
export class EconomyMember {
  @PrimaryColumn("text", { name: "aggregate_code" })
  aggregateCode: string;

  @PrimaryColumn("text", { name: "member_code" })
  memberCode: string;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
