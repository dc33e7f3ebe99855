import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, ObjectType } from "type-graphql";

@Entity({ name: "indicator_dataset" })
@ObjectType({ description: "A dataset that publishes an indicator: under which series code, from which file, last updated when" })
export class IndicatorDataset {
  @PrimaryColumn("text", { name: "indicator_code" })
  indicatorCode: string;

  @PrimaryColumn("text", { name: "dataset_id" })
  datasetId: string;

  @Column("text", { name: "series_code", nullable: true })
  @Field(() => String, { nullable: true, description: "The series code in that dataset (UNSD series or WDI code)" })
  seriesCode: string | null;

  @Column("text")
  @Field({ description: "The data file the hub loaded it from (see data/SOURCES.md)" })
  file: string;

  @Column("date", { name: "last_updated", nullable: true })
  @Field(() => String, { nullable: true, description: "When the file last changed at its source (YYYY-MM-DD)" })
  lastUpdated: string | null;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
