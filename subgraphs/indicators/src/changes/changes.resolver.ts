import { BadUserInputError, checkPageSize, pageOf } from "@wsis/shared";
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { checkMoment, normaliseDatasetId } from "../codes";
import type { Context } from "../context";
import { Dataset } from "../dataset/dataset.entity";
import { DatasetRelease } from "../release/release.entity";
import { releaseKey } from "../release/release.loaders";
import {
  CHANGES_PAGE,
  changeCursorOf,
  ChangesFilterArgs,
  ChangesPageArgs,
  decodeChangeCursor,
  ObservationChange,
  ObservationChangePage,
  type ObservationChangeConnection,
} from "./changes.types";

@Resolver(() => ObservationChange)
export class ObservationChangeResolver {
  @Query(() => ObservationChangePage.Connection, {
    nullable: true,
    description: `What changed since a moment, for clients that keep a copy in sync: every observation inserted, revised or withdrawn by the releases published after \`since\`, in publication order (at most ${CHANGES_PAGE.max} a page). To sync, apply the changes in order and keep the greatest DatasetRelease.publishedAt seen for the next call.`,
  })
  async changes(
    // Parameters of several @Args print last first: (since, dataset), then (first, after).
    @Args(() => ChangesPageArgs) { first, after }: ChangesPageArgs,
    @Args(() => ChangesFilterArgs) { since, dataset }: ChangesFilterArgs,
    @Ctx() ctx: Context,
  ): Promise<ObservationChangeConnection> {
    const size = checkPageSize(first, CHANGES_PAGE);
    checkMoment(since, "since");
    let datasetId: string | null = null;
    if (dataset !== null && dataset !== undefined) {
      datasetId = normaliseDatasetId(dataset, "dataset");
      if (!(await ctx.loaders.datasetById.load(datasetId))) {
        throw new BadUserInputError(
          `Unknown dataset "${datasetId}" in "dataset"; the list is at { datasets { id } }`,
          "dataset",
          {
            codes: [datasetId],
          },
        );
      }
    }
    const position = after ? decodeChangeCursor(after) : null;
    const rows = await ctx.services.changeQueries.page({ since, datasetId, after: position, limit: size + 1 });
    return pageOf(ObservationChangePage, rows, size, changeCursorOf, () =>
      ctx.services.changeQueries.count(since, datasetId),
    );
  }

  @FieldResolver(() => DatasetRelease, {
    nullable: true,
    description: "The release that made the change: when and by whom",
  })
  release(@Root() change: ObservationChange, @Ctx() ctx: Context): Promise<DatasetRelease | null> {
    return ctx.loaders.releaseByKey.load(releaseKey(change.datasetId, change.releaseNumber));
  }

  @FieldResolver(() => Dataset, { nullable: true })
  dataset(@Root() change: ObservationChange, @Ctx() ctx: Context): Promise<Dataset | null> {
    return ctx.loaders.datasetById.load(change.datasetId);
  }
}
