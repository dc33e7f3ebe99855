import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { ObservationBreakdownInput } from "../observation/observation.types";
import { ImportFormat } from "./formats";
import { PublicationWarning } from "../quality/quality.types";

registerEnumType(ImportFormat, {
  name: "ObservationImportFormat",
  description:
    "CSV: the hub's columns (indicator, economy, period or year, value; optional sex, age, speed, location, unit, nature, footnote). SDMX_CSV: SDMX-CSV 1.0 of the UN SDG data flows (SERIES, REF_AREA as M49, SEX, COMPOSITE_BREAKDOWN, TIME_PERIOD, OBS_VALUE, UNIT_MEASURE, NATURE).",
});

@InputType({ description: "One value to publish" })
export class PublishedObservationInput {
  @Field({ description: 'Indicator: hub code ("internet_users_pct"), UNSD series code or WDI code' })
  indicator: string;

  @Field({ description: 'Economy: ISO 3166 alpha-3 ("KEN") or M49 number ("404", "001")' })
  economy: string;

  @Field(() => String, { nullable: true, description: 'The period, "2023" (annual figures); or give `year`' })
  period?: string | null;

  @Field(() => Int, { nullable: true, description: "The year; or give `period`" })
  year?: number | null;

  @Field(() => ObservationBreakdownInput, {
    nullable: true,
    description: "The breakdown (codes of Indicator.dimensions); omitted: the total",
  })
  breakdown?: ObservationBreakdownInput | null;

  @Field({
    description:
      'The value as a plain decimal ("16.5879"): kept exactly as written; bounded by the unit (0–100 for a percentage, ≥ 0 per 100 inhabitants)',
  })
  value: string;

  @Field(() => String, { nullable: true, description: "Nature, UNSD code (C, CA, E, G, M, N, NA)" })
  nature?: string | null;

  @Field(() => String, { nullable: true, description: "A footnote (at most 1000 characters)" })
  footnote?: string | null;
}

@InputType()
export class PublishObservationsInput {
  @Field(() => ID, {
    description: 'The dataset to publish in, e.g. "unsd-sdg-2023-12" (it must publish each indicator)',
  })
  dataset: string;

  @Field(() => [PublishedObservationInput], {
    description: "The values (at most 10,000; larger sets: importObservations or the import command)",
  })
  observations: PublishedObservationInput[];

  @Field({
    description:
      "A key of your choosing (8–128 characters: letters, digits, . _ : -) for this publication: repeating the call with the same key and payload returns the first result without writing again; the same key with another payload is refused (CONFLICT)",
  })
  idempotencyKey: string;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description:
      "Embargo: the moment the release becomes public. It is validated now (refusals as without it) and reserves the next release number; until the moment it is visible only to admin and to callers with indicators:publish of the scheduling agency (Dataset.scheduledRelease), and no public read — nor the gateway's response cache — returns its values. At the moment it becomes the latest release without anyone acting. The dataset takes no other publication meanwhile (CONFLICT); cancelScheduledRelease withdraws it. A moment not in the future is refused (BAD_USER_INPUT); left out, the release is published at once.",
  })
  publishAt?: Date | null;

  @Field(() => String, { nullable: true, description: "A note recorded with the release (at most 500 characters)" })
  note?: string | null;
}

@InputType({ description: "The key of an observation" })
export class ObservationKeyInput {
  @Field()
  indicator: string;

  @Field()
  economy: string;

  @Field(() => String, { nullable: true })
  period?: string | null;

  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => ObservationBreakdownInput, { nullable: true })
  breakdown?: ObservationBreakdownInput | null;
}

@InputType()
export class WithdrawObservationsInput {
  @Field(() => ID)
  dataset: string;

  @Field(() => [ObservationKeyInput], {
    description: "The observations to withdraw (at most 10,000); each must have a current value",
  })
  observations: ObservationKeyInput[];

  @Field({ description: "As for publishObservations" })
  idempotencyKey: string;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description:
      "Embargo: the moment the release becomes public. It is validated now (refusals as without it) and reserves the next release number; until the moment it is visible only to admin and to callers with indicators:publish of the scheduling agency (Dataset.scheduledRelease), and no public read — nor the gateway's response cache — returns its values. At the moment it becomes the latest release without anyone acting. The dataset takes no other publication meanwhile (CONFLICT); cancelScheduledRelease withdraws it. A moment not in the future is refused (BAD_USER_INPUT); left out, the release is published at once.",
  })
  publishAt?: Date | null;

  @Field(() => String, { nullable: true, description: "Why (recorded with the release; at most 500 characters)" })
  note?: string | null;
}

@InputType()
export class ImportObservationsInput {
  @Field(() => ID)
  dataset: string;

  @Field(() => ImportFormat)
  format: ImportFormat;

  @Field({ description: "The file's text (at most 1.9 MB; larger files: the import command, which streams them)" })
  content: string;

  @Field({ description: "As for publishObservations" })
  idempotencyKey: string;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description:
      "Embargo: the moment the release becomes public. It is validated now (refusals as without it) and reserves the next release number; until the moment it is visible only to admin and to callers with indicators:publish of the scheduling agency (Dataset.scheduledRelease), and no public read — nor the gateway's response cache — returns its values. At the moment it becomes the latest release without anyone acting. The dataset takes no other publication meanwhile (CONFLICT); cancelScheduledRelease withdraws it. A moment not in the future is refused (BAD_USER_INPUT); left out, the release is published at once.",
  })
  publishAt?: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "A note recorded with the release, e.g. the file's name (at most 500 characters)",
  })
  note?: string | null;
}

@ObjectType({
  description:
    "What a publication did: the release it created (null when nothing changed, as when the same file is imported again) and its counts",
})
export class PublicationResult {
  @Field(() => ID)
  datasetId: string;

  @Field(() => Int, { nullable: true, description: "The number of the release created; null when nothing changed" })
  releaseNumber: number | null;

  @Field(() => Int, { description: "Rows read (observations given)" })
  rowsRead: number;

  @Field(() => Int)
  inserted: number;

  @Field(() => Int, { description: "Values replaced (the previous ones are kept as revisions)" })
  revised: number;

  @Field(() => Int, { description: "Rows that repeated the published value" })
  unchanged: number;

  @Field(() => Int)
  withdrawn: number;

  @Field(() => Int, {
    description:
      "Rows refused: always 0 here (a publication with an invalid row is refused whole, with BAD_USER_INPUT)",
    deprecationReason:
      "Always 0: a publication with an invalid row is refused whole (BAD_USER_INPUT with extensions.invalidRows) and writes nothing, so a result never has refused rows",
  })
  rejected: number;

  @Field({
    description: "True when the idempotency key returned the result of an earlier call: nothing was written this time",
  })
  replayed: boolean;

  @Field(() => [PublicationWarning], {
    description:
      "Soft quality rules (QualityRule: a total outside its breakdown, a year-on-year jump, another dataset that disagrees) that rows written break: they were published, and carry the flag. The first 100, in row order (after the first load of a dataset, in key order); hard rules (a percentage outside 0–100, a negative count) refuse the publication instead.",
  })
  warnings: PublicationWarning[];

  @Field(() => Int, { description: "How many warnings there are in all" })
  warningCount: number;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description:
      "When the release becomes public, for a release scheduled (embargoed) by publishAt; null for one published at once",
  })
  publishAt: Date | null;
}
