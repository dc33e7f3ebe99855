import { freshAfterWrite } from "@wsis/shared";
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context";
import { PrizeAward } from "./prize-award.entity";
import { PrizeCycle } from "./prize-cycle.entity";
import { AwardPrizeInput, SavePrizeCycleInput } from "./prize-write.input";

const WHO =
  "Needs the scope stocktaking:moderate held by ITU, which runs the WSIS Prizes, or admin (UNAUTHENTICATED without a " +
  "token, FORBIDDEN otherwise); invalid input is BAD_USER_INPUT naming every field at fault; a refusal writes nothing; " +
  "each write is kept in the audit trail.";

/** The prize writes (thin: the rules are in PrizeService). */
@Resolver(() => PrizeCycle)
export class PrizeMutationResolver {
  @Mutation(() => PrizeCycle, {
    description: `Records a prize cycle: creates it (with the categories of the latest cycle) or changes its title and note and replaces its phases and figures; the seed then leaves it as recorded. ${WHO}`,
  })
  @Authorized("stocktaking:moderate")
  async savePrizeCycle(
    @Arg("input", () => SavePrizeCycleInput) input: SavePrizeCycleInput,
    @Ctx() ctx: Context,
  ): Promise<PrizeCycle> {
    const cycle = await ctx.services.prizeService.saveCycle(ctx.caller, input);
    return freshAfterWrite(ctx.loaders, cycle, { loader: ctx.loaders.cycleByYear, key: cycle.year });
  }

  @Mutation(() => PrizeAward, {
    description:
      "Records an award: a PUBLISHED Stocktaking entry, WINNER or CHAMPION of a category of a cycle. An unknown cycle, " +
      `category or entry, or an entry not published, is BAD_USER_INPUT; the entry awarded twice in a category is CONFLICT. ${WHO}`,
  })
  @Authorized("stocktaking:moderate")
  async awardPrize(
    @Arg("input", () => AwardPrizeInput) input: AwardPrizeInput,
    @Ctx() ctx: Context,
  ): Promise<PrizeAward> {
    return freshAfterWrite(ctx.loaders, await ctx.services.prizeService.award(ctx.caller, input));
  }

  @Mutation(() => PrizeAward, {
    description: `Removes an award recorded in error, with the reason (kept in the audit trail); NOT_FOUND for an unknown id. ${WHO}`,
  })
  @Authorized("stocktaking:moderate")
  async removePrizeAward(
    @Arg("id", () => ID) id: string,
    @Arg("reason", () => String, { description: "Why: 1 to 2000 characters" }) reason: string,
    @Ctx() ctx: Context,
  ): Promise<PrizeAward> {
    return freshAfterWrite(ctx.loaders, await ctx.services.prizeService.removeAward(ctx.caller, id, reason));
  }
}
