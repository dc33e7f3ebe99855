import { checkPageSize, pageOf, Source } from "@wsis/shared";
import { Arg, Args, Ctx, FieldResolver, Float, ID, Int, Query, Resolver, Root } from "type-graphql";
import { Dataset } from "../dataset/dataset.entity";
import { Economy, EconomyKind } from "../economy/economy.entity";
import { Indicator } from "../indicator/indicator.entity";
import type { Context } from "../context";
import { RegionalFigureKind } from "../regional/regional.types";
import { DatasetRelease } from "../release/release.entity";
import { isAggregateCode } from "../codes";
import { releaseKey } from "../release/release.loaders";
import { breakdownLabel, parseBreakdownKey } from "./breakdown";
import { NATURE_LABELS } from "./nature";
import { ObservationRevision, revisionsKey } from "./observation-revision";
import { Observation } from "./observation.entity";
import { observationId } from "./observation.rows";
import { decodeCursor, encodeCursor, resolveFilter, resolveObservationFilter } from "./observation.args";
import { LIMITS, OBSERVATION_PAGE } from "./observation.limits";
import {
  ObservationBreakdown,
  ObservationBreakdownInput,
  ObservationConnectionArgs,
  ObservationPage,
  ObservationSeries,
  ReleasePinArgs,
  type ObservationConnection,
} from "./observation.types";

@Resolver(() => Observation)
export class ObservationResolver {
  @Query(() => ObservationPage.Connection, {
    nullable: true,
    description: `Observations of one indicator, filtered; a cursor connection ordered by economy code, year and breakdown (at most ${LIMITS.pageSize} per page). Defaults answer the usual question: the total of every breakdown dimension (one figure per economy and year; \`breakdown\` or \`allBreakdowns\` asks for more) from the indicator's default dataset (Indicator.defaultDatasetChoice).`,
  })
  async observations(
    // Parameters of several @Args print last first: (filter, first, after), then the pin.
    @Args(() => ReleasePinArgs) { release, asOf }: ReleasePinArgs,
    @Args(() => ObservationConnectionArgs) { filter, first, after }: ObservationConnectionArgs,
    @Ctx() ctx: Context,
  ): Promise<ObservationConnection> {
    const size = checkPageSize(first, OBSERVATION_PAGE);
    const f = await resolveObservationFilter(ctx.loaders, filter!, { release, asOf });
    const position = after ? decodeCursor(f, after) : null;
    const rows = await ctx.services.observationQueries.page(f, position, size + 1);
    return pageOf(
      ObservationPage,
      rows,
      size,
      (node) => encodeCursor(f, node),
      () => ctx.services.observationQueries.count(f),
    );
  }

  @Query(() => [Observation], {
    nullable: true,
    description:
      "The map view: the latest observation of each economy that has one, for an indicator (one row per economy; its `year` says which). `minYear` leaves out economies whose latest figure is older, so a map does not mix years silently; `maxYear` reads the map as of a year. Defaults: the total breakdown, the indicator's default dataset (Indicator.defaultDatasetChoice).",
  })
  async latestObservations(
    @Arg("indicator") indicator: string,
    @Arg("region", () => String, { nullable: true, description: 'Only members of this aggregate ("Africa", "202")' })
    region: string | null,
    @Arg("kind", () => EconomyKind, { nullable: true, description: "Only countries, or only aggregates" })
    kind: EconomyKind | null,
    @Arg("economies", () => [String], {
      nullable: true,
      description: "Only these economies (ISO3 or M49, at most 300)",
    })
    economies: string[] | null,
    @Arg("breakdown", () => ObservationBreakdownInput, {
      nullable: true,
      description: "One breakdown; omitted: the total",
    })
    breakdown: ObservationBreakdownInput | null,
    @Arg("dataset", () => String, { nullable: true }) dataset: string | null,
    @Args(() => ReleasePinArgs) { release, asOf }: ReleasePinArgs,
    @Ctx() ctx: Context,
    @Arg("minYear", () => Int, {
      nullable: true,
      description: "Only economies whose latest figure is of this year or later",
    })
    minYear?: number | null,
    @Arg("maxYear", () => Int, {
      nullable: true,
      description: "The latest figure up to this year (the map as of a year)",
    })
    maxYear?: number | null,
  ): Promise<Observation[]> {
    const f = await resolveFilter(
      ctx.loaders,
      { indicator, region, kind, economies, breakdown, dataset, release, asOf, fromYear: minYear, toYear: maxYear },
      { maxEconomies: LIMITS.filterEconomies, years: { from: "minYear", to: "maxYear" } },
    );
    return ctx.services.observationQueries.latest(f);
  }

