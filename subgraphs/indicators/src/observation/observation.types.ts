import { connectionArgs, connectionTypes, type Connection } from "@wsis/shared";
import { ArgsType, Field, GraphQLISODateTime, InputType, Int, ObjectType } from "type-graphql";
import { Economy } from "../economy/economy.entity";
import { Observation } from "./observation.entity";
import { OBSERVATION_PAGE } from "./observation.limits";

@ObjectType({ description: "The breakdown of an observation: null dimensions are not broken down (or not specified by the source)" })
export class ObservationBreakdown {
  @Field({ description: 'Stable key of the breakdown: "_T" for the total, otherwise e.g. "sex=FEMALE" or "speed=10MBPS"' })
  key: string;

  @Field({ description: 'Human label: "Total", "Female", "10 Mbit/s and above"' })
  label: string;

  @Field(() => String, { nullable: true, description: "Sex, UNSD code: BOTHSEX, FEMALE, MALE" })
  sex: string | null;

  @Field(() => String, { nullable: true, description: "Age group, UNSD code (no shipped file breaks down by age)" })
  age: string | null;

  @Field(() => String, { nullable: true, description: "Fixed-broadband speed band, UNSD code: ANYS, 256KT2MBPS, 2MT10MBPS, 10MBPS" })
  speed: string | null;

  @Field(() => String, { nullable: true, description: "Urban/rural location, UNSD code (no shipped file breaks down by location)" })
  location: string | null;
}

@InputType({ description: "Selects one breakdown: the dimensions given take these codes, the others are at their total. Empty selects the total." })
export class ObservationBreakdownInput {
  @Field(() => String, { nullable: true, description: "BOTHSEX (or TOTAL), FEMALE, MALE" })
  sex?: string | null;

  @Field(() => String, { nullable: true, description: "ANYS (or TOTAL), 256KT2MBPS, 2MT10MBPS, 10MBPS" })
  speed?: string | null;
}

@InputType({
  description:
    "Which observations to list. Codes are case-insensitive; an unknown code (indicator, economy, region, dataset) is BAD_USER_INPUT naming the argument and the code.",
})
export class ObservationFilter {
  @Field({ description: 'Indicator code ("internet_users_pct"), UNSD series code or WDI code' })
  indicator: string;

  @Field(() => [String], { nullable: true, description: "Economies by ISO3 or M49 code (at most 300)" })
  economies?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Only the member countries of this aggregate: name ("Africa") or M49 code ("002")' })
  region?: string | null;

  @Field(() => Int, { nullable: true })
  fromYear?: number | null;

  @Field(() => Int, { nullable: true })
  toYear?: number | null;

  @Field(() => ObservationBreakdownInput, {
    nullable: true,
    description:
      'One breakdown, e.g. { sex: "FEMALE" } or { speed: "10MBPS" } (codes of Indicator.dimensions, any case). Omitted: the total of every breakdown dimension — one figure per economy and year — unless allBreakdowns is true.',
  })
  breakdown?: ObservationBreakdownInput | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      "true: every breakdown (Total, Female, Male, speed bands...), interleaved in key order, from the best-ranked dataset that has breakdowns when no dataset is named; not with `breakdown`. Default false: the total only.",
  })
  allBreakdowns?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Dataset id (any case); omitted: the indicator's default dataset (Indicator.defaultDatasetChoice), or the best-ranked dataset that has what the filter asks for when the default lacks it (a breakdown, aggregates only)",
  })
  dataset?: string | null;
}

/** The page types of `observations` (their names and texts as served from the start). */
export const ObservationPage = connectionTypes(Observation, {
  connection: "ObservationConnection",
  edge: "ObservationEdge",
  pageInfo: "ObservationPageInfo",
  description: "A page of observations, ordered by economy code, year and breakdown key",
  cursorDescription: "Opaque cursor of this observation; pass it as `after` to continue",
  totalCountDescription: "How many observations the filter selects (all pages)",
});
export type ObservationConnection = Connection<Observation>;

/** `(filter, first, after)` of `observations`: the filter is required (it names the indicator). */
@ArgsType()
export class ObservationConnectionArgs extends connectionArgs(ObservationFilter, OBSERVATION_PAGE, {
  first: `Page size, 0–${OBSERVATION_PAGE.max}`,
  after: "endCursor of the previous page",
  filterRequired: true,
}) {}

@ObjectType({ description: "The time series of one indicator for one economy (the chart view)" })
export class ObservationSeries {
  @Field(() => Economy)
  economy: Economy;

  @Field(() => [Observation], { description: "Ordered by year" })
  points: Observation[];
}

/**
 * The arguments that pin a read of observations to one release of its dataset (observations, the map, the chart).
 * Declared in the order the SDL has always printed them.
 */
@ArgsType()
export class ReleasePinArgs {
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: "Read the values that were published at this moment (the latest release published then); not with `release`",
  })
  asOf?: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: "Pin the read to this release of the dataset (see Dataset.releases): the values it published, forever. Omitted: the latest.",
  })
  release?: number | null;
}
