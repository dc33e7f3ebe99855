import { Source } from "@wsis/shared";
import { Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { ReportTemplate } from "../template/report-template.entity";
import { ReportSeries } from "./report-series.entity";

@Resolver(() => ReportSeries)
export class ReportSeriesResolver {
  @Query(() => [ReportSeries], {
    nullable: true,
    description:
      "The WSIS+20 reporting catalogue of the roadmap: one series per line, in the roadmap's order (list the reports " +
      "of one with `reports(filter: { series: ... })`)",
  })
  reportCatalogue(@Ctx() ctx: Context): Promise<ReportSeries[]> {
    return ctx.loaders.seriesList();
  }

  @FieldResolver(() => Int, { description: "How many reports of this series the hub holds (0 until one is recorded)" })
  async reportCount(@Root() series: ReportSeries, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.reportCountBySeries.load(series.id))?.count ?? 0;
  }

  @FieldResolver(() => [ReportTemplate], { description: "The roadmap's templates for the reports of this series" })
  async templates(@Root() series: ReportSeries, @Ctx() ctx: Context): Promise<ReportTemplate[]> {
    return (await ctx.loaders.templateList()).filter((t) => t.reportKinds.includes(series.kind));
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Root() series: ReportSeries, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(series.sourceId);
  }
}
