import { PartialDate, Source, storedPartialDate } from "@wsis/shared";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { canSee, viewerOf } from "../entry/entry.authorization";
import { StocktakingEntry } from "../entry/entry.entity";
import { actionLineRef, ActionLineRef } from "../external/action-line";
import { eventRef, EventRef } from "../external/event";
import { PrizeAward } from "./prize-award.entity";
import { PrizeCategory } from "./prize-category.entity";
import { PrizeCycle } from "./prize-cycle.entity";
import { PrizeFigure } from "./prize-figure.entity";
import { PrizePhase } from "./prize-phase.entity";
import { categoryKey } from "./prize.loaders";

@Resolver(() => PrizePhase)
export class PrizePhaseResolver {
  @FieldResolver(() => PartialDate, {
    nullable: true,
    description: "Its first day, as precise as the source; null when no source dates it",
  })
  start(@Root() phase: PrizePhase): PartialDate | null {
    return storedPartialDate(phase.startDate);
  }

  @FieldResolver(() => PartialDate, {
    nullable: true,
    description: "Its last day, as precise as the source; null when not given",
  })
  end(@Root() phase: PrizePhase): PartialDate | null {
    return storedPartialDate(phase.endDate);
  }

  @FieldResolver(() => EventRef, {
    nullable: true,
    description: "The event it takes place at (a ceremony at the WSIS Forum)",
  })
  event(@Root() phase: PrizePhase): EventRef | null {
    return phase.eventId === null ? null : eventRef(phase.eventId);
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Root() phase: PrizePhase, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(phase.sourceId);
  }
}

@Resolver(() => PrizeCategory)
export class PrizeCategoryResolver {
  @FieldResolver(() => ActionLineRef, { description: "The action line of the category" })
  actionLine(@Root() category: PrizeCategory): ActionLineRef {
    return actionLineRef(category.key);
  }

  @FieldResolver(() => [PrizeAward], { description: "The category's awards, winners first" })
  async awards(@Root() category: PrizeCategory, @Ctx() ctx: Context): Promise<PrizeAward[]> {
    return (await ctx.loaders.awardsByCycle.load(category.cycleYear)).filter((a) => a.categoryKey === category.key);
  }

  @FieldResolver(() => Source, { nullable: true, description: "Where the name is printed" })
  nameSource(@Root() category: PrizeCategory, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(category.nameSourceId);
  }

  @FieldResolver(() => Source, { nullable: true, description: "Where the cycle's categories are given" })
  source(@Root() category: PrizeCategory, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(category.sourceId);
  }
}

@Resolver(() => PrizeFigure)
export class PrizeFigureResolver {
  @FieldResolver(() => Source, { nullable: true })
  source(@Root() figure: PrizeFigure, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(figure.sourceId);
  }
}

@Resolver(() => PrizeAward)
export class PrizeAwardResolver {
  @FieldResolver(() => PrizeCycle, { nullable: true })
  cycle(@Root() award: PrizeAward, @Ctx() ctx: Context): Promise<PrizeCycle | null> {
    return ctx.loaders.cycleByYear.load(award.cycleYear);
  }

  @FieldResolver(() => PrizeCategory, { nullable: true })
  category(@Root() award: PrizeAward, @Ctx() ctx: Context): Promise<PrizeCategory | null> {
    return ctx.loaders.categoryByCycleKey.load(categoryKey(award.cycleYear, award.categoryKey));
  }

  @FieldResolver(() => StocktakingEntry, { nullable: true, description: "The awarded Stocktaking entry (published)" })
  async entry(@Root() award: PrizeAward, @Ctx() ctx: Context): Promise<StocktakingEntry | null> {
    const entry = await ctx.loaders.entryById.load(String(award.entryId));
    return entry && canSee(viewerOf(ctx.caller), entry) ? entry : null;
  }

  @FieldResolver(() => Source, {
    nullable: true,
    description: "Who recorded it: the moderator's submission to the hub",
  })
  source(@Root() award: PrizeAward, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(award.sourceId);
  }
}
