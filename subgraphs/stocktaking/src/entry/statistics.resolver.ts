import { Args, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { actionLineRef, ActionLineRef } from "../external/action-line";
import { economyRef, EconomyRef } from "../external/economy";
import { sdgGoalRef, SdgGoalRef } from "../external/sdg-goal";
import { criteriaFromFilter, StatisticsArgs } from "./entry.args";
import { viewerOf, type Viewer } from "./entry.authorization";
import { StakeholderType, StocktakingEntryStatus } from "./entry.enums";
import type { Dimension, EntryCriteria } from "./entry.queries";

@ObjectType({ description: "How many entries implement an action line" })
export class StocktakingActionLineCount {
  @Field(() => ActionLineRef)
  actionLine: ActionLineRef;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: "How many entries are carried out in an economy" })
export class StocktakingEconomyCount {
  @Field(() => EconomyRef)
  economy: EconomyRef;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: "How many entries serve an SDG" })
export class StocktakingSdgGoalCount {
  @Field(() => SdgGoalRef)
  sdgGoal: SdgGoalRef;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: "How many entries a stakeholder type carries out" })
export class StocktakingStakeholderTypeCount {
  @Field(() => StakeholderType)
  stakeholderType: StakeholderType;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: "How many entries started in a year" })
export class StocktakingYearCount {
  @Field(() => Int)
  year: number;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: "How many entries are in a moderation state" })
export class StocktakingStatusCount {
  @Field(() => StocktakingEntryStatus)
  status: StocktakingEntryStatus;

  @Field(() => Int)
  count: number;
}

@ObjectType({
  description:
    "Counts of the entries matching a filter, for dashboards, among those the caller may see (the public: published " +
    "ones). Each list is counted when asked for, in one statement; an entry counts once under each value it has, so " +
    "the counts of a list may add up to more than `total`",
})
export class StocktakingStatistics {
  criteria: EntryCriteria;
  viewer: Viewer;
}

@Resolver(() => StocktakingStatistics)
export class StatisticsResolver {
  @Query(() => StocktakingStatistics, {
    description:
      "Counts of the Stocktaking entries matching a filter: by action line, stakeholder type, start year, economy, SDG, status",
  })
  stocktakingStatistics(
    @Args(() => StatisticsArgs) { filter }: StatisticsArgs,
    @Ctx() ctx: Context,
  ): StocktakingStatistics {
    return Object.assign(new StocktakingStatistics(), {
      criteria: criteriaFromFilter(filter),
      viewer: viewerOf(ctx.caller),
    });
  }

  private count(stats: StocktakingStatistics, ctx: Context, dimension: Dimension) {
    return ctx.services.entryQueries.countBy(stats.criteria, stats.viewer, dimension);
  }

  @FieldResolver(() => Int, { description: "How many entries match" })
  total(@Root() stats: StocktakingStatistics, @Ctx() ctx: Context): Promise<number> {
    return ctx.services.entryQueries.count(stats.criteria, stats.viewer);
  }

  @FieldResolver(() => [StocktakingActionLineCount], {
    description: "By the action-line code linked (a C7 sub-line under its own code), most first",
  })
  async byActionLine(@Root() stats: StocktakingStatistics, @Ctx() ctx: Context): Promise<StocktakingActionLineCount[]> {
    return (await this.count(stats, ctx, "actionLine")).map((r) => ({
      actionLine: actionLineRef(r.key),
      count: r.count,
    }));
  }

  @FieldResolver(() => [StocktakingStakeholderTypeCount], { description: "By stakeholder type, most first" })
  async byStakeholderType(
    @Root() stats: StocktakingStatistics,
    @Ctx() ctx: Context,
  ): Promise<StocktakingStakeholderTypeCount[]> {
    return (await this.count(stats, ctx, "stakeholderType")).map((r) => ({
      stakeholderType: r.key as StakeholderType,
      count: r.count,
    }));
  }

  @FieldResolver(() => [StocktakingYearCount], {
    description: "By the year the activity started, years ascending (entries without a start date are left out)",
  })
  async byYear(@Root() stats: StocktakingStatistics, @Ctx() ctx: Context): Promise<StocktakingYearCount[]> {
    return (await this.count(stats, ctx, "year")).map((r) => ({ year: Number(r.key), count: r.count }));
  }

  @FieldResolver(() => [StocktakingEconomyCount], { description: "By economy, most first" })
  async byEconomy(@Root() stats: StocktakingStatistics, @Ctx() ctx: Context): Promise<StocktakingEconomyCount[]> {
    return (await this.count(stats, ctx, "economy")).map((r) => ({ economy: economyRef(r.key), count: r.count }));
  }

  @FieldResolver(() => [StocktakingSdgGoalCount], { description: "By SDG, most first" })
  async bySdgGoal(@Root() stats: StocktakingStatistics, @Ctx() ctx: Context): Promise<StocktakingSdgGoalCount[]> {
    return (await this.count(stats, ctx, "sdgGoal")).map((r) => ({ sdgGoal: sdgGoalRef(r.key), count: r.count }));
  }

  @FieldResolver(() => [StocktakingStatusCount], {
    description: "By moderation state (the public sees PUBLISHED only)",
  })
  async byStatus(@Root() stats: StocktakingStatistics, @Ctx() ctx: Context): Promise<StocktakingStatusCount[]> {
    return (await this.count(stats, ctx, "status")).map((r) => ({
      status: r.key as StocktakingEntryStatus,
      count: r.count,
    }));
  }
}
