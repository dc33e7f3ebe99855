import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * The agency ids the hub knows (the action-lines subgraph's list, as copied in data/known-codes.json). Organiser links
 * reference it, and filters use it to tell an unknown id from a known agency without events.
 */
@Entity({ name: "known_agency" })
export class KnownAgency {
  @PrimaryColumn("text")
  id: string;

  @Column("text")
  name: string;

  @Column("text", { name: "source_id" })
  sourceId: string;
}
