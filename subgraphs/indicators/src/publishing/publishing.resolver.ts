import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { Dataset } from "../dataset/dataset.entity";
import type { Context } from "../context";
import { DatasetRelease } from "../release/release.entity";
import { releaseKey } from "../release/release.loaders";
import type { ScheduledOutcome } from "./scheduled";
import { PublicationWarning } from "../quality/quality.types";
import { PUBLISH_SCOPE } from "./publishing.service";
import {
  ImportObservationsInput,
  PublicationResult,
  PublishObservationsInput,
  WithdrawObservationsInput,
} from "./publishing.types";

function resultOf(outcome: ScheduledOutcome): PublicationResult {
  return Object.assign(new PublicationResult(), {
    datasetId: outcome.datasetId,
    releaseNumber: outcome.release,
    rowsRead: outcome.rowsRead,
    inserted: outcome.inserted,
    revised: outcome.revised,
    unchanged: outcome.unchanged,
    withdrawn: outcome.withdrawn,
    rejected: 0,
    replayed: outcome.replayed,
    warnings: outcome.warnings.map((w) => Object.assign(new PublicationWarning(), w)),
    warningCount: outcome.warningCount,
    publishAt: outcome.publishAt,
  });
}

const REFUSALS =
  "Needs a caller with the scope indicators:publish (UNAUTHENTICATED without a token, FORBIDDEN without the scope). Every row is validated first; any invalid row refuses the whole publication (BAD_USER_INPUT, every problem in extensions.invalidRows with its index, line and field) and nothing is written.";

@Resolver(() => PublicationResult)
export class PublishingResolver {
  @Mutation(() => PublicationResult, {
    description: `Publishes values of a dataset as its next release, all or nothing; a value that differs from the published one replaces it and the old one is kept as a revision. ${REFUSALS}`,
  })
  @Authorized(PUBLISH_SCOPE)
  async publishObservations(
    @Arg("input", () => PublishObservationsInput) input: PublishObservationsInput,
    @Ctx() ctx: Context,
  ): Promise<PublicationResult> {
    return resultOf(await ctx.services.publications.publishObservations(ctx.caller, input));
  }

  @Mutation(() => PublicationResult, {
    description: `Withdraws observations as the next release of the dataset: they leave the current values and are kept as revisions (marked withdrawn); changes(since:) lists them. ${REFUSALS}`,
  })
  @Authorized(PUBLISH_SCOPE)
  async withdrawObservations(
    @Arg("input", () => WithdrawObservationsInput) input: WithdrawObservationsInput,
    @Ctx() ctx: Context,
  ): Promise<PublicationResult> {
    return resultOf(await ctx.services.publications.withdrawObservations(ctx.caller, input));
  }

  @Mutation(() => PublicationResult, {
    description: `Imports a CSV or SDMX-CSV text into a dataset, staged (COPY) and applied set-based in one transaction; importing the same file again changes nothing. For large files use the command \`npm run import -- <file> --dataset <id>\`. ${REFUSALS}`,
  })
  @Authorized(PUBLISH_SCOPE)
  async importObservations(
    @Arg("input", () => ImportObservationsInput) input: ImportObservationsInput,
    @Ctx() ctx: Context,
  ): Promise<PublicationResult> {
    return resultOf(await ctx.services.publications.importObservations(ctx.caller, input));
  }

  @FieldResolver(() => Dataset, { nullable: true })
  dataset(@Root() result: PublicationResult, @Ctx() ctx: Context): Promise<Dataset | null> {
    return ctx.loaders.datasetById.load(result.datasetId);
  }

  @FieldResolver(() => DatasetRelease, {
    nullable: true,
    description:
      "The release created (when and by whom); null when nothing changed, and for a scheduled release until its moment",
  })
  async release(@Root() result: PublicationResult, @Ctx() ctx: Context): Promise<DatasetRelease | null> {
    return result.releaseNumber === null
      ? null
      : ctx.loaders.releaseByKey.load(releaseKey(result.datasetId, result.releaseNumber));
  }
}
