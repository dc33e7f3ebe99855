import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import YAML from "yaml";
import { roadmapRows } from "../src/seed/roadmap";
import { readSeedRows } from "../src/seed/seed";
import { SOURCES } from "../src/seed/sources";

/**
 * data/after-2025.yaml against the research it comes from (data/events_after_2025.csv, the research's own file,
 * copied verbatim): the same events, flags, statuses and sources; dates never more precise than the research's.
 */
const read = (file: string) => readFileSync(path.join(__dirname, "../data", file), "utf8");
const research = parse(read("events_after_2025.csv"), { columns: true }) as Array<Record<string, string>>;
const after = () =>
  YAML.parse(read("after-2025.yaml")) as {
    statuses: Array<{ event: string; status: string; statusSource: string; research?: string }>;
    events: Array<
      Record<string, unknown> & {
        id: string;
        research: string;
        start: string;
        end?: string;
        status?: string;
        verified: boolean;
        source: string;
        note: string;
      }
    >;
  };
const urlOf = (key: string) => (SOURCES as Record<string, { url: string | null }>)[key].url;
const row = (id: string) => {
  const found = research.find((r) => r.id === id);
  if (!found) throw new Error(`no research row ${id}`);
  return found;
};

describe("the events after the roadmap are the research's", () => {
  it("takes every research row once: as an event after the roadmap, or as the status of the roadmap's own event", () => {
    const used = [
      ...after().events.map((e) => e.research),
      ...after().statuses.flatMap((s) => (s.research ? [s.research] : [])),
    ];
    expect([...used].sort()).toEqual(research.map((r) => r.id).sort());
  });

  it("keeps each event's verification flag and source, and its status (UNKNOWN and PLANNED stay SCHEDULED)", () => {
    for (const e of after().events) {
      const r = row(e.research);
      expect([e.id, e.verified]).toEqual([e.id, r.verified === "true"]);
      expect([e.id, urlOf(e.source)]).toEqual([e.id, r.source_url]);
      expect([e.id, e.status ?? "SCHEDULED"]).toEqual([e.id, r.status === "HELD" ? "HELD" : "SCHEDULED"]);
    }
  });

  it("states dates no more precisely than the research, and says where a year is not a source's", () => {
    for (const e of after().events) {
      const r = row(e.research);
      if (r.start) expect([e.id, r.start.startsWith(e.start)]).toEqual([e.id, true]);
      else expect(e.note).toMatch(/not a source/);
      expect([e.id, e.end ?? ""]).toEqual([e.id, e.end === undefined ? "" : r.end]);
    }
  });

  it("makes a roadmap event HELD only from a record that says it took place, verified by the research where it is its row", () => {
    for (const s of after().statuses) {
      expect(s.status).toBe("HELD");
      expect(urlOf(s.statusSource)).toMatch(/^https:\/\//);
      if (s.research)
        expect([s.event, row(s.research).status, row(s.research).verified]).toEqual([s.event, "HELD", "true"]);
    }
  });

  it("loads 25 roadmap events and 8 after it", () => {
    const rows = readSeedRows();
    expect(rows.events.filter((e) => e.roadmapText !== null)).toHaveLength(25);
    expect(rows.events.filter((e) => e.roadmapText === null).map((e) => [e.id, e.timelineYear])).toEqual([
      ["cstd-28", 2025],
      ["wsis-prizes-2025-ceremony", 2025],
      ["cstd-ips-2025-2026", 2025],
      ["ungis-cofacilitators-2025-11-17", 2025],
      ["ungis-side-event-2025-12-15", 2025],
      ["wsis-forum-2026", 2026],
      ["cstd-29", 2026],
      ["cstd-30", 2027],
    ]);
  });
});

describe("the seed refuses statuses and events after the roadmap that are not sourced", () => {
  const roadmap = read("itu-council-2022-wsis20-roadmap.txt");
  const known = {
    agencyIds: new Set(["ITU", "UNESCO", "UNDP", "UNCTAD", "UNGIS", "UNSC", "CSTD", "UNRC", "UNGA", "UNESCWA"]),
    actionLineCodes: ["C1", "C5", "C7", "C7.e-health"],
    economyCodes: new Set(["CHE", "RWA", "ROU", "ARE", "USA"]),
  };
  const rows = (file: unknown) => roadmapRows(YAML.parse(read("roadmap.yaml")), roadmap, known, file);

  it("accepts the shipped data", () => {
    expect(rows(after()).events).toHaveLength(33);
  });

  it.each([
    [
      "a status of an unknown event",
      (f: ReturnType<typeof after>) => (f.statuses[0].event = "wsis-forum-2099"),
      /not an event of the roadmap/,
    ],
    ["a cancellation", (f: ReturnType<typeof after>) => (f.statuses[0].status = "CANCELLED"), /not HELD or POSTPONED/],
    [
      "a status without its source",
      (f: ReturnType<typeof after>) => (f.statuses[0].statusSource = "my-memory"),
      /unknown source/,
    ],
    [
      "a HELD event without a status source",
      (f: ReturnType<typeof after>) => delete f.events[0].statusSource,
      /needs its statusSource/,
    ],
    [
      "a status source on a SCHEDULED event",
      (f: ReturnType<typeof after>) => (f.events[4].statusSource = "itu-ungis"),
      /needs its statusSource/,
    ],
    [
      "an event without its verification flag",
      (f: ReturnType<typeof after>) => delete (f.events[0] as Record<string, unknown>).verified,
      /verified flag/,
    ],
    [
      "an event that claims a roadmap line",
      (f: ReturnType<typeof after>) => (f.events[0].roadmapText = "WTDC"),
      /no roadmap line/,
    ],
    ["an impossible date", (f: ReturnType<typeof after>) => (f.events[2].start = "2025-11-31"), /start/],
  ])("refuses %s", (_what, change, error) => {
    const file = after();
    change(file);
    expect(() => rows(file)).toThrow(error);
  });
});
