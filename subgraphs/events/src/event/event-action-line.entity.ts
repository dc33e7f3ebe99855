import { Column, Entity, PrimaryColumn } from "typeorm";
import { ObjectType } from "type-graphql";

@Entity({ name: "event_action_line" })
@ObjectType({ description: "An action line that an event covers, with the source that says so" })
export class EventActionLine {
  @PrimaryColumn("text", { name: "event_id" })
  eventId: string;

  @PrimaryColumn("text", { name: "action_line_code" })
  actionLineCode: string;

  @Column("int")
  position: number;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
