import { BadUserInputError, cursorCodec, Source } from "@wsis/shared";
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { normaliseDatasetId } from "../codes";
import { Dataset } from "../dataset/dataset.entity";
import type { Context } from "../context";
import { DatasetRelease } from "./release.entity";
import { releaseKey } from "./release.loaders";
import { DatasetReleaseConnection, publisherOf, ReleasePublisher } from "./release.types";

/** Bounds of `Dataset.releases`. */
export const RELEASE_PAGE = { max: 100, default: 20 } as const;

/** The cursor of a page of releases: the dataset and the release number the page ended at (checked on the way in). */
const releaseCursor = cursorCodec("r1", [
  { kind: "text", max: 64 },
  { kind: "int", min: 1 },
] as const);

function encodeReleaseCursor(release: DatasetRelease): string {
  return releaseCursor.encode([release.datasetId, release.number]);
}

function decodeReleaseCursor(datasetId: string, cursor: string): number {
  const hint = "pass an endCursor of Dataset.releases";
  const [dataset, number] = releaseCursor.decode(cursor, "after", hint);
  if (dataset !== datasetId)
    throw new BadUserInputError(`Argument "after" is not a cursor of this dataset's releases; ${hint}`, "after");
  return number;
}

@Resolver(() => DatasetRelease)
export class DatasetReleaseResolver {
  @Query(() => DatasetRelease, {
    nullable: true,
    description: "One release of a dataset; null when the dataset or the release is unknown",
  })
  datasetRelease(
    @Arg("dataset", () => ID) dataset: string,
    @Arg("number", () => Int) number: number,
    @Ctx() ctx: Context,
  ): Promise<DatasetRelease | null> {
    if (!Number.isInteger(number) || number < 1)
      throw new BadUserInputError(`Argument "number" must be 1 or more; got ${number}`, "number");
    return ctx.loaders.releaseByKey.load(releaseKey(normaliseDatasetId(dataset, "dataset"), number));
  }

  @FieldResolver(() => Dataset, { nullable: true })
  dataset(@Root() release: DatasetRelease, @Ctx() ctx: Context): Promise<Dataset | null> {
    return ctx.loaders.datasetById.load(release.datasetId);
  }

  @FieldResolver(() => ReleasePublisher, { description: "Who published it" })
  publishedBy(@Root() release: DatasetRelease): ReleasePublisher {
    return publisherOf(release);
  }

  @FieldResolver(() => Source, {
    nullable: true,
    description: "The provenance record of the release (the values it published name it as their source)",
  })
  source(@Root() release: DatasetRelease, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(release.sourceId);
  }
}

@Resolver(() => Dataset)
export class DatasetReleasesResolver {
  @FieldResolver(() => DatasetReleaseConnection, {
    description: `The releases of this dataset, newest first (at most ${RELEASE_PAGE.max} a page). Release 1 is the data shipped with the hub.`,
  })
  async releases(
    @Root() dataset: Dataset,
    @Arg("first", () => Int, { defaultValue: RELEASE_PAGE.default, description: `Page size, 0–${RELEASE_PAGE.max}` })
    first: number,
    @Arg("after", () => String, { nullable: true, description: "endCursor of the previous page" }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<DatasetReleaseConnection> {
    if (!Number.isInteger(first) || first < 0 || first > RELEASE_PAGE.max) {
      throw new BadUserInputError(`Argument "first" must be between 0 and ${RELEASE_PAGE.max}; got ${first}`, "first");
    }
    const before = after ? decodeReleaseCursor(dataset.id, after) : null;
    const rows = await ctx.loaders.releasePage.load({ datasetId: dataset.id, first: first + 1, before });
    const page = rows.slice(0, first);
    const edges = page.map((node) => ({ cursor: encodeReleaseCursor(node), node }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    };
  }

  @FieldResolver(() => DatasetRelease, {
    nullable: true,
    description: "The latest release: what unpinned reads return",
  })
  latestRelease(@Root() dataset: Dataset, @Ctx() ctx: Context): Promise<DatasetRelease | null> {
    return ctx.loaders.latestReleaseByDataset.load(dataset.id);
  }
}
