import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { Dataset } from "../dataset/dataset.entity";
import type { Context } from "../context";
import { PUBLISH_SCOPE } from "./publishing.service";
import { maySeeScheduled } from "./scheduled";
import { ScheduledRelease, scheduledReleaseOf } from "./scheduled.types";

@Resolver(() => Dataset)
export class ScheduledReleaseResolver {
  @FieldResolver(() => ScheduledRelease, {
    nullable: true,
    description:
      "The release scheduled for a future moment (publishAt), if any — only for admin and callers with indicators:publish of the agency that scheduled it; null for everyone else (its values are not public before its moment)",
  })
  async scheduledRelease(@Root() dataset: Dataset, @Ctx() ctx: Context): Promise<ScheduledRelease | null> {
    // Anonymous readers never see one: no statement for them (their answers are the cacheable ones).
    if (!ctx.caller) return null;
    const row = await ctx.loaders.scheduledReleaseByDataset.load(dataset.id);
    return row && maySeeScheduled(ctx.caller, row) ? scheduledReleaseOf(row) : null;
  }

  @Mutation(() => ScheduledRelease, {
    description:
      "Withdraws a dataset's scheduled release before its moment (nothing of it was ever public; its number is free again). Needs indicators:publish of the agency that scheduled it, or admin; NOT_FOUND when there is none that the caller may see.",
  })
  @Authorized(PUBLISH_SCOPE)
  async cancelScheduledRelease(
    @Arg("dataset", () => String) dataset: string,
    @Ctx() ctx: Context,
  ): Promise<ScheduledRelease> {
    return scheduledReleaseOf(await ctx.services.publications.cancelScheduledRelease(ctx.caller, dataset));
  }
}
