import { type DatePrecision, parsePartialDate, spanOf } from "../dates";
import { EventFormat, EventKind, EventOrganiserRole } from "../event/event.enums";
import { isSourceKey, SOURCES } from "./sources";

/** The shape of data/roadmap.yaml (see the comment at its top). */
interface RoadmapFile {
  tracks: Array<{ id: string; name: string; title: string; roadmapText: string }>;
  events: RoadmapEventEntry[];
}

interface RoadmapEventEntry {
  id: string;
  timelineYear: number;
  roadmapText: string;
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
}

export interface EventRow {
  id: string;
  sortOrder: number;
  timelineYear: number;
  title: string;
  kind: EventKind;
  roadmapText: string;
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
}

export interface RoadmapRows {
  tracks: Array<{ id: string; sortOrder: number; name: string; title: string; roadmapText: string; sourceId: string }>;
  events: EventRow[];
  eventTracks: Array<{ eventId: string; trackId: string; position: number; sourceId: string }>;
  organisers: Array<{ eventId: string; agencyId: string; role: EventOrganiserRole; position: number; sourceId: string }>;
  actionLines: Array<{ eventId: string; actionLineCode: string; position: number; sourceId: string }>;
  expectations: Array<{ eventId: string; position: number; section: string; label: string | null; text: string; sourceId: string }>;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ISO3 = /^[A-Z]{3}$/;

/** Word-processing artefacts of the seed text that are not its wording. */
const ARTEFACTS = /\[bookmark: [^\]]*\]/g;

/** Every line of `text` must occur verbatim in the roadmap (bullets and Word bookmarks aside). */
export function verbatimChecker(roadmap: string): (text: string, where: string) => void {
  const source = roadmap.replace(ARTEFACTS, "");
  return (text, where) => {
    for (const line of text.split("\n")) {
      if (line.trim() === "" || !source.includes(line)) {
        throw new Error(`${where}: ${JSON.stringify(line)} is not verbatim in the roadmap`);
      }
    }
  };
}

function oneOf<T extends string>(values: Record<string, T>, value: string, where: string): T {
  const found = Object.values(values).find((v) => v === value);
  if (!found) throw new Error(`${where}: ${JSON.stringify(value)} is not one of ${Object.values(values).join(", ")}`);
  return found;
}

function sourceId(key: string, where: string): string {
  if (!isSourceKey(key)) throw new Error(`${where}: unknown source ${JSON.stringify(key)} (see src/seed/sources.ts)`);
  return SOURCES[key].id;
}

/**
 * Turns data/roadmap.yaml into rows, refusing anything that would put invented or unchecked data in the database:
 * text that is not the roadmap's, impossible dates, an end before the start, unknown agencies, action lines, host
 * economies, tracks or sources, a location without a source.
 */
export function roadmapRows(
  file: unknown,
  roadmapText: string,
  known: { agencyIds: ReadonlySet<string>; actionLineCodes: readonly string[]; economyCodes: ReadonlySet<string> },
): RoadmapRows {
  const data = file as RoadmapFile;
  const verbatim = verbatimChecker(roadmapText);
  const roadmapSource = SOURCES.roadmap.id;
  const rows: RoadmapRows = { tracks: [], events: [], eventTracks: [], organisers: [], actionLines: [], expectations: [] };

  data.tracks.forEach((t, i) => {
    const where = `track ${t.id}`;
    if (!SLUG.test(t.id)) throw new Error(`${where}: id is not a slug`);
    verbatim(t.title, `${where} title`);
    verbatim(t.roadmapText, `${where} roadmapText`);
    rows.tracks.push({ id: t.id, sortOrder: i + 1, name: t.name, title: t.title, roadmapText: t.roadmapText, sourceId: roadmapSource });
  });
  const trackIds = new Set(rows.tracks.map((t) => t.id));
  const eventIds = new Set<string>();

  data.events.forEach((e, i) => {
    const where = `event ${e.id}`;
    if (!SLUG.test(e.id)) throw new Error(`${where}: id is not a slug`);
    if (eventIds.has(e.id)) throw new Error(`${where}: duplicate id`);
    if (e.partOf !== undefined && !eventIds.has(e.partOf)) throw new Error(`${where}: partOf ${e.partOf} must be listed before it`);
    eventIds.add(e.id);
    verbatim(e.roadmapText, `${where} roadmapText`);
    const start = parsePartialDate(String(e.start));
    if (!start) throw new Error(`${where}: start ${JSON.stringify(e.start)} is not yyyy, yyyy-mm or yyyy-mm-dd`);
    const end = e.end === undefined ? null : parsePartialDate(String(e.end));
    if (e.end !== undefined && !end) throw new Error(`${where}: end ${JSON.stringify(e.end)} is not yyyy, yyyy-mm or yyyy-mm-dd`);
    const span = spanOf(start, end);
    if (span.firstDay > span.lastDay) throw new Error(`${where}: ends before it starts`);
    if (start.year !== e.timelineYear) throw new Error(`${where}: starts in ${start.year}, listed under ${e.timelineYear}`);
    const hasPlace = e.location !== undefined || e.format !== undefined || e.hostEconomy !== undefined;
    if (hasPlace && e.locationSource === undefined) throw new Error(`${where}: location, format or host without locationSource`);
    if (e.hostEconomy !== undefined && !(ISO3.test(e.hostEconomy) && known.economyCodes.has(e.hostEconomy))) {
      throw new Error(`${where}: hostEconomy ${e.hostEconomy} is not a known ISO 3166 alpha-3 code (see data/known-codes.json)`);
    }

    rows.events.push({
      id: e.id,
      sortOrder: i + 1,
      timelineYear: e.timelineYear,
      title: e.title,
      kind: oneOf(EventKind, e.kind, `${where} kind`),
      roadmapText: e.roadmapText,
      startDate: start.date,
      startPrecision: start.precision,
      endDate: end?.date ?? null,
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
      sourceId: roadmapSource,
    });

    e.tracks.forEach((trackId, p) => {
      if (!trackIds.has(trackId)) throw new Error(`${where}: unknown track ${trackId}`);
      rows.eventTracks.push({ eventId: e.id, trackId, position: p + 1, sourceId: roadmapSource });
    });
    e.organisers.forEach((o, p) => {
      if (!known.agencyIds.has(o.agency)) throw new Error(`${where}: unknown agency ${o.agency} (see data/known-codes.json)`);
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
      rows.actionLines.push({ eventId: e.id, actionLineCode: code, position: p + 1, sourceId: roadmapSource });
    });
    (e.expectations ?? []).forEach((x, p) => {
      verbatim(x.text, `${where} expectation ${p + 1}`);
      rows.expectations.push({
        eventId: e.id,
        position: p + 1,
        section: x.section,
        label: x.label === undefined ? null : String(x.label),
        text: x.text,
        sourceId: roadmapSource,
      });
    });
  });
  return rows;
}
