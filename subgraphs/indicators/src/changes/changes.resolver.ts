import { BadUserInputError } from "@wsis/shared";
import { Arg, Ctx, FieldResolver, GraphQLISODateTime, ID, Int, Query, Resolver, Root } from "type-graphql";
import { checkMoment, normaliseDatasetId } from "../codes";
import { Dataset } from "../dataset/dataset.entity";
import type { Context } from "../loaders";
import { DatasetRelease } from "../release/release.entity";
import { releaseKey } from "../release/release.loaders";
import { CHANGES_PAGE, decodeChangeCursor, encodeChangeCursor, ObservationChange, ObservationChangeConnection } from "./changes";

@Resolver(() => ObservationChange)
export class ObservationChangeResolver {
  @Query(() => ObservationChangeConnection, {
    nullable: true,
    description: `What changed since a moment, for clients that keep a copy in sync: every observation inserted, revised or withdrawn by the releases published after \`since\`, in publication order (at most ${CHANGES_PAGE.max} a page). To sync, apply the changes in order and keep the greatest DatasetRelease.publishedAt seen for the next call.`,
  })
  async changes(
    @Arg("since", () => GraphQLISODateTime, { description: "Only releases published after this moment" }) since: Date,
    @Arg("dataset", () => ID, { nullable: true, description: "Only this dataset's releases" }) dataset: string | null,
    @Arg("first", () => Int, { defaultValue: CHANGES_PAGE.default, description: `Page size, 0–${CHANGES_PAGE.max}` }) first: number,
    @Arg("after", () => String, { nullable: true, description: "endCursor of the previous page" }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<ObservationChangeConnection> {
    if (!Number.isInteger(first) || first < 0 || first > CHANGES_PAGE.max) {
      throw new BadUserInputError(`Argument "first" must be between 0 and ${CHANGES_PAGE.max}; got ${first}`, "first");
    }
    checkMoment(since, "since");
    let datasetId: string | null = null;
    if (dataset !== null && dataset !== undefined) {
      datasetId = normaliseDatasetId(dataset, "dataset");
      if (!(await ctx.loaders.datasetById.load(datasetId))) {
        throw new BadUserInputError(`Unknown dataset "${datasetId}" in "dataset"; the list is at { datasets { id } }`, "dataset", {
          codes: [datasetId],
        });
      }
    }
    const position = after ? decodeChangeCursor(after) : null;
    const { rows, hasNextPage } = await ctx.loaders.changes({ since, datasetId, first, after: position });
    const edges = rows.map((r) => ({ cursor: encodeChangeCursor(r.cursor), node: r.change }));
    return { edges, pageInfo: { hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null } };
  }

  @FieldResolver(() => DatasetRelease, { nullable: true, description: "The release that made the change: when and by whom" })
  release(@Root() change: ObservationChange, @Ctx() ctx: Context): Promise<DatasetRelease | null> {
    return ctx.loaders.releaseByKey.load(releaseKey(change.datasetId, change.releaseNumber));
  }

  @FieldResolver(() => Dataset, { nullable: true })
  dataset(@Root() change: ObservationChange, @Ctx() ctx: Context): Promise<Dataset | null> {
    return ctx.loaders.datasetById.load(change.datasetId);
  }
}
