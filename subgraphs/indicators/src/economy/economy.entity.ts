import { Column, Entity, PrimaryColumn } from "typeorm";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";

export enum EconomyKind {
  COUNTRY = "COUNTRY",
  AGGREGATE = "AGGREGATE",
}
registerEnumType(EconomyKind, {
  name: "EconomyKind",
  description:
    "COUNTRY: a country or area (ISO 3166-1, or Kosovo); AGGREGATE: an M49 region or group (World, SDG regions, LDCs...)",
});

@Entity({ name: "economy" })
@ObjectType({
  description:
    "A country or area, or an M49 aggregate (World, regions, SDG regions, country groups). Countries are keyed by ISO 3166-1 alpha-3, aggregates by their zero-padded M49 number; `economy(code:)` accepts either code of a country.",
})
@Directive('@key(fields: "code")')
export class Economy {
  @PrimaryColumn("text")
  @Field(() => ID, {
    description:
      'ISO 3166-1 alpha-3 for countries ("KEN"; "XKX" for Kosovo, which has none), zero-padded M49 for aggregates ("001" World)',
  })
  code: string;

  @Column("text")
  @Field({ description: 'UN M49 numeric code, zero-padded ("404" Kenya, "001" World, "202" Sub-Saharan Africa)' })
  m49: string;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2, for countries" })
  iso2: string | null;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-3, for countries that have one" })
  iso3: string | null;

  @Column("text")
  @Field({ description: "Name: ISO 3166 English short name for countries, UNSD name for aggregates and for Kosovo" })
  name: string;

  @Column("text")
  @Field(() => EconomyKind)
  kind: EconomyKind;

  @Column("text", { nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'M49 region ("Africa"); for a sub-region, the region it belongs to',
  })
  region: string | null;

  @Column("text", { name: "sub_region", nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'M49 sub-region ("Sub-Saharan Africa"); for an intermediate region, its sub-region',
  })
  subRegion: string | null;

  @Column("text", { name: "intermediate_region", nullable: true })
  @Field(() => String, { nullable: true, description: 'M49 intermediate region ("Eastern Africa"), where M49 has one' })
  intermediateRegion: string | null;

  @Column("boolean", { name: "membership_known" })
  @Field({
    description:
      "For an aggregate: whether the hub's data says which countries it contains (false: its members are unknown here)",
  })
  membershipKnown: boolean;

  @Column("text", { name: "membership_source_id", nullable: true })
  membershipSourceId: string | null;

  @Column("text", { name: "membership_note", nullable: true })
  @Field(() => String, { nullable: true, description: "How the membership list was obtained, or why it is unknown" })
  membershipNote: string | null;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
