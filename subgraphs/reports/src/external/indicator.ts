import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Report } from "../report/report.entity";

/** An ICT indicator, owned by the indicators subgraph: key only. */
@ObjectType("Indicator")
@Directive('@key(fields: "code")')
export class IndicatorRef {
  @Field(() => ID)
  code: string;
}

export const indicatorRef = (code: string): IndicatorRef => Object.assign(new IndicatorRef(), { code });

@Resolver(() => IndicatorRef)
export class IndicatorReportsResolver {
  @FieldResolver(() => [Report], {
    nullable: true,
    description: "The WSIS+20 reports that cite this indicator, in catalogue order",
  })
  async reports(@Root() indicator: IndicatorRef, @Ctx() ctx: Context): Promise<Report[]> {
    return (await ctx.loaders.reportsByIndicator.load(indicator.code)).map((l) => l.report);
  }
}