  @Query(() => [ObservationSeries], {
    nullable: true,
    description: `The chart view: the time series of an indicator for up to ${LIMITS.seriesEconomies} economies, one series per economy in the order given, one point per year. Defaults: the total breakdown, the indicator's default dataset (Indicator.defaultDatasetChoice).`,
  })
  async series(
    @Arg("indicator") indicator: string,
    @Arg("economies", () => [String], { description: `ISO3 or M49 codes, at most ${LIMITS.seriesEconomies}` })
    economies: string[],
    @Arg("fromYear", () => Int, { nullable: true }) fromYear: number | null,
    @Arg("toYear", () => Int, { nullable: true }) toYear: number | null,
    @Arg("breakdown", () => ObservationBreakdownInput, { nullable: true }) breakdown: ObservationBreakdownInput | null,
    @Arg("dataset", () => String, { nullable: true }) dataset: string | null,
    @Args(() => ReleasePinArgs) { release, asOf }: ReleasePinArgs,
    @Ctx() ctx: Context,
  ): Promise<ObservationSeries[]> {
    const f = await resolveFilter(
      ctx.loaders,
      { indicator, economies, fromYear, toYear, breakdown, dataset, release, asOf },
      { maxEconomies: LIMITS.seriesEconomies },
    );
    const requested = (
      await Promise.all((f.economyCodes ?? []).map((code) => ctx.loaders.economyByCode.load(code)))
    ).filter((economy): economy is Economy => economy !== null);
    // Each series from the dataset that answers it: with no dataset named, a list that mixes countries and aggregates
    // reads the aggregates from the indicator's dataset with aggregates (as a list of aggregates alone does), not from
    // a default dataset that has none. Every point names its dataset.
    const aggregates = requested.filter((e) => e.kind === EconomyKind.AGGREGATE).map((e) => e.code);
    const mixed = (dataset ?? null) === null && aggregates.length > 0 && aggregates.length < requested.length;
    const filters = mixed
      ? [
          { ...f, economyCodes: requested.filter((e) => e.kind !== EconomyKind.AGGREGATE).map((e) => e.code) },
          await resolveFilter(
            ctx.loaders,
            { indicator, economies: aggregates, fromYear, toYear, breakdown, dataset, release, asOf },
            { maxEconomies: LIMITS.seriesEconomies },
          ),
        ]
      : [f];
    const byEconomy = new Map<string, Observation[]>();
    for (const part of await Promise.all(filters.map((filter) => ctx.services.observationQueries.series(filter)))) {
      for (const [code, points] of part) byEconomy.set(code, points);
    }
    return requested.map((economy) => ({ economy, points: byEconomy.get(economy.code) ?? [] }));
  }

  @FieldResolver(() => ID, { description: "indicator|dataset|economy|year|breakdown key" })
  id(@Root() o: Observation): string {
    return observationId(o);
  }

  @FieldResolver(() => Float, { description: "The value as a number (see valueText for the exact decimal)" })
  value(@Root() o: Observation): number {
    return Number(o.valueText);
  }

  @FieldResolver(() => RegionalFigureKind, {
    nullable: true,
    description:
      "For the figure of an aggregate (World, a region, a group): OFFICIAL, published by the source as the figure of that aggregate — the hub stores no computed aggregate as an observation (regionalFigures.computed holds those, labelled COMPUTED). Null for a country.",
  })
  aggregate(@Root() o: Observation): RegionalFigureKind | null {
    return isAggregateCode(o.economyCode) ? RegionalFigureKind.OFFICIAL : null;
  }

