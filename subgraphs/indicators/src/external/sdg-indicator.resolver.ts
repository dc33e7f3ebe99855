import { loadPresent } from "@wsis/shared";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Indicator } from "../indicator/indicator.entity";
import type { Context } from "../context";
import { SdgIndicatorRef } from "./sdg-indicator";

@Resolver(() => SdgIndicatorRef)
export class SdgIndicatorRefResolver {
  @FieldResolver(() => [Indicator], {
    nullable: true,
    description: "The ICT indicators (statistical series) that measure this SDG indicator",
  })
  async ictIndicators(@Root() sdgIndicator: SdgIndicatorRef, @Ctx() ctx: Context): Promise<Indicator[]> {
    const links = await ctx.loaders.sdgLinksBySdgIndicator.load(sdgIndicator.code);
    const indicators = await loadPresent(
      ctx.loaders.indicatorByCode,
      links.map((l) => l.indicatorCode),
    );
    return indicators.sort((a, b) => a.sortOrder - b.sortOrder);
  }
}
