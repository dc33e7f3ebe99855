import { loadPresent, Source } from "@wsis/shared";
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { ActionLine } from "../action-line/action-line.entity";
import { checkCode } from "../known/codes";
import type { Context } from "../context";
import { MatrixLink } from "../matrix/matrix-link.entity";
import { distinct } from "../util";
import { SdgGoal } from "./sdg-goal.entity";
import { SdgIndicator } from "./sdg-indicator.entity";
import { SdgTarget } from "./sdg-target.entity";
import { SDG_IRI_DESCRIPTION, sdgIri } from "./sdg-iri";

@Resolver(() => SdgTarget)
export class SdgTargetResolver {
  @FieldResolver(() => String, { nullable: true, description: SDG_IRI_DESCRIPTION })
  iri(@Root() target: SdgTarget): string | null {
    return sdgIri("target", target.code);
  }

  @Query(() => SdgTarget, {
    nullable: true,
    description: 'One target by code, e.g. "17.8" or "17.a" (any case); null when unknown',
  })
  sdgTarget(@Arg("code") code: string, @Ctx() ctx: Context): Promise<SdgTarget | null> {
    return ctx.loaders.sdgTargetByCode.load(checkCode("sdgTarget", code, "code"));
  }

  @FieldResolver(() => SdgGoal, { nullable: true })
  goal(@Root() target: SdgTarget, @Ctx() ctx: Context): Promise<SdgGoal | null> {
    return ctx.loaders.sdgGoalByCode.load(target.goalCode);
  }

  @FieldResolver(() => [SdgIndicator], { description: "Its indicators, deleted ones included (see `status`)" })
  indicators(@Root() target: SdgTarget, @Ctx() ctx: Context): Promise<SdgIndicator[]> {
    return ctx.loaders.sdgIndicatorsByTarget.load(target.code);
  }

  @FieldResolver(() => [MatrixLink], { description: "The WSIS–SDG Matrix links to this target" })
  sdgLinks(@Root() target: SdgTarget, @Ctx() ctx: Context): Promise<MatrixLink[]> {
    return ctx.loaders.matrixLinksByTarget.load(target.code);
  }

  @FieldResolver(() => [ActionLine], { description: "The action lines that serve this target, per the matrix" })
  async actionLines(@Root() target: SdgTarget, @Ctx() ctx: Context): Promise<ActionLine[]> {
    const links = await ctx.loaders.matrixLinksByTarget.load(target.code);
    return loadPresent(ctx.loaders.actionLineByCode, distinct(links.map((l) => l.actionLineCode)));
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Root() target: SdgTarget, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(target.sourceId);
  }
}
