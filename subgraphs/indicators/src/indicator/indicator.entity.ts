import { Column, Entity, PrimaryColumn } from "typeorm";
import { Directive, Field, ID, ObjectType } from "type-graphql";

@Entity({ name: "indicator" })
@ObjectType({ description: "An ICT indicator (a statistical series), e.g. individuals using the Internet" })
@Directive('@key(fields: "code")')
export class Indicator {
  @PrimaryColumn("text")
  @Field(() => ID, {
    description:
      'Hub code, e.g. "internet_users_pct". Lookups and filters also accept the UNSD series code ("IT_USE_ii99") or the WDI code ("IT.NET.USER.ZS").',
  })
  code: string;

  @Column("int", { name: "sort_order" })
  sortOrder: number;

  @Column("text")
  @Field()
  name: string;

  @Column("text")
  @Field({ description: 'Unit, e.g. "% of population", "per 100 inhabitants"' })
  unit: string;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "UNSD series description, where the indicator is an SDG series" })
  description: string | null;

  @Column("text", { nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "Definition (ITU wording as published in the WDI), where the catalogue has one",
  })
  definition: string | null;

  @Column("text", { name: "wdi_code", nullable: true })
  @Field(() => String, { nullable: true, description: 'World Bank WDI code, e.g. "IT.NET.USER.ZS"' })
  wdiCode: string | null;

  @Column("text", { name: "unsd_series_code", nullable: true })
  @Field(() => String, { nullable: true, description: 'UN SDG database series code, e.g. "IT_USE_ii99"' })
  unsdSeriesCode: string | null;

  @Column("text", { name: "itu_datahub_code", nullable: true })
  @Field(() => String, { nullable: true, description: "ITU DataHub code as seen in third-party code (unverified)" })
  ituDataHubCode: string | null;

  @Column("text", { name: "custodian_agency_id", nullable: true })
  custodianAgencyId: string | null;

  @Column("text", { name: "default_dataset_id" })
  defaultDatasetId: string;

  /** The best-ranked dataset that publishes aggregates (served when a read asks for aggregates only); null: none does. */
  @Column("text", { name: "aggregate_dataset_id", nullable: true })
  aggregateDatasetId: string | null;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
