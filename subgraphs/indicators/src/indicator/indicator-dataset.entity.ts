import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";

@Entity({ name: "indicator_dataset" })
@ObjectType({
  description: "A dataset that publishes an indicator: under which series code, from which file, last updated when",
})
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

  @Column("int", { nullable: true })
  @Field(() => Int, {
    nullable: true,
    description:
      "Its rank among the indicator's datasets by the default-dataset rule (1: the default; see Indicator.defaultDatasetChoice). Null until the rule has run.",
  })
  rank: number | null;

  @Column("int", { name: "latest_complete_year", nullable: true })
  @Field(() => Int, {
    nullable: true,
    description:
      "The most recent year in which it has a total for at least half as many countries as the best-covered year of any dataset of the indicator; null when it has no such year",
  })
  latestCompleteYear: number | null;

  @Column("int", { name: "economies_in_latest_year" })
  @Field(() => Int, { description: "How many countries have a total in its latest complete year (0 when it has none)" })
  economiesInLatestYear: number;

  @Column("boolean", { name: "has_aggregates" })
  @Field({ description: "Whether it publishes aggregates (World, regions, groups) as well as countries" })
  hasAggregates: boolean;

  @Column("text", { name: "breakdown_keys", array: true })
  @Field(() => [String], {
    description: 'The breakdown keys it has observations for, e.g. ["_T", "sex=FEMALE", "sex=MALE"]',
  })
  breakdownKeys: string[];
}
