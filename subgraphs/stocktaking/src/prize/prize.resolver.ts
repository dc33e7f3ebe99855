import { BadUserInputError, Source } from "@wsis/shared";
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { PrizeAward } from "./prize-award.entity";
import { PrizeCategory } from "./prize-category.entity";
import { PrizeCycle } from "./prize-cycle.entity";
import { PrizeFigure } from "./prize-figure.entity";
import { PrizePhase } from "./prize-phase.entity";
import { PrizeFigureKind, PrizeRank } from "./prize.enums";

/** A cycle's year argument: four digits (BAD_USER_INPUT naming it otherwise). */
export function checkCycleYear(year: number, argumentName: string): number {
  if (Number.isInteger(year) && year >= 1000 && year <= 9999) return year;
  throw new BadUserInputError(
    `Argument "${argumentName}" has an invalid value ${year}; expected a year of four digits, e.g. 2025`,
    argumentName,
  );
}

/** The figure of an outcome (reported after it), preferring one a primary source gives; null when none is published. */
function outcome(figures: readonly PrizeFigure[], kind: PrizeFigureKind): PrizeFigure | null {
  const reported = figures.filter((f) => f.kind === kind && !f.planned);
  return reported.find((f) => f.verified) ?? reported[0] ?? null;
}

@Resolver(() => PrizeCycle)
export class PrizeCycleResolver {
  @Query(() => [PrizeCycle], { description: "The WSIS Prizes cycles the hub has records of, by year" })
  prizeCycles(@Ctx() ctx: Context): Promise<PrizeCycle[]> {
    return ctx.loaders.cycleList();
  }

  @Query(() => PrizeCycle, {
    nullable: true,
    description: "One WSIS Prizes cycle by year, e.g. 2025; null when the hub has no record of it",
  })
  prizeCycle(@Arg("year", () => Int) year: number, @Ctx() ctx: Context): Promise<PrizeCycle | null> {
    return ctx.loaders.cycleByYear.load(checkCycleYear(year, "year"));
  }

  @FieldResolver(() => [PrizePhase], { description: "Its phases with their dates, in the order of the contest" })
  phases(@Root() cycle: PrizeCycle, @Ctx() ctx: Context): Promise<PrizePhase[]> {
    return ctx.loaders.phasesByCycle.load(cycle.year);
  }

  @FieldResolver(() => [PrizeCategory], {
    description: "Its categories, one per action-line key (empty where no source gives them)",
  })
  categories(@Root() cycle: PrizeCycle, @Ctx() ctx: Context): Promise<PrizeCategory[]> {
    return ctx.loaders.categoriesByCycle.load(cycle.year);
  }

  @FieldResolver(() => [PrizeFigure], { description: "Every figure published about it, planned and reported" })
  figures(@Root() cycle: PrizeCycle, @Ctx() ctx: Context): Promise<PrizeFigure[]> {
    return ctx.loaders.figuresByCycle.load(cycle.year);
  }

  @FieldResolver(() => PrizeFigure, {
    nullable: true,
    description: "How many projects were submitted, as reported; null when not published",
  })
  async submissions(@Root() cycle: PrizeCycle, @Ctx() ctx: Context): Promise<PrizeFigure | null> {
    return outcome(await ctx.loaders.figuresByCycle.load(cycle.year), PrizeFigureKind.SUBMISSIONS);
  }

  @FieldResolver(() => PrizeFigure, {
    nullable: true,
    description: "From how many countries, as reported; null when not published",
  })
  async countries(@Root() cycle: PrizeCycle, @Ctx() ctx: Context): Promise<PrizeFigure | null> {
    return outcome(await ctx.loaders.figuresByCycle.load(cycle.year), PrizeFigureKind.COUNTRIES);
  }

  @FieldResolver(() => PrizeFigure, {
    nullable: true,
    description: "How many online votes were cast, as reported; null when not published",
  })
  async votes(@Root() cycle: PrizeCycle, @Ctx() ctx: Context): Promise<PrizeFigure | null> {
    return outcome(await ctx.loaders.figuresByCycle.load(cycle.year), PrizeFigureKind.VOTES);
  }

  @FieldResolver(() => [PrizeAward], {
    description: "Its awards, by category, winners first (none is seeded: see PrizeAward)",
  })
  async awards(
    @Root() cycle: PrizeCycle,
    @Arg("rank", () => PrizeRank, { nullable: true, description: "Only winners, or only champions" })
    rank: PrizeRank | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<PrizeAward[]> {
    const awards = await ctx.loaders.awardsByCycle.load(cycle.year);
    return rank == null ? awards : awards.filter((a) => a.rank === rank);
  }

  @FieldResolver(() => Source, { nullable: true, description: "Where the cycle is named" })
  source(@Root() cycle: PrizeCycle, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(cycle.sourceId);
  }
}
