import { loadPresent, Source } from "@wsis/shared";
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { ActionLine } from "../action-line/action-line.entity";
import { checkCode } from "../known/codes";
import type { Context } from "../context";
import { MatrixLink } from "../matrix/matrix-link.entity";
import { distinct } from "../util";
import { SdgGoal } from "./sdg-goal.entity";
import { SdgTarget } from "./sdg-target.entity";
import { SDG_IRI_DESCRIPTION, sdgIri } from "./sdg-iri";

@Resolver(() => SdgGoal)
export class SdgGoalResolver {
  @FieldResolver(() => String, { nullable: true, description: SDG_IRI_DESCRIPTION })
  iri(@Root() goal: SdgGoal): string | null {
    return sdgIri("goal", goal.code);
  }

  @Query(() => [SdgGoal], { nullable: true, description: "The 17 Sustainable Development Goals" })
  sdgGoals(@Ctx() ctx: Context): Promise<SdgGoal[]> {
    return ctx.loaders.sdgGoalList();
  }

  @Query(() => SdgGoal, { nullable: true, description: 'One goal by number, e.g. "17"; null when unknown' })
  sdgGoal(@Arg("code") code: string, @Ctx() ctx: Context): Promise<SdgGoal | null> {
    return ctx.loaders.sdgGoalByCode.load(checkCode("sdgGoal", code, "code"));
  }

  @FieldResolver(() => [SdgTarget])
  targets(@Root() goal: SdgGoal, @Ctx() ctx: Context): Promise<SdgTarget[]> {
    return ctx.loaders.sdgTargetsByGoal.load(goal.code);
  }

  @FieldResolver(() => [MatrixLink], { description: "The WSIS–SDG Matrix links to this goal or its targets" })
  sdgLinks(@Root() goal: SdgGoal, @Ctx() ctx: Context): Promise<MatrixLink[]> {
    return ctx.loaders.matrixLinksByGoal.load(goal.code);
  }

  @FieldResolver(() => [ActionLine], {
    description: "The action lines that serve this goal or one of its targets, per the matrix",
  })
  async actionLines(@Root() goal: SdgGoal, @Ctx() ctx: Context): Promise<ActionLine[]> {
    const links = await ctx.loaders.matrixLinksByGoal.load(goal.code);
    return loadPresent(ctx.loaders.actionLineByCode, distinct(links.map((l) => l.actionLineCode)));
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Root() goal: SdgGoal, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(goal.sourceId);
  }
}
