import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, ID, ObjectType } from "type-graphql";

@Entity({ name: "dataset" })
@ObjectType({
  description:
    "One release of one source of observations (e.g. the UN SDG database extract of 2023, the WDI series redistributed in 2026). Two sources of the same indicator are two datasets; a later release or revision is a new dataset.",
})
export class Dataset {
  @PrimaryColumn("text")
  @Field(() => ID, { description: 'Identifier, e.g. "unsd-sdg-2023-12"' })
  id: string;

  @Column("text")
  @Field()
  title: string;

  @Column("text")
  @Field({ description: "Who publishes the data, and whose data they are" })
  publisher: string;

  @Column("text", { name: "publisher_agency_id", nullable: true })
  publisherAgencyId: string | null;

  @Column("text")
  @Field({ description: "Which release: the repository state read, and when the data last changed" })
  release: string;

  @Column("date", { name: "release_date", nullable: true })
  @Field(() => String, { nullable: true, description: "Date of the release read (YYYY-MM-DD)" })
  releaseDate: string | null;

  @Column("text")
  @Field({ description: "Licence of the data, as stated by its publisher" })
  licence: string;

  @Column("text")
  @Field({ description: "A ready-made citation" })
  citation: string;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "Where the publisher serves the data" })
  url: string | null;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true })
  note: string | null;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
