import { Column, Entity, PrimaryColumn } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";
import { EventOrganiserRole } from "./event.enums";

@Entity({ name: "event_organiser" })
@ObjectType({ description: "An agency that organises, co-organises or chairs an event, with the source that says so" })
export class EventOrganiser {
  @PrimaryColumn("text", { name: "event_id" })
  eventId: string;

  @PrimaryColumn("text", { name: "agency_id" })
  agencyId: string;

  @Column("text")
  @Field(() => EventOrganiserRole)
  role: EventOrganiserRole;

  @Column("int")
  @Field(() => Int, { description: "Order in which the event's sources name the agency (1 = first)" })
  position: number;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
