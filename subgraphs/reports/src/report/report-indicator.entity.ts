import { Column, Entity, PrimaryColumn } from "typeorm";

/** An indicator (owned by the indicators subgraph) that a report cites. */
@Entity({ name: "report_indicator" })
export class ReportIndicator {
  @PrimaryColumn("text", { name: "report_id" })
  reportId: string;

  @PrimaryColumn("text", { name: "indicator_code" })
  indicatorCode: string;

  @Column("int")
  position: number;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
