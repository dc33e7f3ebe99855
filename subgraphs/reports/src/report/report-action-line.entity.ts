import { Column, Entity, PrimaryColumn } from "typeorm";

/** An action line (owned by the action-lines subgraph) that a report covers. */
@Entity({ name: "report_action_line" })
export class ReportActionLine {
  @PrimaryColumn("text", { name: "report_id" })
  reportId: string;

  @PrimaryColumn("text", { name: "action_line_code" })
  actionLineCode: string;

  @Column("int")
  position: number;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
