import { upsertRows, upsertSources } from "@wsis/shared";
import type { DataSource, EntityManager } from "typeorm";
import { knownCodes } from "../known/known-codes";
import { AFTER_ROADMAP_FILE, readText, readYaml, ROADMAP_FILE } from "./read-data";
import { roadmapRows } from "./roadmap";
import { SOURCES } from "./sources";

export interface SeedCounts {
  tracks: number;
  events: number;
  organisers: number;
  actionLineLinks: number;
  expectations: number;
  /** Rows inserted or changed by this run (0 on a second run). */
  written: number;
}

/**
 * Reads the shipped data files into rows, checking every reference and every quotation of the roadmap: the roadmap's
 * events (data/roadmap.yaml), then what became of them and the events after it (data/after-2025.yaml).
 */
export function readSeedRows() {
  const knownAgencies = knownCodes
    .codes("agency")
    .map((id) => ({ id, name: knownCodes.name("agency", id)!, sourceId: SOURCES.agencies.id }));
  const knownActionLines = knownCodes.codes("actionLine").map((code, i) => ({
    code,
    // A C7 sub-line ("C7.e-health") is part of C7, which the owner lists before it.
    parentCode: code.includes(".") ? code.slice(0, code.indexOf(".")) : null,
    sortOrder: i + 1,
    sourceId: SOURCES.actionLines.id,
  }));
  const roadmap = roadmapRows(
    readYaml("roadmap.yaml"),
    readText(ROADMAP_FILE),
    {
      agencyIds: new Set(knownAgencies.map((a) => a.id)),
      actionLineCodes: knownActionLines.map((l) => l.code),
      economyCodes: new Set(knownCodes.codes("economy")),
    },
    readYaml(AFTER_ROADMAP_FILE),
  );
  return { knownAgencies, knownActionLines, ...roadmap };
}

/**
 * Loads the roadmap and the events after it, idempotently, in one transaction: a second run changes nothing and
 * duplicates nothing. Events an organising agency changed through the hub (edited_at set) are left as the agency left
 * them, with their links and status.
 */
export async function seed(dataSource: DataSource): Promise<SeedCounts> {
  const all = readSeedRows();
  const written = await dataSource.transaction(async (m: EntityManager) => {
    const edited = new Set(
      ((await m.query(`SELECT id FROM event WHERE edited_at IS NOT NULL`)) as Array<{ id: string }>).map((r) => r.id),
    );
    const rows = {
      ...all,
      events: all.events.filter((r) => !edited.has(r.id)),
      eventTracks: all.eventTracks.filter((r) => !edited.has(r.eventId)),
      organisers: all.organisers.filter((r) => !edited.has(r.eventId)),
      actionLines: all.actionLines.filter((r) => !edited.has(r.eventId)),
    };
    let n = await upsertSources(m, Object.values(SOURCES));
    n += await upsertRows(m, {
      table: "known_agency",
      columns: ["id", "name", "source_id"],
      key: ["id"],
      rows: rows.knownAgencies,
      values: (r) => [r.id, r.name, r.sourceId],
    });
    // Parents first (C7 precedes its sub-lines).
    for (const parents of [true, false]) {
      n += await upsertRows(m, {
        table: "known_action_line",
        columns: ["code", "parent_code", "sort_order", "source_id"],
        key: ["code"],
        rows: rows.knownActionLines.filter((r) => (r.parentCode === null) === parents),
        values: (r) => [r.code, r.parentCode, r.sortOrder, r.sourceId],
      });
    }
    n += await upsertRows(m, {
      table: "roadmap_track",
      columns: ["id", "sort_order", "name", "title", "roadmap_text", "source_id"],
      key: ["id"],
      rows: rows.tracks,
      values: (r) => [r.id, r.sortOrder, r.name, r.title, r.roadmapText, r.sourceId],
    });
    n += await upsertRows(m, {
      table: "event",
      columns: [
        "id",
        "sort_order",
        "timeline_year",
        "title",
        "kind",
        "roadmap_text",
        "start_date",
        "start_precision",
        "end_date",
        "end_precision",
        "span_start",
        "span_end",
        "location",
        "format",
        "host_economy_code",
        "part_of_id",
        "note",
        "dates_source_id",
        "location_source_id",
        "source_id",
        "status",
        "status_source_id",
        "verified",
      ],
      key: ["id"],
      rows: rows.events,
      values: (r) => [
        r.id,
        r.sortOrder,
        r.timelineYear,
        r.title,
        r.kind,
        r.roadmapText,
        r.startDate,
        r.startPrecision,
        r.endDate,
        r.endPrecision,
        r.spanStart,
        r.spanEnd,
        r.location,
        r.format,
        r.hostEconomyCode,
        r.partOfId,
        r.note,
        r.datesSourceId,
        r.locationSourceId,
        r.sourceId,
        r.status,
        r.statusSourceId,
        r.verified,
      ],
    });
    n += await upsertRows(m, {
      table: "event_track",
      columns: ["event_id", "track_id", "position", "source_id"],
      key: ["event_id", "track_id"],
      rows: rows.eventTracks,
      values: (r) => [r.eventId, r.trackId, r.position, r.sourceId],
    });
    n += await upsertRows(m, {
      table: "event_organiser",
      columns: ["event_id", "agency_id", "role", "position", "source_id"],
      key: ["event_id", "agency_id"],
      rows: rows.organisers,
      values: (r) => [r.eventId, r.agencyId, r.role, r.position, r.sourceId],
    });
    n += await upsertRows(m, {
      table: "event_action_line",
      columns: ["event_id", "action_line_code", "position", "source_id"],
      key: ["event_id", "action_line_code"],
      rows: rows.actionLines,
      values: (r) => [r.eventId, r.actionLineCode, r.position, r.sourceId],
    });
    n += await upsertRows(m, {
      table: "roadmap_expectation",
      columns: ["event_id", "position", "section", "label", "text", "source_id"],
      key: ["event_id", "position"],
      rows: rows.expectations,
      values: (r) => [r.eventId, r.position, r.section, r.label, r.text, r.sourceId],
    });
    return n;
  });
  return {
    tracks: all.tracks.length,
    events: all.events.length,
    organisers: all.organisers.length,
    actionLineLinks: all.actionLines.length,
    expectations: all.expectations.length,
    written,
  };
}
