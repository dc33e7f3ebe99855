import { auditedRecord, jsonList } from "@wsis/shared";
import type { EventFormat, EventKind, EventOrganiserRole, EventStatus } from "./event.enums";

/** What an event's audit entries hold: the row as clients see it, with its links. */
export interface EventSnapshot {
  id: string;
  title: string;
  kind: EventKind;
  timelineYear: number;
  startDate: string;
  endDate: string | null;
  location: string | null;
  format: EventFormat | null;
  hostEconomyCode: string | null;
  partOfId: string | null;
  note: string | null;
  status: EventStatus;
  cancelledReason: string | null;
  datesSourceId: string;
  locationSourceId: string | null;
  sourceId: string;
  organisers: Array<{ agency: string; role: EventOrganiserRole }>;
  actionLines: string[];
  tracks: string[];
}

/** The event with its links, as the audit trail keeps it. */
export const EVENT_AUDIT = auditedRecord<EventSnapshot>(
  "Event",
  `SELECT e.id, e.title, e.kind, e.timeline_year AS "timelineYear", e.start_date AS "startDate", e.end_date AS "endDate",
          e.location, e.format, e.host_economy_code AS "hostEconomyCode", e.part_of_id AS "partOfId", e.note, e.status,
          e.cancelled_reason AS "cancelledReason", e.dates_source_id AS "datesSourceId",
          e.location_source_id AS "locationSourceId", e.source_id AS "sourceId",
          ${jsonList("json_build_object('agency', o.agency_id, 'role', o.role)", "event_organiser o", "o.event_id = e.id", "o.position, o.agency_id")} AS organisers,
          ${jsonList("l.action_line_code", "event_action_line l", "l.event_id = e.id", "l.position, l.action_line_code")} AS "actionLines",
          ${jsonList("t.track_id", "event_track t", "t.event_id = e.id", "t.position, t.track_id")} AS tracks
     FROM event e WHERE e.id = $1`,
);
