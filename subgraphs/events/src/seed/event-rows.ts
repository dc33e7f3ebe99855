import { parsePartialDate, spanOf, type DatePrecision } from "@wsis/shared";
import { EventFormat, EventKind, EventOrganiserRole, EventStatus } from "../event/event.enums";
import { isSourceKey, SOURCES } from "./sources";

/** The rows of the events' tables, and how one event's rows are made and checked (roadmap.ts, after-2025.ts). */

/** An event of data/roadmap.yaml, or of data/after-2025.yaml (which adds the status, its source and the verification). */
export interface EventEntry {
  id: string;
  timelineYear: number;
  /** The roadmap's line; absent for an event after the roadmap. */
  roadmapText?: string;
  title: string;
  kind: string;
  start: string;
  end?: string;
  datesSource: string;
  location?: string;
  format?: string;
  hostEconomy?: string;
  locationSource?: string;
  partOf?: string;
  tracks: string[];
  organisers: Array<{ agency: string; role: string; source: string }>;
  actionLines?: "all" | string[];
  expectations?: Array<{ section: string; label?: string | number; text: string }>;
  note?: string;
  /** The record's source; the roadmap when absent. */
  source?: string;
  status?: string;
  statusSource?: string;
  verified?: boolean;
}

export interface EventRow {
  id: string;
  sortOrder: number;
  timelineYear: number;
  title: string;
  kind: EventKind;
  /** The roadmap's line; null for an event after the roadmap. */
  roadmapText: string | null;
  startDate: string;
  startPrecision: DatePrecision;
  endDate: string | null;
  endPrecision: DatePrecision | null;
  spanStart: string;
  spanEnd: string;
  location: string | null;
  format: EventFormat | null;
  hostEconomyCode: string | null;
  partOfId: string | null;
  note: string | null;
  datesSourceId: string;
  locationSourceId: string | null;
  sourceId: string;
  status: EventStatus;
  statusSourceId: string | null;
  /** Checked by the project's research: true (primary sources), false (a fact rests on a secondary one); null: not checked. */
  verified: boolean | null;
}

export interface RoadmapRows {
  tracks: Array<{ id: string; sortOrder: number; name: string; title: string; roadmapText: string; sourceId: string }>;
  events: EventRow[];
  eventTracks: Array<{ eventId: string; trackId: string; position: number; sourceId: string }>;
  organisers: Array<{
    eventId: string;
    agencyId: string;
    role: EventOrganiserRole;
    position: number;
    sourceId: string;
  }>;
  actionLines: Array<{ eventId: string; actionLineCode: string; position: number; sourceId: string }>;
  expectations: Array<{
    eventId: string;
    position: number;
    section: string;
    label: string | null;
    text: string;
    sourceId: string;
  }>;
}

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ISO3 = /^[A-Z]{3}$/;

function oneOf<T extends string>(values: Record<string, T>, value: string, where: string): T {
  const found = Object.values(values).find((v) => v === value);
  if (!found) throw new Error(`${where}: ${JSON.stringify(value)} is not one of ${Object.values(values).join(", ")}`);
  return found;
}

export function sourceId(key: string, where: string): string {
  if (!isSourceKey(key)) throw new Error(`${where}: unknown source ${JSON.stringify(key)} (see src/seed/sources.ts)`);
  return SOURCES[key].id;
}

/** What the rows of one event are checked against: the tracks, the events listed before it, the other subgraphs' codes. */
export interface EventContext {
  trackIds: ReadonlySet<string>;
  eventIds: Set<string>;
  known: { agencyIds: ReadonlySet<string>; actionLineCodes: readonly string[]; economyCodes: ReadonlySet<string> };
}

/**
 * Adds the rows of one event (the event, its tracks, organisers and action lines) at `sortOrder`, refusing impossible
 * dates, an end before the start, a place without a source, unknown agencies, action lines, economies, tracks, events
 * or sources. The event's own record comes from `e.source` (the roadmap when absent), its status from `e.status`
 * (SCHEDULED when absent) and the source that states it.
 */
