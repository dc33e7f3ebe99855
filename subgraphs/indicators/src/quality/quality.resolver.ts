import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Dataset } from "../dataset/dataset.entity";
import type { Context } from "../context";
import { Observation } from "../observation/observation.entity";
import { observationId } from "../observation/observation.rows";
import { flagsKey } from "./quality.loaders";
import { OtherDatasetValue, QualityFlag, QualityRuleReport } from "./quality.types";

@Resolver(() => Observation)
export class ObservationQualityResolver {
  @FieldResolver(() => [QualityFlag], {
    description:
      "The quality rules this value breaks (empty: none). The value stays as its source published it; the flag says what to look at. Kept up to date at seed and at every publication; batched (one statement per page).",
  })
  qualityFlags(@Root() o: Observation, @Ctx() ctx: Context): Promise<QualityFlag[]> {
    return ctx.loaders.flagsByObservation.load(flagsKey(o));
  }

  @FieldResolver(() => [OtherDatasetValue], {
    description:
      "The same indicator, economy, year and breakdown in the other datasets that publish the indicator (their current values), e.g. the WDI figure beside the UN SDG database's: two sources that disagree are visible. Empty when no other dataset has it; batched.",
  })
  async otherDatasets(@Root() o: Observation, @Ctx() ctx: Context): Promise<OtherDatasetValue[]> {
    const others = await ctx.loaders.otherDatasetsByObservation.load(observationId(o));
    const own = Number(o.valueText);
    return others.map((other) =>
      Object.assign(new OtherDatasetValue(), {
        datasetId: other.datasetId,
        dataset: null,
        value: Number(other.valueText),
        valueText: other.valueText,
        // exact decimals, rounded only at the end (the values have at most a few decimals)
        difference: Number((Number(other.valueText) - own).toPrecision(12)),
      }),
    );
  }
}

@Resolver(() => OtherDatasetValue)
export class OtherDatasetValueResolver {
  @FieldResolver(() => Dataset, { nullable: true })
  dataset(@Root() other: OtherDatasetValue, @Ctx() ctx: Context): Promise<Dataset | null> {
    return ctx.loaders.datasetById.load(other.datasetId);
  }
}

@Resolver(() => Dataset)
export class DatasetQualityResolver {
  @FieldResolver(() => [QualityRuleReport], {
    description:
      "The quality report of the dataset's current values: every rule, with how many observations break it and the first few as examples. Seeded values that break a rule stay as published, flagged.",
  })
  async qualityReport(@Root() dataset: Dataset, @Ctx() ctx: Context): Promise<QualityRuleReport[]> {
    return (await ctx.loaders.qualityReportByDataset.load(dataset.id))?.rules ?? [];
  }
}
