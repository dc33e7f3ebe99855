import { checkPageSize, PartialDate, pageOf, Source, storedPartialDate, type ConnectionArgs } from "@wsis/shared";
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { actionLineRef, ActionLineRef } from "../external/action-line";
import { agencyRef, AgencyRef } from "../external/agency";
import { economyRef, EconomyRef } from "../external/economy";
import { sdgGoalRef, SdgGoalRef } from "../external/sdg-goal";
import { checkCode } from "../known/codes";
import { knownCodes } from "../known/known-codes";
import { PrizeAward } from "../prize/prize-award.entity";
import { EntryPage, type EntryConnection } from "./entry-connection.type";
import { type StocktakingEntryFilter } from "./entry-filter.input";
import { criteriaFromFilter, decodeEntryCursor, ENTRY_PAGE, EntriesArgs, entryCursor } from "./entry.args";
import { canSee, viewerOf } from "./entry.authorization";
import { StocktakingEntry } from "./entry.entity";
import { StocktakingEntryStatus } from "./entry.enums";
import { allowedTransitions } from "./entry.workflow";

@Resolver(() => StocktakingEntry)
export class EntryResolver {
  @Query(() => EntryPage.Connection, {
    description:
      "The Stocktaking entries matching a filter, newest first, a page at a time. Anyone sees the PUBLISHED entries; a " +
      "caller with stocktaking:submit also its agency's own; a moderator (stocktaking:moderate, ITU or admin) all",
  })
  async stocktakingEntries(
    @Args(() => EntriesArgs) { filter, first, after }: ConnectionArgs<StocktakingEntryFilter>,
    @Ctx() ctx: Context,
  ): Promise<EntryConnection> {
    const size = checkPageSize(first, ENTRY_PAGE);
    const criteria = criteriaFromFilter(filter);
    const afterId = after == null ? null : decodeEntryCursor(after);
    const viewer = viewerOf(ctx.caller);
    const rows = await ctx.services.entryQueries.page(criteria, viewer, afterId, size + 1);
    for (const entry of rows.slice(0, size)) ctx.loaders.entryById.prime(String(entry.id), entry);
    return pageOf(EntryPage, rows, size, entryCursor, () => ctx.services.entryQueries.count(criteria, viewer));
  }

  @Query(() => StocktakingEntry, {
    nullable: true,
    description: "One entry by id; null when unknown or not visible to the caller",
  })
  async stocktakingEntry(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<StocktakingEntry | null> {
    const entry = await ctx.loaders.entryById.load(checkCode("entry", id, "id"));
    return entry && canSee(viewerOf(ctx.caller), entry) ? entry : null;
  }

  @FieldResolver(() => [ActionLineRef], { description: "The WSIS action lines it implements (at least one)" })
  async actionLines(@Root() entry: StocktakingEntry, @Ctx() ctx: Context): Promise<ActionLineRef[]> {
    return (await ctx.loaders.actionLinesByEntry.load(String(entry.id))).map((l) => actionLineRef(l.code));
  }

  @FieldResolver(() => [EconomyRef], { description: "The economies where it is carried out" })
  async economies(@Root() entry: StocktakingEntry, @Ctx() ctx: Context): Promise<EconomyRef[]> {
    return (await ctx.loaders.economiesByEntry.load(String(entry.id))).map((l) => economyRef(l.code));
  }

  @FieldResolver(() => [SdgGoalRef], { description: "The Sustainable Development Goals it serves" })
  async sdgGoals(@Root() entry: StocktakingEntry, @Ctx() ctx: Context): Promise<SdgGoalRef[]> {
    return (await ctx.loaders.sdgGoalsByEntry.load(String(entry.id))).map((l) => sdgGoalRef(l.code));
  }

  @FieldResolver(() => PartialDate, { nullable: true, description: "When it started, as precise as given" })
  start(@Root() entry: StocktakingEntry): PartialDate | null {
    return storedPartialDate(entry.startDate);
  }

  @FieldResolver(() => PartialDate, { nullable: true, description: "When it ended (or ends), as precise as given" })
  end(@Root() entry: StocktakingEntry): PartialDate | null {
    return storedPartialDate(entry.endDate);
  }

  @FieldResolver(() => AgencyRef, {
    nullable: true,
    description: "The submitting agency, when `submittedBy` is an agency the hub knows",
  })
  submittingAgency(@Root() entry: StocktakingEntry): AgencyRef | null {
    const id = knownCodes.canonical("agency", entry.submittedBy);
    return id === null ? null : agencyRef(id);
  }

  @FieldResolver(() => [StocktakingEntryStatus], {
    description: "The moderation steps open to it now (empty when final)",
  })
  allowedTransitions(@Root() entry: StocktakingEntry): readonly StocktakingEntryStatus[] {
    return allowedTransitions(entry.status);
  }

  @FieldResolver(() => [PrizeAward], { description: "The WSIS Prizes it won (WINNER) or was champion of" })
  awards(@Root() entry: StocktakingEntry, @Ctx() ctx: Context): Promise<PrizeAward[]> {
    return ctx.loaders.awardsByEntry.load(String(entry.id));
  }

  @FieldResolver(() => Source, {
    nullable: true,
    description: "The record's source: the submitting agency's submission to the hub (who and when: the audit trail)",
  })
  source(@Root() entry: StocktakingEntry, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(entry.sourceId);
  }
}
