import { Directive, Field, ID, ObjectType } from "type-graphql";

/** An agency of the action-lines subgraph: key only. `custodianOf` is added from here (external/agency.resolver.ts). */
@ObjectType("Agency")
@Directive('@key(fields: "id")')
export class AgencyRef {
  @Field(() => ID)
  id: string;
}
