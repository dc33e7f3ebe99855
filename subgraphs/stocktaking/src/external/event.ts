import { Directive, Field, ID, ObjectType } from "type-graphql";

/** An event, owned by the events subgraph: key only. */
@ObjectType("Event")
@Directive('@key(fields: "id")')
export class EventRef {
  @Field(() => ID)
  id: string;
}

export const eventRef = (id: string): EventRef => Object.assign(new EventRef(), { id });
