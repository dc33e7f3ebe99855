import { freshAfterWrite } from "@wsis/shared";
import { Arg, Authorized, Ctx, Field, ID, Mutation, ObjectType, Resolver } from "type-graphql";
import type { Context } from "../context";
import { ImportStocktakingEntriesInput, SubmitStocktakingEntryInput } from "./entry-write.input";
import { StocktakingEntry } from "./entry.entity";
import { StocktakingEntryStatus } from "./entry.enums";

const REFUSALS =
  "Invalid input (an unknown or malformed code, an empty text, a control character, an end before the start) is " +
  "BAD_USER_INPUT naming every field at fault (invalidArguments); the same idempotency key with another request is " +
  "CONFLICT; nothing is written when anything is refused.";

@ObjectType({ description: "What an import did" })
export class StocktakingImport {
  @Field(() => [StocktakingEntry], { description: "The entries imported, in the file's order, each SUBMITTED" })
  entries: StocktakingEntry[];

  @Field({ description: "True when the idempotency key answered an earlier import (nothing was written this time)" })
  replayed: boolean;
}

/** The writes of the entries (thin: the rules are in EntryService and EntryImportService). */
@Resolver(() => StocktakingEntry)
export class EntryMutationResolver {
  @Mutation(() => StocktakingEntry, {
    description:
      "Submits an entry for the caller's agency: SUBMITTED, visible to the agency and the moderators until published. " +
      `Needs the scope stocktaking:submit (UNAUTHENTICATED without a token, FORBIDDEN without the scope). ${REFUSALS}`,
  })
  @Authorized("stocktaking:submit")
  async submitStocktakingEntry(
    @Arg("input", () => SubmitStocktakingEntryInput) input: SubmitStocktakingEntryInput,
    @Ctx() ctx: Context,
  ): Promise<StocktakingEntry> {
    return this.fresh(ctx, await ctx.services.entryService.submit(ctx.caller, input));
  }

  @Mutation(() => StocktakingEntry, {
    description:
      "Moves an entry through moderation: SUBMITTED → UNDER_REVIEW → PUBLISHED or REJECTED (with `reason`). Needs the " +
      "scope stocktaking:moderate held by ITU, which runs the platform, or admin (FORBIDDEN otherwise); a step the " +
      `workflow does not allow is INVALID_TRANSITION (with the allowed steps); an unknown id is NOT_FOUND. ${REFUSALS}`,
  })
  @Authorized("stocktaking:moderate")
  async moderateStocktakingEntry(
    @Arg("id", () => ID) id: string,
    @Arg("to", () => StocktakingEntryStatus) to: StocktakingEntryStatus,
    @Arg("reason", () => String, {
      nullable: true,
      description: "Why it is rejected (REJECTED only): 1 to 2000 characters",
    })
    reason: string | null | undefined,
    @Arg("idempotencyKey", () => String, {
      nullable: true,
      description: "Makes a retry safe (8 to 128 of A-Z a-z 0-9 . _ : -)",
    })
    idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<StocktakingEntry> {
    return this.fresh(ctx, await ctx.services.entryService.moderate(ctx.caller, id, to, reason, idempotencyKey));
  }

  @Mutation(() => StocktakingImport, {
    description:
      "Imports an agency's project list from CSV, all or nothing: every entry SUBMITTED for the caller's agency, each " +
      "with its audit entry. Any invalid row refuses the whole file: BAD_USER_INPUT naming `input.csv`, with every " +
      "problem of every row in `extensions.invalidRows` ({ line, field, message }). Needs the scope stocktaking:submit.",
  })
  @Authorized("stocktaking:submit")
  async importStocktakingEntries(
    @Arg("input", () => ImportStocktakingEntriesInput) input: ImportStocktakingEntriesInput,
    @Ctx() ctx: Context,
  ): Promise<StocktakingImport> {
    const done = await ctx.services.entryImportService.import(ctx.caller, input.csv, input.idempotencyKey);
    freshAfterWrite(ctx.loaders, null);
    for (const entry of done.entries) ctx.loaders.entryById.prime(String(entry.id), entry);
    return Object.assign(new StocktakingImport(), done);
  }

  /** The request's loaders must not answer the written entry's fields from what they read before the write. */
  private fresh(ctx: Context, entry: StocktakingEntry): StocktakingEntry {
    return freshAfterWrite(ctx.loaders, entry, { loader: ctx.loaders.entryById, key: String(entry.id) });
  }
}
