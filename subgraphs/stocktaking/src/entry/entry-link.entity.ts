import { Column, Entity, PrimaryColumn } from "typeorm";

/** The codes an entry is linked to (owned by other subgraphs: kept as text, checked against data/known-codes.json). */

@Entity({ name: "stocktaking_entry_action_line" })
export class EntryActionLine {
  @PrimaryColumn("bigint", { name: "entry_id" })
  entryId: string;

  @PrimaryColumn("text", { name: "action_line_code" })
  code: string;

  @Column("int")
  position: number;
}

@Entity({ name: "stocktaking_entry_economy" })
export class EntryEconomy {
  @PrimaryColumn("bigint", { name: "entry_id" })
  entryId: string;

  @PrimaryColumn("text", { name: "economy_code" })
  code: string;

  @Column("int")
  position: number;
}

@Entity({ name: "stocktaking_entry_sdg_goal" })
export class EntrySdgGoal {
  @PrimaryColumn("bigint", { name: "entry_id" })
  entryId: string;

  @PrimaryColumn("text", { name: "goal_code" })
  code: string;

  @Column("int")
  position: number;
}
