import { Source } from "@wsis/shared";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { ActionLine } from "../action-line/action-line.entity";
import type { Context } from "../context";
import { SdgGoal } from "../sdg/sdg-goal.entity";
import { SdgTarget } from "../sdg/sdg-target.entity";
import { MatrixLink } from "./matrix-link.entity";

@Resolver(() => MatrixLink)
export class MatrixLinkResolver {
  @FieldResolver(() => ActionLine, { nullable: true })
  actionLine(@Root() link: MatrixLink, @Ctx() ctx: Context): Promise<ActionLine | null> {
    return ctx.loaders.actionLineByCode.load(link.actionLineCode);
  }

  @FieldResolver(() => SdgGoal, { nullable: true })
  goal(@Root() link: MatrixLink, @Ctx() ctx: Context): Promise<SdgGoal | null> {
    return ctx.loaders.sdgGoalByCode.load(link.goalCode);
  }

  @FieldResolver(() => SdgTarget, { nullable: true, description: "Null for a goal-level link" })
  target(@Root() link: MatrixLink, @Ctx() ctx: Context): Promise<SdgTarget | null> {
    return link.targetCode ? ctx.loaders.sdgTargetByCode.load(link.targetCode) : Promise.resolve(null);
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Root() link: MatrixLink, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(link.sourceId);
  }
}
