import { loadPresent, Source } from "@wsis/shared";
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { normaliseDatasetId } from "../codes";
import { AgencyRef } from "../external/agency";
import { Indicator } from "../indicator/indicator.entity";
import type { Context } from "../context";
import { Dataset } from "./dataset.entity";

@Resolver(() => Dataset)
export class DatasetResolver {
  @Query(() => [Dataset], {
    nullable: true,
    description: "Every dataset (source and release) the hub holds observations from",
  })
  datasets(@Ctx() ctx: Context): Promise<Dataset[]> {
    return ctx.loaders.datasetList();
  }

  @Query(() => Dataset, {
    nullable: true,
    description: 'One dataset by id, e.g. "unsd-sdg-2023-12" (any case); null when unknown',
  })
  dataset(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Dataset | null> {
    return ctx.loaders.datasetById.load(normaliseDatasetId(id, "id"));
  }

  @FieldResolver(() => AgencyRef, {
    nullable: true,
    description:
      "The publishing agency, where it is one the hub knows (WB for the WDI; UNDESA, whose Statistics Division runs the SDG database)",
  })
  publisherAgency(@Root() dataset: Dataset): AgencyRef | null {
    return dataset.publisherAgencyId ? { id: dataset.publisherAgencyId } : null;
  }

  @FieldResolver(() => [Indicator], { description: "The indicators this dataset publishes" })
  async indicators(@Root() dataset: Dataset, @Ctx() ctx: Context): Promise<Indicator[]> {
    const links = await ctx.loaders.indicatorDatasetsByDataset.load(dataset.id);
    const indicators = await loadPresent(
      ctx.loaders.indicatorByCode,
      links.map((l) => l.indicatorCode),
    );
    return indicators.sort((a, b) => a.sortOrder - b.sortOrder);
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Root() dataset: Dataset, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(dataset.sourceId);
  }
}
