import { Args, Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { viewerOf } from "../entry/entry.authorization";
import { checkReverseFirst, ReverseListArgs } from "../entry/entry.args";
import { StocktakingEntry } from "../entry/entry.entity";
import { reverseKey } from "../entry/entry.loaders";

/** A WSIS action line, owned by the action-lines subgraph: key only, plus the field this subgraph adds. */
@ObjectType("ActionLine")
@Directive('@key(fields: "code")')
export class ActionLineRef {
  @Field(() => ID)
  code: string;
}

export const actionLineRef = (code: string): ActionLineRef => Object.assign(new ActionLineRef(), { code });

@Resolver(() => ActionLineRef)
export class ActionLineStocktakingResolver {
  @FieldResolver(() => [StocktakingEntry], {
    nullable: true,
    description:
      "Stocktaking entries that implement this action line (C7: or one of its sub-lines), newest first, among those the caller may see",
  })
  stocktakingEntries(
    @Root() line: ActionLineRef,
    @Args(() => ReverseListArgs) { first }: ReverseListArgs,
    @Ctx() ctx: Context,
  ): Promise<StocktakingEntry[]> {
    return ctx.loaders.entriesByActionLine.load(reverseKey(viewerOf(ctx.caller), checkReverseFirst(first), line.code));
  }
}
