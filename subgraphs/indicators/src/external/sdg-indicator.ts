import { Directive, Field, ID, ObjectType } from "type-graphql";

/** An SDG indicator of the action-lines subgraph: key only. `ictIndicators` is added from here. */
@ObjectType("SdgIndicator")
@Directive('@key(fields: "code")')
export class SdgIndicatorRef {
  @Field(() => ID)
  code: string;
}
