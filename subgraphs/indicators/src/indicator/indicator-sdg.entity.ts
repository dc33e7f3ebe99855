import { Column, Entity, PrimaryColumn } from "typeorm";

/** An SDG indicator (of the action-lines subgraph) that an ICT indicator measures. */
@Entity({ name: "indicator_sdg" })
export class IndicatorSdg {
  @PrimaryColumn("text", { name: "indicator_code" })
  indicatorCode: string;

  @PrimaryColumn("text", { name: "sdg_indicator_code" })
  sdgIndicatorCode: string;

  @Column("text", { name: "sdg_target_code", nullable: true })
  sdgTargetCode: string | null;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
