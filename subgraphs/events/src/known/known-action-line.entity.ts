import { Column, Entity, PrimaryColumn } from "typeorm";

/** The action-line codes the hub knows (the action-lines subgraph's codes, as copied in data/known-codes.json). */
@Entity({ name: "known_action_line" })
export class KnownActionLine {
  @PrimaryColumn("text")
  code: string;

  @Column("text", { name: "parent_code", nullable: true })
  parentCode: string | null;

  @Column("int", { name: "sort_order" })
  sortOrder: number;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
