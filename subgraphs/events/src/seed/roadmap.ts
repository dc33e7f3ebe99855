import { addAfterRoadmap } from "./after-2025";
import { addEvent, SLUG, type EventContext, type EventEntry, type RoadmapRows } from "./event-rows";
import { SOURCES } from "./sources";

export type { EventRow, RoadmapRows } from "./event-rows";

/** The shape of data/roadmap.yaml (see the comment at its top). */
interface RoadmapFile {
  tracks: Array<{ id: string; name: string; title: string; roadmapText: string }>;
  events: EventEntry[];
}

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

/**
 * Turns data/roadmap.yaml into rows, refusing anything that would put invented or unchecked data in the database:
 * text that is not the roadmap's, impossible dates, an end before the start, unknown agencies, action lines, host
 * economies, tracks or sources, a location without a source. With `afterRoadmap` (data/after-2025.yaml), the
 * statuses of the roadmap's events that a public record states, and the events after the roadmap.
 */
export function roadmapRows(
  file: unknown,
  roadmapText: string,
  known: { agencyIds: ReadonlySet<string>; actionLineCodes: readonly string[]; economyCodes: ReadonlySet<string> },
  afterRoadmap?: unknown,
): RoadmapRows {
  const data = file as RoadmapFile;
  const verbatim = verbatimChecker(roadmapText);
  const roadmapSource = SOURCES.roadmap.id;
  const rows: RoadmapRows = {
    tracks: [],
    events: [],
    eventTracks: [],
    organisers: [],
    actionLines: [],
    expectations: [],
  };

  data.tracks.forEach((t, i) => {
    const where = `track ${t.id}`;
    if (!SLUG.test(t.id)) throw new Error(`${where}: id is not a slug`);
    verbatim(t.title, `${where} title`);
    verbatim(t.roadmapText, `${where} roadmapText`);
    rows.tracks.push({
      id: t.id,
      sortOrder: i + 1,
      name: t.name,
      title: t.title,
      roadmapText: t.roadmapText,
      sourceId: roadmapSource,
    });
  });
  const context: EventContext = { trackIds: new Set(rows.tracks.map((t) => t.id)), eventIds: new Set<string>(), known };
  data.events.forEach((e, i) => {
    if (e.roadmapText === undefined) throw new Error(`event ${e.id}: roadmapText is missing`);
    verbatim(e.roadmapText, `event ${e.id} roadmapText`);
    addEvent(rows, e, i + 1, context);
    (e.expectations ?? []).forEach((x, p) => {
      verbatim(x.text, `event ${e.id} expectation ${p + 1}`);
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
  if (afterRoadmap !== undefined) addAfterRoadmap(rows, afterRoadmap, context);
  return rows;
}
