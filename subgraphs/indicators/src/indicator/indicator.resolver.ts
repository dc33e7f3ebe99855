import { Source } from "@wsis/shared";
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { Dataset } from "../dataset/dataset.entity";
import { AgencyRef } from "../external/agency";
import { SdgIndicatorRef } from "../external/sdg-indicator";
import type { Context } from "../context";
import { ALL_DIMENSIONS, BREAKDOWN_CODES, TOTAL_KEY } from "../observation/breakdown";
import { codeLabels } from "../observation/key-dimensions";
import { IndicatorDataset } from "./indicator-dataset.entity";
import { Indicator } from "./indicator.entity";
import { findIndicator } from "./indicator.args";
import { DATASET_CHOICE_RULE } from "../dataset/dataset-choice";
import { DatasetChoice } from "../quality/quality.types";
import { IndicatorDimension } from "./indicator.types";

@Resolver(() => Indicator)
export class IndicatorResolver {
  @Query(() => [Indicator], { nullable: true, description: "Every ICT indicator of the catalogue" })
  indicators(@Ctx() ctx: Context): Promise<Indicator[]> {
    return ctx.loaders.indicatorList();
  }

  @Query(() => Indicator, {
    nullable: true,
    description:
      'One indicator by hub code ("internet_users_pct"), UNSD series ("IT_USE_ii99") or WDI code ("IT.NET.USER.ZS"); null when unknown',
  })
  indicator(@Arg("code") code: string, @Ctx() ctx: Context): Promise<Indicator | null> {
    return findIndicator(ctx.loaders, code, "code");
  }

  @FieldResolver(() => AgencyRef, {
    nullable: true,
    description:
      "The custodian agency: ITU for the ITU series (custodian of the SDG series IT_*, compiler of 4.4.1, original source of the WDI ICT series), UNESCO (its Institute for Statistics) for 4.5.1 and 4.a.1; null for the personal-computer series, whose producer is not documented",
  })
  custodian(@Root() indicator: Indicator): AgencyRef | null {
    return indicator.custodianAgencyId ? { id: indicator.custodianAgencyId } : null;
  }

  @FieldResolver(() => [SdgIndicatorRef], { nullable: true, description: "The SDG indicators this indicator measures" })
  async sdgIndicators(@Root() indicator: Indicator, @Ctx() ctx: Context): Promise<SdgIndicatorRef[]> {
    const links = await ctx.loaders.sdgLinksByIndicator.load(indicator.code);
    return links.map((link) => ({ code: link.sdgIndicatorCode }));
  }

  @FieldResolver(() => [String], { description: 'The dimensions its observations are broken down by, e.g. ["sex"]' })
  async breakdownDimensions(@Root() indicator: Indicator, @Ctx() ctx: Context): Promise<string[]> {
    return (await this.dimensions(indicator, ctx)).map((d) => d.dimension);
  }

  @FieldResolver(() => [IndicatorDimension], {
    description:
      "Each breakdown dimension with the codes found in the data (skill and educationLevel have no total code: a read that names neither returns no figure of such an indicator)",
  })
  async dimensions(@Root() indicator: Indicator, @Ctx() ctx: Context): Promise<IndicatorDimension[]> {
    const row = await ctx.loaders.dimensionsByIndicator.load(indicator.code);
    if (!row) return [];
    return ALL_DIMENSIONS.flatMap((dimension) => {
      const codes = row[dimension] ?? [];
      return codes.length > 0
        ? [{ dimension, codes, labels: codeLabels(dimension, codes, BREAKDOWN_CODES[dimension].labels) }]
        : [];
    });
  }

  @FieldResolver(() => [IndicatorDataset], {
    description: "Every dataset that publishes this indicator (two sources are both kept)",
  })
  datasets(@Root() indicator: Indicator, @Ctx() ctx: Context): Promise<IndicatorDataset[]> {
    return ctx.loaders.indicatorDatasetsByIndicator.load(indicator.code);
  }

  @FieldResolver(() => Dataset, {
    nullable: true,
    description:
      "The dataset served when a query names none: the one with the most recent complete coverage, chosen from the data by a rule (see defaultDatasetChoice for the rule and the figures)",
  })
  defaultDataset(@Root() indicator: Indicator, @Ctx() ctx: Context): Promise<Dataset | null> {
    return ctx.loaders.datasetById.load(indicator.defaultDatasetId);
  }