export function addEvent(rows: RoadmapRows, e: EventEntry, sortOrder: number, context: EventContext): void {
  const { known } = context;
  const where = `event ${e.id}`;
  if (!SLUG.test(e.id)) throw new Error(`${where}: id is not a slug`);
  if (context.eventIds.has(e.id)) throw new Error(`${where}: duplicate id`);
  if (e.partOf !== undefined && !context.eventIds.has(e.partOf))
    throw new Error(`${where}: partOf ${e.partOf} must be listed before it`);
  context.eventIds.add(e.id);
  const start = parsePartialDate(String(e.start));
  if (!start) throw new Error(`${where}: start ${JSON.stringify(e.start)} is not yyyy, yyyy-mm or yyyy-mm-dd`);
  const end = e.end === undefined ? null : parsePartialDate(String(e.end));
  if (e.end !== undefined && !end)
    throw new Error(`${where}: end ${JSON.stringify(e.end)} is not yyyy, yyyy-mm or yyyy-mm-dd`);
  const span = spanOf(start, end);
  if (span.firstDay > span.lastDay) throw new Error(`${where}: ends before it starts`);
  if (start.year !== e.timelineYear)
    throw new Error(`${where}: starts in ${start.year}, listed under ${e.timelineYear}`);
  const hasPlace = e.location !== undefined || e.format !== undefined || e.hostEconomy !== undefined;
  if (hasPlace && e.locationSource === undefined)
    throw new Error(`${where}: location, format or host without locationSource`);
  if (e.hostEconomy !== undefined && !(ISO3.test(e.hostEconomy) && known.economyCodes.has(e.hostEconomy))) {
    throw new Error(
      `${where}: hostEconomy ${e.hostEconomy} is not a known ISO 3166 alpha-3 code (see data/known-codes.json)`,
    );
  }
  const status = e.status === undefined ? EventStatus.SCHEDULED : oneOf(EventStatus, e.status, `${where} status`);
  if (status === EventStatus.CANCELLED)
    throw new Error(`${where}: only an organising agency cancels an event (with its reason)`);
  if ((status === EventStatus.SCHEDULED) !== (e.statusSource === undefined)) {
    throw new Error(`${where}: a status other than SCHEDULED needs its statusSource, and only such a status has one`);
  }
  const recordSource = e.source === undefined ? SOURCES.roadmap.id : sourceId(e.source, `${where} source`);

  rows.events.push({
    id: e.id,
    sortOrder,
    timelineYear: e.timelineYear,
    title: e.title,
    kind: oneOf(EventKind, e.kind, `${where} kind`),
    roadmapText: e.roadmapText ?? null,
    startDate: start.value,
    startPrecision: start.precision,
    endDate: end?.value ?? null,
    endPrecision: end?.precision ?? null,
    spanStart: span.firstDay,
    spanEnd: span.lastDay,
    location: e.location ?? null,
    format: e.format === undefined ? null : oneOf(EventFormat, e.format, `${where} format`),
    hostEconomyCode: e.hostEconomy ?? null,
    partOfId: e.partOf ?? null,
    note: e.note ?? null,
    datesSourceId: sourceId(e.datesSource, `${where} datesSource`),
    locationSourceId: e.locationSource === undefined ? null : sourceId(e.locationSource, `${where} locationSource`),
    sourceId: recordSource,
    status,
    statusSourceId: e.statusSource === undefined ? null : sourceId(e.statusSource, `${where} statusSource`),
    verified: e.verified ?? null,
  });

  e.tracks.forEach((trackId, p) => {
    if (!context.trackIds.has(trackId)) throw new Error(`${where}: unknown track ${trackId}`);
    rows.eventTracks.push({ eventId: e.id, trackId, position: p + 1, sourceId: recordSource });
  });
  e.organisers.forEach((o, p) => {
    if (!known.agencyIds.has(o.agency))
      throw new Error(`${where}: unknown agency ${o.agency} (see data/known-codes.json)`);
    rows.organisers.push({
      eventId: e.id,
      agencyId: o.agency,
      role: oneOf(EventOrganiserRole, o.role, `${where} organiser role`),
      position: p + 1,
      sourceId: sourceId(o.source, `${where} organiser ${o.agency}`),
    });
  });
  const codes = e.actionLines === "all" ? known.actionLineCodes : (e.actionLines ?? []);
  codes.forEach((code, p) => {
    if (!known.actionLineCodes.includes(code)) throw new Error(`${where}: unknown action line ${code}`);
    rows.actionLines.push({ eventId: e.id, actionLineCode: code, position: p + 1, sourceId: recordSource });
  });
}
