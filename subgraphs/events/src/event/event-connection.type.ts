import { Field, Int, ObjectType } from "type-graphql";
import type { EventCriteria } from "./event.loaders";
import { Event } from "./event.entity";

@ObjectType({ description: "An event with its cursor" })
export class EventEdge {
  @Field()
  cursor: string;

  @Field(() => Event)
  node: Event;
}

@ObjectType({ description: "Where a page of events ends" })
export class EventPageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the last edge; pass it as `after` for the next page" })
  endCursor: string | null;
}

@ObjectType({ description: "A page of events in date order" })
export class EventConnection {
  @Field(() => [EventEdge])
  edges: EventEdge[];

  @Field(() => EventPageInfo)
  pageInfo: EventPageInfo;

  /** The checked criteria, for `totalCount` (counted only when asked for). */
  criteria: EventCriteria;
}

@ObjectType({ description: "The events the roadmap's timeline lists under one year" })
export class TimelineYear {
  @Field(() => Int)
  year: number;

  @Field(() => [Event], { description: "In the roadmap's order" })
  events: Event[];
}
