import { Directive, Field, ID, ObjectType } from "type-graphql";

/** An agency, owned by the action-lines subgraph: key only. */
@ObjectType("Agency")
@Directive('@key(fields: "id")')
export class AgencyRef {
  @Field(() => ID)
  id: string;
}

export const agencyRef = (id: string): AgencyRef => Object.assign(new AgencyRef(), { id });
