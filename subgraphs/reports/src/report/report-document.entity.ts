import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, ObjectType } from "type-graphql";

@Entity({ name: "report_document" })
@ObjectType({
  description:
    "A published document of a report: the text itself, or the record of its adoption, with where to read it. " +
    "`verified` is false where the link was not read (e.g. an address built from a UN document symbol)",
})
export class ReportDocument {
  @PrimaryColumn("text", { name: "report_id" })
  reportId: string;

  @PrimaryColumn("int")
  position: number;

  @Column("text")
  @Field({ description: "Title, as the publisher gives it" })
  title: string;

  @Column("text")
  @Field({ description: "Where it can be read" })
  url: string;

  @Column("text", { nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Language of the text (BCP 47, e.g. "en"); null when not stated',
  })
  language: string | null;

  /** Partial ISO date: exposed as PartialDate by the resolver. */
  @Column("text", { name: "published_date", nullable: true })
  publishedDate: string | null;

  @Column("boolean")
  @Field({
    description: "True when the research read the document at this address; false when the link is not confirmed",
  })
  verified: boolean;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true })
  note: string | null;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
