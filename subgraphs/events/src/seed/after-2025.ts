import { EventStatus } from "../event/event.enums";
import { addEvent, sourceId, type EventContext, type EventEntry, type RoadmapRows } from "./event-rows";

/**
 * The shape of data/after-2025.yaml: what became of the roadmap's events (the statuses a public record states) and the
 * events after its timeline, as the project's research found them (data/events_after_2025.csv, copied verbatim).
 */
export interface AfterRoadmapFile {
  statuses: Array<{ event: string; status: string; statusSource: string; research?: string }>;
  events: Array<EventEntry & { research: string; source: string; verified: boolean }>;
}

/**
 * Adds the events after the roadmap (after the roadmap's own, in the file's order) and sets the statuses the file
 * states of the roadmap's events: each needs a source, and a status other than SCHEDULED (HELD, POSTPONED) only.
 */
export function addAfterRoadmap(rows: RoadmapRows, file: unknown, context: EventContext): void {
  const data = file as AfterRoadmapFile;
  for (const s of data.statuses) {
    const where = `status of ${s.event}`;
    const event = rows.events.find((e) => e.id === s.event);
    if (!event) throw new Error(`${where}: not an event of the roadmap`);
    if (s.status !== EventStatus.HELD && s.status !== EventStatus.POSTPONED)
      throw new Error(`${where}: ${s.status} is not HELD or POSTPONED`);
    event.status = s.status;
    event.statusSourceId = sourceId(s.statusSource, where);
  }
  const first = rows.events.length;
  data.events.forEach((e, i) => {
    if (e.roadmapText !== undefined) throw new Error(`event ${e.id}: an event after the roadmap has no roadmap line`);
    if (e.expectations !== undefined)
      throw new Error(`event ${e.id}: the roadmap's expectations are the roadmap's events' only`);
    if (typeof e.verified !== "boolean" || !e.source)
      throw new Error(`event ${e.id}: an event after the roadmap needs its source and verified flag`);
    addEvent(rows, e, first + i + 1, context);
  });
}
