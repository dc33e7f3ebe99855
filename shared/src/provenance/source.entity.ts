import { Column, Entity, PrimaryColumn } from "typeorm";
import { Directive, Field, ID, ObjectType } from "type-graphql";

/**
 * Where a record comes from: every seeded row names one. The same value type in every subgraph (each keeps its own
 * `source` table in its own schema), so it is shareable in the supergraph.
 */
@Entity({ name: "source" })
@ObjectType({ description: "The provenance of a record: the public document or data set it was taken from" })
@Directive("@shareable")
export class Source {
  @PrimaryColumn("text")
  @Field(() => ID, { description: "Stable identifier of the source within the hub" })
  id: string;

  @Column("text")
  @Field({ description: "Title of the document or data set" })
  title: string;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "Who publishes it" })
  publisher: string | null;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "Where it can be read" })
  url: string | null;

  @Column("text")
  @Field({ description: "The licence under which it is published, as stated by its publisher (or 'none declared')" })
  licence: string;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "Caveats: derivations, unverified parts, versions" })
  note: string | null;
}

export interface SourceRow {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  licence: string;
  note: string | null;
}

export const SOURCE_TABLE_DDL = `CREATE TABLE "source" (
  "id" text PRIMARY KEY,
  "title" text NOT NULL,
  "publisher" text,
  "url" text,
  "licence" text NOT NULL,
  "note" text
)`;