  @FieldResolver(() => DatasetChoice, {
    description:
      "Why defaultDataset is the default: the rule, the latest complete year of each dataset, and the dataset served for aggregates",
  })
  async defaultDatasetChoice(@Root() indicator: Indicator, @Ctx() ctx: Context): Promise<DatasetChoice> {
    const links = await ctx.loaders.indicatorDatasetsByIndicator.load(indicator.code);
    const chosen = links.find((l) => l.datasetId === indicator.defaultDatasetId);
    const ordered = [...links].sort(
      (a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER),
    );
    const coverage = (l: IndicatorDataset) =>
      `"${l.datasetId}" ${
        l.latestCompleteYear !== null
          ? `is complete to ${l.latestCompleteYear} (${l.economiesInLatestYear} countries that year)`
          : l.breakdownKeys.length > 0 && !l.breakdownKeys.includes(TOTAL_KEY)
            ? "has no complete year: it has no total (every figure is for one type of skill or one education level), and the rule counts totals"
            : "has no complete year"
      }`;
    return Object.assign(new DatasetChoice(), {
      datasetId: indicator.defaultDatasetId,
      aggregateDatasetId: indicator.aggregateDatasetId,
      rule: DATASET_CHOICE_RULE,
      reason:
        ordered.length > 1
          ? `${ordered.map(coverage).join("; ")}: the default is "${indicator.defaultDatasetId}".`
          : `"${indicator.defaultDatasetId}" is the only dataset that publishes this indicator${chosen ? ` (${coverage(chosen).replace(/^"[^"]+" /, "")})` : ""}.`,
      latestYear: chosen?.latestCompleteYear ?? null,
      economiesInLatestYear: chosen?.economiesInLatestYear ?? 0,
    });
  }

  @FieldResolver(() => Source, { nullable: true, description: "The catalogue the indicator's metadata comes from" })
  source(@Root() indicator: Indicator, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(indicator.sourceId);
  }
}

@Resolver(() => DatasetChoice)
export class DatasetChoiceResolver {
  @FieldResolver(() => Dataset, { nullable: true })
  dataset(@Root() choice: DatasetChoice, @Ctx() ctx: Context): Promise<Dataset | null> {
    return ctx.loaders.datasetById.load(choice.datasetId);
  }

  @FieldResolver(() => Dataset, { nullable: true })
  aggregateDataset(@Root() choice: DatasetChoice, @Ctx() ctx: Context): Promise<Dataset | null> {
    return choice.aggregateDatasetId ? ctx.loaders.datasetById.load(choice.aggregateDatasetId) : Promise.resolve(null);
  }
}

@Resolver(() => IndicatorDataset)
export class IndicatorDatasetResolver {
  @FieldResolver(() => Dataset, { nullable: true })
  dataset(@Root() link: IndicatorDataset, @Ctx() ctx: Context): Promise<Dataset | null> {
    return ctx.loaders.datasetById.load(link.datasetId);
  }

  @FieldResolver(() => Indicator, { nullable: true })
  indicator(@Root() link: IndicatorDataset, @Ctx() ctx: Context): Promise<Indicator | null> {
    return ctx.loaders.indicatorByCode.load(link.indicatorCode);
  }

  @FieldResolver(() => Boolean, { description: "Whether this is the indicator's default dataset" })
  async isDefault(@Root() link: IndicatorDataset, @Ctx() ctx: Context): Promise<boolean> {
    const indicator = await ctx.loaders.indicatorByCode.load(link.indicatorCode);
    return indicator?.defaultDatasetId === link.datasetId;
  }

  @FieldResolver(() => Int, { description: "How many observations of the indicator the dataset has" })
  async observationCount(@Root() link: IndicatorDataset, @Ctx() ctx: Context): Promise<number> {
    return (await this.stats(link, ctx))?.observations ?? 0;
  }

  @FieldResolver(() => Int, { nullable: true })
  async firstYear(@Root() link: IndicatorDataset, @Ctx() ctx: Context): Promise<number | null> {
    return (await this.stats(link, ctx))?.first_year ?? null;
  }

  @FieldResolver(() => Int, { nullable: true })
  async lastYear(@Root() link: IndicatorDataset, @Ctx() ctx: Context): Promise<number | null> {
    return (await this.stats(link, ctx))?.last_year ?? null;
  }

  @FieldResolver(() => Source, { nullable: true, description: "The data file, at the commit read" })
  source(@Root() link: IndicatorDataset, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(link.sourceId);
  }

  private async stats(link: IndicatorDataset, ctx: Context) {
    const rows = await ctx.loaders.datasetStatsByIndicator.load(link.indicatorCode);
    return rows.find((r) => r.dataset_id === link.datasetId);
  }
}
