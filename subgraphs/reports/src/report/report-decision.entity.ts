import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, ObjectType } from "type-graphql";

@Entity({ name: "report_decision" })
@ObjectType({
  description:
    "A decision of an outcome document that concerns the hub's users (its agencies, action lines, reporting), in the " +
    "words of the source that states it; `verified` is true where a primary source (the UN's, ITU's own text) says it",
})
export class ReportDecision {
  @PrimaryColumn("text", { name: "report_id" })
  reportId: string;

  @PrimaryColumn("int")
  position: number;

  @Column("text", { nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'The paragraph of the document, e.g. "67"; null where no source gives it',
  })
  paragraph: string | null;

  @Column("text")
  @Field({ description: "What is decided, summarised by the hub" })
  decision: string;

  @Column("text")
  @Field({
    description: "The source's words (the operative text as a source quotes it, or the source's summary: see `note`)",
  })
  quote: string;

  @Column("boolean")
  @Field()
  verified: boolean;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "Against what it was checked, and what is left open" })
  note: string | null;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
