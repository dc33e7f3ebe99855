import { connectionArgs, connectionTypes, type Connection } from "@wsis/shared";
import { ArgsType, Field, GraphQLISODateTime, InputType, Int, ObjectType } from "type-graphql";
import { Economy } from "../economy/economy.entity";
import { Observation } from "./observation.entity";
import { OBSERVATION_PAGE } from "./observation.limits";

@ObjectType({
  description: "The breakdown of an observation: null dimensions are not broken down (or not specified by the source)",
})
export class ObservationBreakdown {
  @Field({
    description:
      'Stable key of the breakdown: "_T" for the total, otherwise e.g. "sex=FEMALE", "speed=10MBPS" or "age=15_24;sex=FEMALE;skill=COPA" (dimensions in the order age, location, sex, speed, skill, educationLevel)',
  })
  key: string;

  @Field({ description: 'Human label: "Total", "Female", "10 Mbit/s and above"' })
  label: string;

  @Field(() => String, { nullable: true, description: "Sex, UNSD code: BOTHSEX, FEMALE, MALE" })
  sex: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Age group, UNSD code: ALLAGE (the total), LT15Y, 15_24, 25_74, 75 (75 and over); null where the source does not specify it",
  })
  age: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Fixed-broadband speed band, UNSD code: ANYS, 256KT2MBPS, 2MT10MBPS, 10MBPS",
  })
  speed: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Urban/rural location, UNSD code: ALLAREA (the total), URBAN, RURAL; null where the source does not specify it",
  })
  location: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Type of ICT skill (SDG 4.4.1, 4.5.1), UNSD code: ARSP, CMFL, COPA, EMAIL, EPRS, INST, PCPR, PRVCY, SCRTY, SOFT, TRAF, VRFY. There is no total: every figure is for one skill. Labels and whether each was verified: Indicator.dimensions.labels",
  })
  skill: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Education level (SDG 4.a.1), UNSD code: PRIMAR, LOWSEC, UPPSEC, SECOND (secondary; label unverified). There is no total: every figure is for one level",
  })
  educationLevel: string | null;
}

@InputType({
  description:
    "Selects one breakdown: the dimensions given take these codes, the others are at their total. Empty selects the total.",
})
export class ObservationBreakdownInput {
  @Field(() => String, { nullable: true, description: "BOTHSEX (or TOTAL), FEMALE, MALE" })
  sex?: string | null;

  @Field(() => String, { nullable: true, description: "ANYS (or TOTAL), 256KT2MBPS, 2MT10MBPS, 10MBPS" })
  speed?: string | null;

  @Field(() => String, { nullable: true, description: "ALLAGE (or TOTAL), LT15Y, 15_24, 25_74, 75" })
  age?: string | null;

  @Field(() => String, { nullable: true, description: "ALLAREA (or TOTAL), URBAN, RURAL" })
  location?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Type of ICT skill: ARSP, CMFL, COPA, EMAIL, EPRS, INST, PCPR, PRVCY, SCRTY, SOFT, TRAF, VRFY (no total: TOTAL is BAD_USER_INPUT)",
  })
  skill?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Education level: PRIMAR, LOWSEC, UPPSEC, SECOND (no total: TOTAL is BAD_USER_INPUT)",
  })
  educationLevel?: string | null;
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

  @Field(() => String, {
    nullable: true,
    description: 'Only the member countries of this aggregate: name ("Africa") or M49 code ("002")',
  })
  region?: string | null;

  @Field(() => Int, { nullable: true })
  fromYear?: number | null;

  @Field(() => Int, { nullable: true })
  toYear?: number | null;

  @Field(() => ObservationBreakdownInput, {
    nullable: true,
    description:
      'One breakdown, e.g. { sex: "FEMALE" } or { speed: "10MBPS" } or { skill: "COPA", sex: "FEMALE" } (codes of Indicator.dimensions, any case). Omitted: the total of every breakdown dimension — one figure per economy and year — unless allBreakdowns is true. An indicator with a dimension that has no total (type of skill for ict_skills_pct and ict_skills_gender_parity_index, education level for schools_computers_pct and schools_internet_pct) has no such figure: omitted, the read returns no observations; name the skill or the level (the other dimensions are then at their total) or ask for allBreakdowns.',
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
    description:
      "Read the values that were published at this moment (the latest release published then); not with `release`",
  })
  asOf?: Date | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Pin the read to this release of the dataset (see Dataset.releases): the values it published, forever. Omitted: the latest.",
  })
  release?: number | null;
}
