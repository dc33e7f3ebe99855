import { AuditEntry, createSubgraphDatabase, Source, type DataSourceExtras, type SubgraphDatabase } from "@wsis/shared";
import { EventActionLine } from "./event/event-action-line.entity";
import { Event } from "./event/event.entity";
import { EventOrganiser } from "./event/event-organiser.entity";
import { EventTrack } from "./event/event-track.entity";
import { RoadmapExpectation } from "./event/roadmap-expectation.entity";
import { KnownActionLine } from "./known/known-action-line.entity";
import { KnownAgency } from "./known/known-agency.entity";
import { Initial1764300000000 } from "./migrations/1764300000000-Initial";
import { AuditLog1764500000000 } from "./migrations/1764500000000-AuditLog";
import { EventWrites1764500000001 } from "./migrations/1764500000001-EventWrites";
import { AfterTheReview1765000000000 } from "./migrations/1765000000000-AfterTheReview";
import { RoadmapTrack } from "./track/roadmap-track.entity";

/** The PostgreSQL schema this subgraph owns. */
export const SCHEMA = "events";

export function createEventsDataSource(url: string, options: DataSourceExtras = {}): SubgraphDatabase {
  return createSubgraphDatabase({
    url,
    schema: SCHEMA,
    entities: [
      Source,
      KnownAgency,
      KnownActionLine,
      RoadmapTrack,
      Event,
      EventTrack,
      EventOrganiser,
      EventActionLine,
      RoadmapExpectation,
      AuditEntry,
    ],
    migrations: [Initial1764300000000, AuditLog1764500000000, EventWrites1764500000001, AfterTheReview1765000000000],
    ...options,
  });
}
