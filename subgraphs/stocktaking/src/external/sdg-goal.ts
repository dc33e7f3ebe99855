import { Args, Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { viewerOf } from "../entry/entry.authorization";
import { checkReverseFirst, ReverseListArgs } from "../entry/entry.args";
import { StocktakingEntry } from "../entry/entry.entity";
import { reverseKey } from "../entry/entry.loaders";

/** A Sustainable Development Goal, owned by the action-lines subgraph: key only, plus the field this subgraph adds. */
@ObjectType("SdgGoal")
@Directive('@key(fields: "code")')
export class SdgGoalRef {
  @Field(() => ID)
  code: string;
}

export const sdgGoalRef = (code: string): SdgGoalRef => Object.assign(new SdgGoalRef(), { code });

@Resolver(() => SdgGoalRef)
export class SdgGoalStocktakingResolver {
  @FieldResolver(() => [StocktakingEntry], {
    nullable: true,
    description: "Stocktaking entries that serve this goal, newest first, among those the caller may see",
  })
  stocktakingEntries(
    @Root() goal: SdgGoalRef,
    @Args(() => ReverseListArgs) { first }: ReverseListArgs,
    @Ctx() ctx: Context,
  ): Promise<StocktakingEntry[]> {
    return ctx.loaders.entriesBySdgGoal.load(reverseKey(viewerOf(ctx.caller), checkReverseFirst(first), goal.code));
  }
}
