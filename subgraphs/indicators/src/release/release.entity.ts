import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from "type-graphql";

export enum ReleaseOperation {
  SEED = "SEED",
  PUBLISH = "PUBLISH",
  IMPORT = "IMPORT",
  WITHDRAW = "WITHDRAW",
}
registerEnumType(ReleaseOperation, {
  name: "DatasetReleaseOperation",
  description:
    "How a release was made: SEED (release 1, the data files shipped with the hub), PUBLISH (publishObservations), IMPORT (a CSV or SDMX-CSV file), WITHDRAW (withdrawObservations)",
});

@Entity({ name: "dataset_release" })
@ObjectType({
  description:
    "A numbered publication of a dataset. Release 1 is the data shipped with the hub; each publication, import or withdrawal that changes something is the next number. A read pinned to a release returns exactly that release, forever.",
})
export class DatasetRelease {
  @PrimaryColumn("text", { name: "dataset_id" })
  datasetId: string;

  @PrimaryColumn("int")
  @Field(() => Int, { description: "1, 2, ... within its dataset" })
  number: number;

  /** bigserial: orders releases across datasets (pg returns it as a string). */
  @Column("bigint")
  id: string;

  @Column("timestamptz", { name: "published_at" })
  @Field(() => GraphQLISODateTime, {
    description: "When it was published (release 1: the release date of the source the shipped files were taken from)",
  })
  publishedAt: Date;

  @Column("text", { name: "published_by_agency", nullable: true })
  publishedByAgency: string | null;

  @Column("text", { name: "published_by_subject" })
  publishedBySubject: string;

  @Column("text")
  @Field(() => ReleaseOperation)
  operation: ReleaseOperation;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true })
  note: string | null;

  @Column("text", { name: "source_id" })
  sourceId: string;

  @Column("int", { name: "rows_read" })
  @Field(() => Int, { description: "Rows (observations) the publication carried" })
  rowsRead: number;

  @Column("int")
  @Field(() => Int, { description: "Observations that did not exist before" })
  inserted: number;

  @Column("int")
  @Field(() => Int, {
    description:
      "Observations whose value (or nature, or footnote) changed; the previous version is kept as a revision",
  })
  revised: number;

  @Column("int")
  @Field(() => Int, { description: "Observations withdrawn (kept as revisions)" })
  withdrawn: number;

  @Column("int")
  @Field(() => Int, { description: "Rows that repeated the published value" })
  unchanged: number;
}
