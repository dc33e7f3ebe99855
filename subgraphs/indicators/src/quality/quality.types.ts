import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { Dataset } from "../dataset/dataset.entity";
import { Observation } from "../observation/observation.entity";
import { QualityRule, QualitySeverity } from "./quality.rules";

@ObjectType({ description: "A quality rule an observation breaks (the value stays as its source published it)" })
export class QualityFlag {
  @Field(() => QualityRule)
  rule: QualityRule;

  @Field(() => QualitySeverity)
  severity: QualitySeverity;

  @Field({
    description:
      'What is wrong, with the values compared, e.g. "the total 43 lies outside its female (67.04) and male (62.28) values by more than 0.5"',
  })
  message: string;
}

@ObjectType({ description: "A flagged observation, as an example of a rule in a quality report" })
export class QualityExample {
  @Field(() => Observation)
  observation: Observation;

  @Field()
  message: string;
}

@ObjectType({
  description:
    "How many observations of a dataset break one quality rule, with the first few (in key order) as examples",
})
export class QualityRuleReport {
  @Field(() => QualityRule)
  rule: QualityRule;

  @Field(() => QualitySeverity)
  severity: QualitySeverity;

  @Field({ description: "What the rule checks, with its thresholds" })
  description: string;

  @Field(() => Int, { description: "Observations of the dataset (current values) that break it" })
  count: number;

  @Field(() => [QualityExample], { description: "At most 5, in the order indicator, economy, year, breakdown" })
  examples: QualityExample[];
}

@ObjectType({
  description: "The same observation (indicator, economy, year, breakdown) as published by another dataset",
})
export class OtherDatasetValue {
  datasetId: string;

  @Field(() => Dataset, { nullable: true })
  dataset: Dataset | null;

  @Field(() => Float)
  value: number;

  @Field({ description: "The value exactly as that dataset publishes it" })
  valueText: string;

  @Field(() => Float, { description: "That value minus this one" })
  difference: number;
}

@ObjectType({
  description:
    "A soft quality rule a published row breaks: the row was published, and the flag is kept with it (Observation.qualityFlags)",
})
export class PublicationWarning {
  @Field(() => QualityRule)
  rule: QualityRule;

  @Field(() => Int, {
    description:
      "The row: its index among the observations given (0-based), or its position among the data rows of a file",
  })
  index: number;

  @Field(() => Int, { nullable: true, description: "The line of the file, for an import" })
  line: number | null;

  @Field(() => ID, { description: "The observation (indicator|dataset|economy|year|breakdown key, as Observation.id)" })
  observationId: string;

  @Field()
  message: string;
}

@ObjectType({
  description: "Which dataset serves an indicator when a read names none, and why (computed from the data by a rule)",
})
export class DatasetChoice {
  datasetId: string;
  aggregateDatasetId: string | null;

  @Field(() => Dataset, { nullable: true, description: "The default dataset" })
  dataset: Dataset | null;

  @Field({ description: "The rule, as applied to every indicator" })
  rule: string;

  @Field({ description: "Why this dataset: the latest complete year and countries of each dataset of the indicator" })
  reason: string;

  @Field(() => Int, { nullable: true, description: "The default dataset's latest complete year" })
  latestYear: number | null;

  @Field(() => Int, { description: "Countries with a total in that year" })
  economiesInLatestYear: number;

  @Field(() => Dataset, {
    nullable: true,
    description:
      "The dataset served when a read asks for aggregates only (and by regionalFigures): the best-ranked one that publishes aggregates",
  })
  aggregateDataset: Dataset | null;
}
