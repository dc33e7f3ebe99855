import { Column, Entity, PrimaryColumn } from "typeorm";

/** An event's membership of a roadmap track (many to many). */
@Entity({ name: "event_track" })
export class EventTrack {
  @PrimaryColumn("text", { name: "event_id" })
  eventId: string;

  @PrimaryColumn("text", { name: "track_id" })
  trackId: string;

  @Column("int")
  position: number;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
