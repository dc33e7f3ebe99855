import { Source } from "@wsis/shared";
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { checkCode } from "../known/codes";
import type { Context } from "../context";
import { SdgGoal } from "./sdg-goal.entity";
import { SdgIndicator, SdgIndicatorStatus } from "./sdg-indicator.entity";
import { SdgTarget } from "./sdg-target.entity";
import { SDG_IRI_DESCRIPTION, sdgIri } from "./sdg-iri";

@Resolver(() => SdgIndicator)
export class SdgIndicatorResolver {
  @FieldResolver(() => String, { nullable: true, description: SDG_IRI_DESCRIPTION })
  iri(@Root() indicator: SdgIndicator): string | null {
    return sdgIri("indicator", indicator.code);
  }

  @Query(() => SdgIndicator, {
    nullable: true,
    description: 'One indicator by code, e.g. "17.8.1" or "1.a.1" (any case); null when unknown',
  })
  sdgIndicator(@Arg("code") code: string, @Ctx() ctx: Context): Promise<SdgIndicator | null> {
    return ctx.loaders.sdgIndicatorByCode.load(checkCode("sdgIndicator", code, "code"));
  }

  @FieldResolver(() => Boolean, {
    description: "True for codes deleted from the framework (kept so old data stays linked)",
  })
  deleted(@Root() indicator: SdgIndicator): boolean {
    return indicator.status === SdgIndicatorStatus.DELETED;
  }

  @FieldResolver(() => SdgTarget, { nullable: true })
  target(@Root() indicator: SdgIndicator, @Ctx() ctx: Context): Promise<SdgTarget | null> {
    return ctx.loaders.sdgTargetByCode.load(indicator.targetCode);
  }

  @FieldResolver(() => SdgGoal, { nullable: true })
  goal(@Root() indicator: SdgIndicator, @Ctx() ctx: Context): Promise<SdgGoal | null> {
    return ctx.loaders.sdgGoalByCode.load(indicator.goalCode);
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Root() indicator: SdgIndicator, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(indicator.sourceId);
  }
}
