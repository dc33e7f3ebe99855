import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { Observation } from "../observation/observation.entity";
import { ObservationBreakdown } from "../observation/observation.types";

export enum RegionalFigureKind {
  OFFICIAL = "OFFICIAL",
  COMPUTED = "COMPUTED",
}
registerEnumType(RegionalFigureKind, {
  name: "RegionalFigureKind",
  description:
    "OFFICIAL: the aggregate as the source publishes it; COMPUTED: computed by the hub over the region's member countries",
});

@ObjectType({
  description: "A member country of a region in a computed figure, with its value and its population weight",
})
export class RegionalFigureMember {
  economyCode: string;

  @Field(() => Float, { nullable: true, description: "Its value in the year (null: no data)" })
  value: number | null;

  @Field(() => String, { nullable: true, description: "Its value exactly as the source writes it" })
  valueText: string | null;

  @Field(() => Float, {
    nullable: true,
    description: "Its total population in the year (World Bank SP.POP.TOTL); null where the World Bank series has none",
  })
  population: number | null;
}

@ObjectType({
  description: "One regional figure, labelled official or computed, with the method and the members it used",
})
export class RegionalFigure {
  @Field(() => RegionalFigureKind)
  kind: RegionalFigureKind;

  @Field({ description: "How the figure was obtained" })
  method: string;

  @Field(() => Float, {
    nullable: true,
    description: "OFFICIAL: the published value; COMPUTED: the population-weighted mean",
  })
  value: number | null;

  @Field(() => String, { nullable: true, description: "OFFICIAL: the value exactly as published" })
  valueText: string | null;

  @Field(() => Observation, { nullable: true, description: "OFFICIAL: the published observation, with its provenance" })
  observation: Observation | null;

  @Field(() => Int, { nullable: true, description: "COMPUTED: number of member countries with a value" })
  count: number | null;

  @Field(() => Float, { nullable: true })
  min: number | null;

  @Field(() => Float, { nullable: true })
  max: number | null;

  @Field(() => Float, { nullable: true })
  median: number | null;

  @Field(() => Float, { nullable: true, description: "COMPUTED: unweighted mean of the members' values" })
  mean: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "COMPUTED: mean weighted by total population, over members with a value and a population",
  })
  populationWeightedMean: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "COMPUTED: share (0–1) of the region's population living in members with data (denominator: members with a population figure)",
  })
  coverage: number | null;

  @Field(() => Float, { nullable: true, description: "COMPUTED: population of the members with data" })
  populationCovered: number | null;

  @Field(() => Float, { nullable: true, description: "COMPUTED: population of all members with a population figure" })
  populationTotal: number | null;

  @Field(() => Int, { nullable: true, description: "COMPUTED: the year of the population weights" })
  populationYear: number | null;

  @Field(() => [RegionalFigureMember], {
    description: "COMPUTED: every member country of the region, with value and weight; empty for OFFICIAL",
  })
  members: RegionalFigureMember[];
}

@ObjectType({
  description:
    "Regional figures of an indicator in a year: the official aggregate where the source has one, and a computed one",
})
export class RegionalFigures {
  indicatorCode: string;
  regionCode: string;
  datasetId: string;

  @Field(() => Int)
  year: number;

  @Field(() => ObservationBreakdown)
  breakdown: ObservationBreakdown;

  @Field(() => RegionalFigure, {
    nullable: true,
    description: "The aggregate as published by the source; null where it publishes none",
  })
  official: RegionalFigure | null;

  @Field(() => RegionalFigure, {
    nullable: true,
    description: "Computed over the member countries; null where the membership is unknown",
  })
  computed: RegionalFigure | null;
}
