import { loadPresent, Source } from "@wsis/shared";
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { Agency } from "../agency/agency.entity";
import { checkCode } from "../known/codes";
import type { Context } from "../context";
import { MatrixLink } from "../matrix/matrix-link.entity";
import { SdgGoal } from "../sdg/sdg-goal.entity";
import { SdgTarget } from "../sdg/sdg-target.entity";
import { distinct } from "../util";
import { ActionLine } from "./action-line.entity";
import { Facilitation } from "./facilitation.entity";

@Resolver(() => ActionLine)
export class ActionLineResolver {
  @Query(() => [ActionLine], {
    nullable: true,
    description: "Every action line in Plan of Action order: C1–C11, each C7 sub-line after C7",
  })
  actionLines(@Ctx() ctx: Context): Promise<ActionLine[]> {
    return ctx.loaders.actionLineList();
  }

  @Query(() => ActionLine, {
    nullable: true,
    description:
      'One action line by code, e.g. "C5" or "C7.e-health" (any case: "c7.E-Health" is "C7.e-health"); null when unknown',
  })
  actionLine(@Arg("code") code: string, @Ctx() ctx: Context): Promise<ActionLine | null> {
    return ctx.loaders.actionLineByCode.load(checkCode("actionLine", code, "code"));
  }

  @FieldResolver(() => ActionLine, { nullable: true, description: "For a C7 sub-line, the C7 line" })
  parent(@Root() line: ActionLine, @Ctx() ctx: Context): Promise<ActionLine | null> {
    return line.parentCode ? ctx.loaders.actionLineByCode.load(line.parentCode) : Promise.resolve(null);
  }

  @FieldResolver(() => [ActionLine], { description: "For C7, its eight sub-lines" })
  subLines(@Root() line: ActionLine, @Ctx() ctx: Context): Promise<ActionLine[]> {
    return ctx.loaders.actionLinesByParent.load(line.code);
  }

  @FieldResolver(() => [Agency], {
    description: "The agencies named as facilitators (see `facilitations` for the verification flag)",
  })
  async facilitators(@Root() line: ActionLine, @Ctx() ctx: Context): Promise<Agency[]> {
    const facilitations = await ctx.loaders.facilitationsByActionLine.load(line.code);
    return loadPresent(
      ctx.loaders.agencyById,
      facilitations.map((f) => f.agencyId),
    );
  }

  @FieldResolver(() => [Facilitation], {
    description: "The facilitating agencies with the verification flag and evidence",
  })
  facilitations(@Root() line: ActionLine, @Ctx() ctx: Context): Promise<Facilitation[]> {
    return ctx.loaders.facilitationsByActionLine.load(line.code);
  }

  @FieldResolver(() => Boolean, {
    description:
      "True only when every facilitator listing of this line has been verified; false while any is unverified",
  })
  async facilitatorsVerified(@Root() line: ActionLine, @Ctx() ctx: Context): Promise<boolean> {
    const facilitations = await ctx.loaders.facilitationsByActionLine.load(line.code);
    return facilitations.length > 0 && facilitations.every((f) => f.verified);
  }

  @FieldResolver(() => [MatrixLink], {
    description: "The WSIS–SDG Matrix links of this line (goal- and target-level), with rationale",
  })
  sdgLinks(@Root() line: ActionLine, @Ctx() ctx: Context): Promise<MatrixLink[]> {
    return ctx.loaders.matrixLinksByActionLine.load(line.code);
  }

  @FieldResolver(() => [SdgTarget], { description: "The SDG targets this line serves, per the WSIS–SDG Matrix" })
  async sdgTargets(@Root() line: ActionLine, @Ctx() ctx: Context): Promise<SdgTarget[]> {
    const links = await ctx.loaders.matrixLinksByActionLine.load(line.code);
    return loadPresent(ctx.loaders.sdgTargetByCode, distinct(links.map((l) => l.targetCode)));
  }

  @FieldResolver(() => [SdgGoal], {
    description: "The SDGs this line serves (directly or through a target), per the WSIS–SDG Matrix",
  })
  async sdgGoals(@Root() line: ActionLine, @Ctx() ctx: Context): Promise<SdgGoal[]> {
    const links = await ctx.loaders.matrixLinksByActionLine.load(line.code);
    return loadPresent(ctx.loaders.sdgGoalByCode, distinct(links.map((l) => l.goalCode)));
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Root() line: ActionLine, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(line.sourceId);
  }
}
