import { Source } from "@wsis/shared";
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { checkCode } from "../known/codes";
import { eventRef, EventRef } from "../external/event";
import type { Context } from "../context";
import { ReportSeries } from "../series/report-series.entity";
import { ReportTemplate } from "./report-template.entity";

@Resolver(() => ReportTemplate)
export class ReportTemplateResolver {
  @Query(() => [ReportTemplate], {
    nullable: true,
    description: "The reporting templates of the roadmap, in its order",
  })
  reportTemplates(@Ctx() ctx: Context): Promise<ReportTemplate[]> {
    return ctx.loaders.templateList();
  }

  @Query(() => ReportTemplate, {
    nullable: true,
    description: 'One template by id, e.g. "template-national-review-draft" (any case); null when unknown',
  })
  reportTemplate(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<ReportTemplate | null> {
    return ctx.loaders.templateById.load(checkCode("template", id, "id"));
  }

  @FieldResolver(() => EventRef, { nullable: true, description: "The event where the template is (to be) prepared" })
  preparedAt(@Root() template: ReportTemplate): EventRef | null {
    return template.eventId ? eventRef(template.eventId) : null;
  }

  @FieldResolver(() => [ReportSeries], { description: "The catalogue series whose reports it serves" })
  async series(@Root() template: ReportTemplate, @Ctx() ctx: Context): Promise<ReportSeries[]> {
    return (await ctx.loaders.seriesList()).filter((s) => template.reportKinds.includes(s.kind));
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Root() template: ReportTemplate, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(template.sourceId);
  }
}
