import { readFileSync } from "node:fs";
import path from "node:path";
import type { TestSubgraph } from "@wsis/shared/testing";

// What the events integration tests share (events*.integration.test.ts): the roadmap text and its parser, the fields
// they read, and the events the subgraph serves.

/**
 * The expectations below are read from the roadmap text itself (data/itu-council-2022-wsis20-roadmap.txt, a copy of
 * the project's seed) by this file's own parser, or written out by hand; never from the seed code or roadmap.yaml.
 */
export const ROADMAP = readFileSync(path.join(__dirname, "../data/itu-council-2022-wsis20-roadmap.txt"), "utf8");
export const ROADMAP_SOURCE = "itu-council-2022-wsis20-roadmap";

/** The lines of the roadmap's "Timeline of relevant meetings and conferences", by year, bullets removed. */
export function timelineOfRoadmap(): Map<number, string[]> {
  const lines = ROADMAP.split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith("Timeline of relevant meetings and conferences"));
  const years = new Map<number, string[]>();
  let year: number | undefined;
  for (const raw of lines.slice(start + 1)) {
    const heading = /^\t(\d{4})\s*$/.exec(raw);
    if (heading) {
      year = Number(heading[1]);
      years.set(year, []);
      continue;
    }
    const text = raw.replace(/^\u00b7\s*/, "").trim();
    if (text && year !== undefined) years.get(year)!.push(text);
  }
  return years;
}

export const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
export const mm = (month: string) => String(MONTHS.indexOf(month) + 1).padStart(2, "0");
export const dd = (day: string) => day.padStart(2, "0");

/** What a roadmap line itself says of the dates: a day range, a month, or nothing (only its timeline year). */
export function datesInLine(line: string, year: number): { start: string; end: string | null } {
  const range = new RegExp(
    `(\\d{1,2})(?:st|nd|rd|th)? (${MONTHS.join("|")}) – (\\d{1,2})(?:st|nd|rd|th)? (${MONTHS.join("|")})`,
  ).exec(line);
  if (range)
    return { start: `${year}-${mm(range[2])}-${dd(range[1])}`, end: `${year}-${mm(range[4])}-${dd(range[3])}` };
  const month = new RegExp(`\\((${MONTHS.join("|")})\\)`).exec(line);
  if (month) return { start: `${year}-${mm(month[1])}`, end: null };
  return { start: String(year), end: null };
}

/** Dates the roadmap does not give, from public records (checked by hand): id → [start, end]. */
export const PUBLIC_DATES: Record<string, [string, string]> = {
  "wtdc-2022": ["2022-06-06", "2022-06-16"],
  "pp-2022": ["2022-09-26", "2022-10-14"],
  "wsis-forum-2023": ["2023-03-13", "2023-03-17"],
  "ra-2023": ["2023-11-13", "2023-11-17"],
  "wsis-forum-2024": ["2024-05-27", "2024-05-31"],
  "wsis-forum-2025": ["2025-07-07", "2025-07-11"],
  "unga-wsis20-hlm-2025": ["2025-12-16", "2025-12-17"],
};

export interface ServedEvent {
  id: string;
  title: string;
  kind: string;
  timelineYear: number;
  roadmapText: string | null;
  startDate: string;
  endDate: string | null;
  start: { date: string; precision: string; firstDay: string; lastDay: string };
  end: { date: string; precision: string } | null;
  firstDay: string;
  lastDay: string;
  location: string | null;
  hostEconomy: { code: string } | null;
  organisers: Array<{ id: string }>;
  organisations: Array<{ agency: { id: string }; role: string; source: { id: string; url: string | null } }>;
  actionLines: Array<{ code: string }>;
  tracks: Array<{ id: string }>;
  expectations: Array<{ label: string | null; section: string; text: string }>;
  datesSource: { id: string; url: string | null };
  locationSource: { id: string; url: string | null } | null;
  source: { id: string; title: string };
}

export const EVENT_FIELDS = `id title kind timelineYear roadmapText startDate endDate
  start { date precision firstDay lastDay } end { date precision } firstDay lastDay location hostEconomy { code }
  organisers { id } organisations { agency { id } role source { id url } } actionLines { code } tracks { id }
  expectations { label section text } datesSource { id url } locationSource { id url } source { id title }`;

export const ids = (events: Array<{ id: string }>) => events.map((e) => e.id);
/** The events after the roadmap (data/after-2025.yaml), read from that file by hand: id → timeline year. */
export const AFTER_ROADMAP: Record<string, number> = {
  "cstd-28": 2025,
  "wsis-prizes-2025-ceremony": 2025,
  "cstd-ips-2025-2026": 2025,
  "ungis-cofacilitators-2025-11-17": 2025,
  "ungis-side-event-2025-12-15": 2025,
  "wsis-forum-2026": 2026,
  "cstd-29": 2026,
  "cstd-30": 2027,
};

/** Every event the subgraph serves, with EVENT_FIELDS. */
export async function allEvents(sg: TestSubgraph<unknown>): Promise<ServedEvent[]> {
  const res = await sg.query<{ events: ServedEvent[] }>(`{ events { ${EVENT_FIELDS} } }`);
  expect(res.errors).toBeUndefined();
  return res.data!.events;
}
