import { connectionTypes, type Connection } from "@wsis/shared";
import { Field, Int, ObjectType } from "type-graphql";
import { Event } from "./event.entity";

/** The page types of `eventConnection` (their names and texts as served from the start). */
export const EventPage = connectionTypes(Event, {
  connection: "EventConnection",
  edge: "EventEdge",
  pageInfo: "EventPageInfo",
  description: "A page of events in date order",
  edgeDescription: "An event with its cursor",
  pageInfoDescription: "Where a page of events ends",
  endCursorDescription: "Cursor of the last edge; pass it as `after` for the next page",
  totalCountDescription: "How many events match the filter in all",
});
export type EventConnection = Connection<Event>;

@ObjectType({ description: "The events the roadmap's timeline lists under one year" })
export class TimelineYear {
  @Field(() => Int)
  year: number;

  @Field(() => [Event], { description: "In the roadmap's order" })
  events: Event[];
}
