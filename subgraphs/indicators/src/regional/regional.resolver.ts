import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { checkYear } from "../codes";
import { Dataset } from "../dataset/dataset.entity";
import { Economy } from "../economy/economy.entity";
import { resolveRegion } from "../economy/economy.args";
import { Indicator } from "../indicator/indicator.entity";
import { resolveDataset, resolveIndicator } from "../indicator/indicator.args";
import type { Context } from "../context";
import { breakdownKeyFromInput, breakdownLabel, parseBreakdownKey, TOTAL_KEY } from "../observation/breakdown";
import { observationKeyString } from "../observation/observation.loaders";
import { ObservationBreakdownInput } from "../observation/observation.types";
import { regionalKey } from "./regional.loaders";
import { computedFigure, officialFigure } from "./regional.statistics";
import { RegionalFigureMember, RegionalFigures } from "./regional.types";

/** The breakdown values a key stands for (the inverse of breakdownKey, for display). */
function breakdownOf(key: string) {
  const values = parseBreakdownKey(key);
  const dims = {
    sex: values.sex ?? null,
    age: values.age ?? null,
    speed: values.speed ?? null,
    location: values.location ?? null,
    skill: values.skill ?? null,
    educationLevel: values.educationLevel ?? null,
  };
  return { key, label: breakdownLabel(dims), ...dims };
}

@Resolver(() => RegionalFigures)
export class RegionalFiguresResolver {
  @Query(() => RegionalFigures, {
    nullable: true,
    description:
      "Regional figures of an indicator in a year: the official aggregate (where the source publishes one for the region) and one computed over the region's member countries — count, min, max, median, mean, population-weighted mean and coverage — each labelled, with its method and members. Defaults: the total breakdown; the best-ranked dataset of the indicator that publishes aggregates (both figures from one source), else its default dataset.",
  })
  async regionalFigures(
    @Arg("indicator") indicator: string,
    @Arg("region", { description: 'Aggregate by name ("Sub-Saharan Africa") or M49 code ("202")' }) region: string,
    @Arg("year", () => Int) year: number,
    @Arg("breakdown", () => ObservationBreakdownInput, { nullable: true }) breakdown: ObservationBreakdownInput | null,
    @Arg("dataset", () => String, { nullable: true }) dataset: string | null,
    @Ctx() ctx: Context,
  ): Promise<RegionalFigures> {
    checkYear(year, "year");
    const breakdownKey = breakdown ? breakdownKeyFromInput(breakdown) : TOTAL_KEY;
    const [ind, reg] = await Promise.all([
      resolveIndicator(ctx.loaders, indicator),
      resolveRegion(ctx.loaders, region, "region", { requireMembers: false }),
    ]);
    // Without a dataset: the best-ranked dataset that publishes aggregates, so that the official figure and the computed
    // one come from the same source.
    const datasetId = await resolveDataset(ctx.loaders, ind, dataset, { breakdownKey, aggregatesOnly: true });
    const [published, stats, datasetRow, membershipSource] = await Promise.all([
      ctx.loaders.observationByKey.load(
        observationKeyString({ indicator: ind.code, dataset: datasetId, economy: reg.code, year, breakdownKey }),
      ),
      reg.membershipKnown
        ? ctx.loaders.regionalStatsByKey.load(
            regionalKey({ indicator: ind.code, dataset: datasetId, region: reg.code, year, breakdownKey }),
          )
        : Promise.resolve(null),
      ctx.loaders.datasetById.load(datasetId),
      reg.membershipSourceId ? ctx.loaders.sourceById.load(reg.membershipSourceId) : Promise.resolve(null),
    ]);
    return Object.assign(new RegionalFigures(), {
      indicatorCode: ind.code,
      regionCode: reg.code,
      datasetId,
      year,
      breakdown: breakdownOf(breakdownKey),
      official: published ? officialFigure(published, reg, datasetRow) : null,
      computed: stats ? computedFigure(stats, reg, ind, datasetId, year, membershipSource?.title ?? null) : null,
    });
  }

  @FieldResolver(() => Indicator, { nullable: true })
  indicator(@Root() figures: RegionalFigures, @Ctx() ctx: Context): Promise<Indicator | null> {
    return ctx.loaders.indicatorByCode.load(figures.indicatorCode);
  }

  @FieldResolver(() => Economy, { nullable: true })
  region(@Root() figures: RegionalFigures, @Ctx() ctx: Context): Promise<Economy | null> {
    return ctx.loaders.economyByCode.load(figures.regionCode);
  }

  @FieldResolver(() => Dataset, { nullable: true })
  dataset(@Root() figures: RegionalFigures, @Ctx() ctx: Context): Promise<Dataset | null> {
    return ctx.loaders.datasetById.load(figures.datasetId);
  }
}

@Resolver(() => RegionalFigureMember)
export class RegionalFigureMemberResolver {
  @FieldResolver(() => Economy, { nullable: true })
  economy(@Root() member: RegionalFigureMember, @Ctx() ctx: Context): Promise<Economy | null> {
    return ctx.loaders.economyByCode.load(member.economyCode);
  }
}