  @FieldResolver(() => String, { description: 'The period, e.g. "2022" (every shipped series is annual)' })
  period(@Root() o: Observation): string {
    return String(o.year);
  }

  @FieldResolver(() => String, { description: "The indicator's unit" })
  async unit(@Root() o: Observation, @Ctx() ctx: Context): Promise<string> {
    const indicator = await ctx.loaders.indicatorByCode.load(o.indicatorCode);
    return indicator?.unit ?? o.unitCode ?? "";
  }

  @FieldResolver(() => Indicator, { nullable: true })
  indicator(@Root() o: Observation, @Ctx() ctx: Context): Promise<Indicator | null> {
    return ctx.loaders.indicatorByCode.load(o.indicatorCode);
  }

  @FieldResolver(() => Economy, { nullable: true })
  economy(@Root() o: Observation, @Ctx() ctx: Context): Promise<Economy | null> {
    return ctx.loaders.economyByCode.load(o.economyCode);
  }

  @FieldResolver(() => ObservationBreakdown)
  breakdown(@Root() o: Observation): ObservationBreakdown {
    const keyOnly = parseBreakdownKey(o.breakdownKey);
    const values = {
      sex: o.sex,
      age: o.age,
      speed: o.speed,
      location: o.location,
      skill: keyOnly.skill ?? null,
      educationLevel: keyOnly.educationLevel ?? null,
    };
    return { key: o.breakdownKey, label: breakdownLabel(values), ...values };
  }

  @FieldResolver(() => Dataset, {
    nullable: true,
    description: "The dataset (source and release) this figure comes from, with licence and citation",
  })
  dataset(@Root() o: Observation, @Ctx() ctx: Context): Promise<Dataset | null> {
    return ctx.loaders.datasetById.load(o.datasetId);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Label of the nature code, e.g. "Estimated data"' })
  natureLabel(@Root() o: Observation): string | null {
    return o.nature ? (NATURE_LABELS[o.nature] ?? null) : null;
  }

  @FieldResolver(() => Source, {
    nullable: true,
    description:
      "The data file this figure was loaded from, or the release that published it (who, through which operation)",
  })
  source(@Root() o: Observation, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(o.sourceId);
  }

  @FieldResolver(() => DatasetRelease, {
    nullable: true,
    description: "The release that published this value: when and by whom",
  })
  publishedIn(@Root() o: Observation, @Ctx() ctx: Context): Promise<DatasetRelease | null> {
    return ctx.loaders.releaseByKey.load(releaseKey(o.datasetId, o.release));
  }

  @FieldResolver(() => [ObservationRevision], {
    description:
      "The earlier values of this observation, newest first, each with the releases that published and replaced it (empty: never revised)",
  })
  revisions(@Root() o: Observation, @Ctx() ctx: Context): Promise<ObservationRevision[]> {
    return ctx.loaders.revisionsByObservation.load(revisionsKey(o));
  }
}

@Resolver(() => ObservationRevision)
export class ObservationRevisionResolver {
  @FieldResolver(() => Float, { description: "The value as a number (see valueText for the exact decimal)" })
  value(@Root() r: ObservationRevision): number {
    return Number(r.valueText);
  }

  @FieldResolver(() => DatasetRelease, {
    nullable: true,
    description: "The release that published this version: when and by whom",
  })
  publishedIn(@Root() r: ObservationRevision, @Ctx() ctx: Context): Promise<DatasetRelease | null> {
    return ctx.loaders.releaseByKey.load(releaseKey(r.datasetId, r.release));
  }

  @FieldResolver(() => DatasetRelease, {
    nullable: true,
    description: "The release that replaced or withdrew it: when and by whom",
  })
  replacedIn(@Root() r: ObservationRevision, @Ctx() ctx: Context): Promise<DatasetRelease | null> {
    return ctx.loaders.releaseByKey.load(releaseKey(r.datasetId, r.replacedInRelease));
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Root() r: ObservationRevision, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(r.sourceId);
  }
}
