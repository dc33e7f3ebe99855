import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";

@Entity({ name: "observation" })
@ObjectType({
  description:
    "One published figure: an indicator for an economy, a year and a breakdown, from one dataset. `valueText` is exactly what the source file says.",
})
export class Observation {
  @PrimaryColumn("text", { name: "indicator_code" })
  indicatorCode: string;

  @PrimaryColumn("text", { name: "dataset_id" })
  datasetId: string;

  @PrimaryColumn("text", { name: "economy_code" })
  economyCode: string;

  @PrimaryColumn("int")
  @Field(() => Int)
  year: number;

  @PrimaryColumn("text", { name: "breakdown_key" })
  breakdownKey: string;

  @Column("text", { nullable: true })
  sex: string | null;

  @Column("text", { nullable: true })
  age: string | null;

  @Column("text", { nullable: true })
  speed: string | null;

  @Column("text", { nullable: true })
  location: string | null;

  /** numeric, read as its exact decimal text */
  @Column("numeric")
  value: string;

  @Column("text", { name: "value_text" })
  @Field({ description: 'The value exactly as the source file writes it, e.g. "16.5879"' })
  valueText: string;

  @Column("text", { name: "unit_code", nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'The unit code of the source, where it has one (UNSD: "PERCENT", "PER_100_POP")',
  })
  unitCode: string | null;

  @Column("text", { nullable: true })
  @Field(() => String, {
    nullable: true,
    description:
      "Nature of the figure, UNSD code (C country data, CA country adjusted, E estimated, M modelled, G global monitoring, N non-relevant, NA not available); null where the source gives none",
  })
  nature: string | null;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "Footnote of the source (none of the shipped files has one)" })
  footnote: string | null;

  @Column("text", { name: "source_area_code" })
  @Field({ description: 'The area code as written in the source file ("404", "ken", "nld_curacao")' })
  sourceAreaCode: string;

  @Column("text", { name: "source_id" })
  sourceId: string;

  @Column("int")
  @Field(() => Int, {
    description:
      "The release of its dataset that published this value (1: the data files shipped with the hub). A read pinned to a release or a moment returns the value of that release.",
  })
  release: number;
}
