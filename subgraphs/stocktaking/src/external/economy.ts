import { Args, Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { viewerOf } from "../entry/entry.authorization";
import { checkReverseFirst, ReverseListArgs } from "../entry/entry.args";
import { StocktakingEntry } from "../entry/entry.entity";
import { reverseKey } from "../entry/entry.loaders";

/** An economy (ISO 3166 alpha-3 for countries), owned by the indicators subgraph: key only, plus the field this subgraph adds. */
@ObjectType("Economy")
@Directive('@key(fields: "code")')
export class EconomyRef {
  @Field(() => ID)
  code: string;
}

export const economyRef = (code: string): EconomyRef => Object.assign(new EconomyRef(), { code });

@Resolver(() => EconomyRef)
export class EconomyStocktakingResolver {
  @FieldResolver(() => [StocktakingEntry], {
    nullable: true,
    description: "Stocktaking entries carried out in this economy, newest first, among those the caller may see",
  })
  stocktakingEntries(
    @Root() economy: EconomyRef,
    @Args(() => ReverseListArgs) { first }: ReverseListArgs,
    @Ctx() ctx: Context,
  ): Promise<StocktakingEntry[]> {
    return ctx.loaders.entriesByEconomy.load(reverseKey(viewerOf(ctx.caller), checkReverseFirst(first), economy.code));
  }
}
