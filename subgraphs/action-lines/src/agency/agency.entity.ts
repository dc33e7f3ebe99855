import { Column, Entity, PrimaryColumn } from "typeorm";
import { Directive, Field, ID, ObjectType } from "type-graphql";

@Entity({ name: "agency" })
@ObjectType({
  description: "A UN system organization or body taking part in the WSIS process (e.g. ITU, UNESCO, UNGIS)",
})
@Directive('@key(fields: "id")')
export class Agency {
  @PrimaryColumn("text")
  @Field(() => ID, { description: 'Short identifier, e.g. "ITU"' })
  id: string;

  @Column("text")
  @Field({ description: "Official name" })
  name: string;

  @Column("text")
  @Field({ description: "What kind of body it is, e.g. SPECIALIZED_AGENCY, FUND_OR_PROGRAMME, INTERAGENCY_GROUP" })
  kind: string;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "Official website" })
  url: string | null;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
