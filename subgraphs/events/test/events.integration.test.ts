import { readFileSync } from "node:fs";
import path from "node:path";
import { startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { eventsModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";

/**
 * The expectations below are read from the roadmap text itself (data/itu-council-2022-wsis20-roadmap.txt, a copy of
 * the project's seed) by this file's own parser, or written out by hand; never from the seed code or roadmap.yaml.
 */
const ROADMAP = readFileSync(path.join(__dirname, "../data/itu-council-2022-wsis20-roadmap.txt"), "utf8");
const ROADMAP_SOURCE = "itu-council-2022-wsis20-roadmap";

/** The lines of the roadmap's "Timeline of relevant meetings and conferences", by year, bullets removed. */
function timelineOfRoadmap(): Map<number, string[]> {
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

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const mm = (month: string) => String(MONTHS.indexOf(month) + 1).padStart(2, "0");
const dd = (day: string) => day.padStart(2, "0");

/** What a roadmap line itself says of the dates: a day range, a month, or nothing (only its timeline year). */
function datesInLine(line: string, year: number): { start: string; end: string | null } {
  const range = new RegExp(`(\\d{1,2})(?:st|nd|rd|th)? (${MONTHS.join("|")}) – (\\d{1,2})(?:st|nd|rd|th)? (${MONTHS.join("|")})`).exec(line);
  if (range) return { start: `${year}-${mm(range[2])}-${dd(range[1])}`, end: `${year}-${mm(range[4])}-${dd(range[3])}` };
  const month = new RegExp(`\\((${MONTHS.join("|")})\\)`).exec(line);
  if (month) return { start: `${year}-${mm(month[1])}`, end: null };
  return { start: String(year), end: null };
}

/** Dates the roadmap does not give, from public records (checked by hand): id → [start, end]. */
const PUBLIC_DATES: Record<string, [string, string]> = {
  "wtdc-2022": ["2022-06-06", "2022-06-16"],
  "pp-2022": ["2022-09-26", "2022-10-14"],
  "wsis-forum-2023": ["2023-03-13", "2023-03-17"],
  "ra-2023": ["2023-11-13", "2023-11-17"],
  "wsis-forum-2024": ["2024-05-27", "2024-05-31"],
  "wsis-forum-2025": ["2025-07-07", "2025-07-11"],
  "unga-wsis20-hlm-2025": ["2025-12-16", "2025-12-17"],
};

interface ServedEvent {
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

const EVENT_FIELDS = `id title kind timelineYear roadmapText startDate endDate
  start { date precision firstDay lastDay } end { date precision } firstDay lastDay location hostEconomy { code }
  organisers { id } organisations { agency { id } role source { id url } } actionLines { code } tracks { id }
  expectations { label section text } datesSource { id url } locationSource { id url } source { id title }`;

let sg: TestSubgraph<SeedCounts>;
let all: ServedEvent[];

beforeAll(async () => {
  sg = await startTestSubgraph(eventsModule);
  const res = await sg.query<{ events: ServedEvent[] }>(`{ events { ${EVENT_FIELDS} } }`);
  expect(res.errors).toBeUndefined();
  all = res.data!.events;
});
afterAll(async () => {
  await sg?.stop();
});

const ids = (events: Array<{ id: string }>) => events.map((e) => e.id);
const byId = (id: string) => all.find((e) => e.id === id)!;
/** The roadmap's own events (the others are the events after it: after-2025.integration.test.ts). */
const roadmapEvents = () => all.filter((e) => e.roadmapText !== null);
/** The events after the roadmap (data/after-2025.yaml), read from that file by hand: id → timeline year. */
const AFTER_ROADMAP: Record<string, number> = {
  "cstd-28": 2025,
  "wsis-prizes-2025-ceremony": 2025,
  "cstd-ips-2025-2026": 2025,
  "ungis-cofacilitators-2025-11-17": 2025,
  "ungis-side-event-2025-12-15": 2025,
  "wsis-forum-2026": 2026,
  "cstd-29": 2026,
  "cstd-30": 2027,
};

describe("the roadmap's timeline, 2022–2025", () => {
  const timeline = timelineOfRoadmap();

  it("reads 25 timeline lines from the roadmap (8, 7, 6 and 4 per year)", () => {
    expect([...timeline.keys()]).toEqual([2022, 2023, 2024, 2025]);
    expect([...timeline.values()].map((l) => l.length)).toEqual([8, 7, 6, 4]);
    expect(timeline.get(2022)![0]).toBe("WSIS Forum 2022: 15 March – 3rd June");
    expect(timeline.get(2024)![4]).toBe("WTDC-24");
    expect(timeline.get(2025)![3]).toMatch(/^Submissions to the High-Level Political Forum 2025/);
  });

  it("serves every timeline line, verbatim, under its year and in the roadmap's order", async () => {
    const res = await sg.query<{ timeline: Array<{ year: number; events: Array<{ roadmapText: string; timelineYear: number }> }> }>(
      "{ timeline(fromYear: 2022, toYear: 2025) { year events { roadmapText timelineYear } } }",
    );
    expect(res.errors).toBeUndefined();
    const served = res.data!.timeline;
    expect(served.map((y) => y.year)).toEqual([2022, 2023, 2024, 2025]);
    for (const group of served) {
      // The roadmap's lines first, in its order; then the events after the roadmap listed under the same year.
      const lines = group.events.map((e) => e.roadmapText);
      const roadmapLines = timeline.get(group.year)!;
      expect(lines.slice(0, roadmapLines.length)).toEqual(roadmapLines);
      expect(lines.slice(roadmapLines.length)).toEqual(Object.values(AFTER_ROADMAP).filter((y) => y === group.year).map(() => null));
      expect(group.events.every((e) => e.timelineYear === group.year)).toBe(true);
    }
    expect(roadmapEvents()).toHaveLength(25);
    expect(all).toHaveLength(25 + Object.keys(AFTER_ROADMAP).length);
  });

  it("states dates only as precisely as the roadmap or a public record gives them", () => {
    for (const [year, lines] of timeline) {
      for (const line of lines) {
        const event = roadmapEvents().find((e) => e.timelineYear === year && e.roadmapText === line)!;
        const publicDates = PUBLIC_DATES[event.id];
        if (publicDates) {
          expect([event.id, event.startDate, event.endDate]).toEqual([event.id, ...publicDates]);
          expect(event.datesSource.id).not.toBe(ROADMAP_SOURCE);
          expect(event.datesSource.url).toMatch(/^https:\/\//);
        } else {
          const said = datesInLine(line, year);
          expect([event.id, event.startDate, event.endDate]).toEqual([event.id, said.start, said.end]);
          expect(event.datesSource.id).toBe(ROADMAP_SOURCE);
        }
      }
    }
    const precisions = Object.fromEntries(all.map((e) => [e.id, e.start.precision]));
    expect(precisions).toMatchObject({ "wsis-forum-2022": "DAY", "unsc-2022": "MONTH", "unsc-2024": "MONTH", "cstd-2022": "YEAR", "wtdc-2024": "YEAR" });
  });

  it("covers whole months and years for month and year precision, and the exact days otherwise", () => {
    expect(byId("unsc-2022")).toMatchObject({ firstDay: "2022-03-01", lastDay: "2022-03-31", end: null });
    expect(byId("cstd-2023")).toMatchObject({ firstDay: "2023-01-01", lastDay: "2023-12-31", end: null });
    expect(byId("wsis-forum-2022")).toMatchObject({
      firstDay: "2022-03-15",
      lastDay: "2022-06-03",
      start: { date: "2022-03-15", precision: "DAY", firstDay: "2022-03-15", lastDay: "2022-03-15" },
      end: { date: "2022-06-03", precision: "DAY" },
    });
  });

  it("keeps what the roadmap expects of the WSIS Forum 2022: deliverables i–iv, verbatim", () => {
    const deliverables = ROADMAP.split(/\r?\n/)
      .map((l) => /^(i|ii|iii|iv)\. (.*\S)\s*$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ label: m[1], text: m[2] }));
    expect(deliverables.map((d) => d.label)).toEqual(["i", "ii", "iii", "iv"]);
    const served = byId("wsis-forum-2022").expectations.filter((x) => x.label !== null);
    expect(served.map(({ label, text }) => ({ label, text }))).toEqual(deliverables);
    expect(byId("wsis-forum-2023").expectations[0].text).toBe(
      "Further discussions on the WSIS Action Lines capturing the emerging trends, opportunities and challenges",
    );
    for (const event of all) {
      for (const x of event.expectations) expect(ROADMAP).toContain(x.text);
    }
  });

  it("names the roadmap as the source of every roadmap event, with a clear title", () => {
    for (const event of roadmapEvents()) {
      expect(event.source.id).toBe(ROADMAP_SOURCE);
      expect(event.source.title).toMatch(/ITU Council 2022.*WSIS\+20 roadmap/);
      expect(event.location === null || event.locationSource !== null).toBe(true);
      for (const o of event.organisations) expect(o.source.id).toBeTruthy();
    }
  });

  it("names organisers only where a source says so", () => {
    expect(ids(byId("wsis-forum-2022").organisers)).toEqual(["ITU", "UNESCO", "UNDP", "UNCTAD"]);
    expect(byId("wsis-forum-2025").organisations.map((o) => [o.agency.id, o.role])).toEqual([
      ["ITU", "ORGANISER"],
      ["UNESCO", "CO_ORGANISER"],
      ["UNDP", "CO_ORGANISER"],
      ["UNCTAD", "CO_ORGANISER"],
    ]);
    expect(byId("ungis-meeting-2022").organisations.map((o) => [o.agency.id, o.role, o.source.id])).toEqual([
      ["UNGIS", "ORGANISER", ROADMAP_SOURCE],
      ["ITU", "CHAIR", ROADMAP_SOURCE],
    ]);
    expect(byId("hlpf-2023-submissions").organisers).toEqual([]);
    expect(byId("unsc-2022").organisers).toEqual([{ id: "UNSC" }]);
  });

  it("places events where a source says so, with the host economy", () => {
    expect(byId("wtdc-2022")).toMatchObject({ location: expect.stringContaining("Kigali"), hostEconomy: { code: "RWA" } });
    expect(byId("pp-2022").hostEconomy).toEqual({ code: "ROU" });
    expect(byId("unsc-2022")).toMatchObject({ location: null, hostEconomy: null, locationSource: null });
  });

  it("links only the WSIS Forum editions to action lines, to all of them", () => {
    const linked = all.filter((e) => e.actionLines.length > 0);
    expect(ids(linked)).toEqual(["wsis-forum-2022", "wsis-forum-2023", "wsis-forum-2024", "wsis-forum-2025"]);
    for (const event of linked) expect(event.actionLines).toHaveLength(19);
    expect(byId("wsis-forum-2024").actionLines.map((l) => l.code)).toEqual(expect.arrayContaining(["C1", "C7", "C7.e-health", "C11"]));
  });

  it("holds every roadmap track, quoting the roadmap", async () => {
    const res = await sg.query<{ roadmapTracks: Array<{ id: string; name: string; title: string; roadmapText: string; events: Array<{ id: string }> }> }>(
      "{ roadmapTracks { id name title roadmapText events { id } } }",
    );
    const tracks = res.data!.roadmapTracks;
    expect(tracks.map((t) => t.name)).toEqual([
      "WSIS Forum",
      "WTDC",
      "WSIS Stocktaking",
      "UN Agencies / UNGIS",
      "Alignment with the 2030 Agenda",
      "Partnership on Measuring ICT for Development",
      "WSIS Regional events",
      "WSIS Prizes",
      "WSIS+20 Reporting",
    ]);
    const roadmap = ROADMAP.replace(/\[bookmark: [^\]]*\]/g, "");
    for (const track of tracks) {
      expect(roadmap).toContain(`\u00b7 ${track.title}`);
      for (const line of track.roadmapText.split("\n")) expect(roadmap).toContain(line);
    }
    const events = Object.fromEntries(tracks.map((t) => [t.id, ids(t.events)]));
    expect(events["wsis-forum"]).toEqual(["wsis-forum-2022", "wsis-forum-2023", "wsis-forum-2024", "wsis-forum-2025", "wsis-forum-2026"]);
    expect(events.wtdc).toEqual(["wtdc-2022", "wtdc-2024"]);
    expect(events["wsis-stocktaking"]).toEqual([]);
  });

  it("links meetings held as part of the WSIS Forum", async () => {
    const res = await sg.query<{ event: { partOf: { id: string } | null; parts: Array<{ id: string }> } }>(
      '{ event(id: "wsis-forum-2022") { partOf { id } parts { id } } }',
    );
    expect(res.data!.event).toEqual({ partOf: null, parts: [{ id: "ungis-meeting-2022" }] });
  });
});

describe("filters", () => {
  const run = async (filter: string) => {
    const res = await sg.query<{ events: Array<{ id: string }> }>(`{ events(filter: ${filter}) { id } }`);
    expect(res.errors).toBeUndefined();
    return ids(res.data!.events);
  };

  it("answers the contract's example", async () => {
    expect(await run('{ year: 2025, kind: FORUM, actionLine: "C7.e-health", organiser: "ITU" }')).toEqual(["wsis-forum-2025"]);
  });

  it("filters by year, kind, track, organiser and action line", async () => {
    expect(await run("{ year: 2025 }")).toEqual(
      ids(all.filter((e) => e.firstDay <= "2025-12-31" && e.lastDay >= "2025-01-01")),
    );
    expect(await run("{ kind: CONFERENCE }")).toEqual(["wtdc-2022", "pp-2022", "wtdc-2024"]);
    expect(await run('{ track: "un-agencies" }')).toEqual(ids(all.filter((e) => e.tracks.some((t) => t.id === "un-agencies"))));
    expect(await run('{ organiser: "UNGIS" }')).toEqual(["ungis-meeting-2022", "ungis-meeting-2023", "ungis-meeting-2024", "ungis-cofacilitators-2025-11-17"]);
    expect(await run('{ organiser: "ITU", kind: ASSEMBLY }')).toEqual(["ra-2023"]);
    expect(await run('{ actionLine: "C5" }')).toEqual(["wsis-forum-2022", "wsis-forum-2023", "wsis-forum-2024", "wsis-forum-2025"]);
  });

  it("returns an empty list, not an error, for a known agency or action line without events", async () => {
    expect(await run('{ organiser: "WHO" }')).toEqual([]);
    expect(await run('{ organiser: "ITU", kind: HIGH_LEVEL_MEETING }')).toEqual([]);
  });

  it.each([
    ["2022-06", "2022-06"],
    ["2022-06-04", "2022-09-30"],
    ["2024", "2025-06"],
    ["2025-12-17", "2025-12-17"],
  ])("from %s to %s: exactly the events whose days overlap", async (from, to) => {
    const first = from.length === 4 ? `${from}-01-01` : from.length === 7 ? `${from}-01` : from;
    const lastOf = (t: string) => {
      if (t.length === 4) return `${t}-12-31`;
      if (t.length === 7) {
        const [y, m] = t.split("-").map(Number);
        return `${t}-${new Date(Date.UTC(y, m, 0)).getUTCDate()}`;
      }
      return t;
    };
    const expected = all.filter((e) => e.lastDay >= first && e.firstDay <= lastOf(to));
    expect(expected.length).toBeGreaterThan(0);
    expect(await run(`{ from: "${from}", to: "${to}" }`)).toEqual(ids(expected));
  });

  it("lists events in date order", () => {
    const days = all.map((e) => e.firstDay);
    expect(days).toEqual([...days].sort());
  });
});

describe("reverse links and entity references", () => {
  it("serves ActionLine.events for the contract's C7.e-health", async () => {
    const res = await sg.query<{ _entities: Array<{ events: Array<{ id: string; title: string; startDate: string }> }> }>(
      'query { _entities(representations: [{ __typename: "ActionLine", code: "C7.e-health" }, { __typename: "ActionLine", code: "C99" }]) { ... on ActionLine { events { id title startDate } } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities[0].events).toEqual([
      { id: "wsis-forum-2022", title: "WSIS Forum 2022", startDate: "2022-03-15" },
      { id: "wsis-forum-2023", title: "WSIS Forum 2023", startDate: "2023-03-13" },
      { id: "wsis-forum-2024", title: "WSIS+20 High-level Event (WSIS Forum 2024)", startDate: "2024-05-27" },
      { id: "wsis-forum-2025", title: "WSIS Forum 2025", startDate: "2025-07-07" },
    ]);
    expect(res.data!._entities[1].events).toEqual([]);
  });

  it("serves Agency.events (organised, co-organised or chaired) and the roles", async () => {
    const res = await sg.query<{ _entities: Array<{ id: string; events: Array<{ id: string }>; eventRoles: Array<{ role: string; event: { id: string } }> }> }>(
      'query { _entities(representations: [{ __typename: "Agency", id: "ITU" }, { __typename: "Agency", id: "UNESCO" }]) { ... on Agency { id events { id } eventRoles { role event { id } } } } }',
    );
    const [itu, unesco] = res.data!._entities;
    expect(ids(itu.events)).toEqual(ids(all.filter((e) => e.organisers.some((o) => o.id === "ITU"))));
    expect(itu.eventRoles.find((r) => r.event.id === "ungis-meeting-2023")?.role).toBe("CHAIR");
    expect(ids(unesco.events)).toEqual(["wsis-forum-2022", "wsis-forum-2023", "wsis-forum-2024", "wsis-forum-2025", "ungis-side-event-2025-12-15"]);
  });

  it("serves Economy.events (held there)", async () => {
    const res = await sg.query<{ _entities: Array<{ events: Array<{ id: string }> }> }>(
      'query { _entities(representations: [{ __typename: "Economy", code: "CHE" }, { __typename: "Economy", code: "ARE" }]) { ... on Economy { events { id } } } }',
    );
    expect(res.data!._entities.map((e) => ids(e.events))).toEqual([
      // In date order: the ceremony, known to the month (July 2025), covers from 1 July.
      ["wsis-forum-2022", "wsis-forum-2023", "wsis-forum-2024", "wsis-prizes-2025-ceremony", "wsis-forum-2025", "cstd-ips-2025-2026", "ungis-cofacilitators-2025-11-17"],
      ["ra-2023"],
    ]);
  });

  it("resolves Event and RoadmapTrack references, null for unknown ids", async () => {
    const res = await sg.query<{ _entities: Array<{ id: string } | null> }>(
      'query { _entities(representations: [{ __typename: "Event", id: "wtdc-2022" }, { __typename: "Event", id: "wsis-forum-2099" }, { __typename: "RoadmapTrack", id: "wsis-prizes" }]) { ... on Event { id title } ... on RoadmapTrack { id name } } }',
    );
    expect(res.data!._entities).toEqual([
      { id: "wtdc-2022", title: "World Telecommunication Development Conference 2022 (WTDC-22)" },
      null,
      { id: "wsis-prizes", name: "WSIS Prizes" },
    ]);
  });
});

describe("pages", () => {
  it("walks every event in date order, seven at a time", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 10; page += 1) {
      const res: Awaited<ReturnType<typeof sg.query<{ eventConnection: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number } }>>> =
        await sg.query("query($after: String) { eventConnection(first: 7, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } totalCount } }", { after });
      const c = res.data!.eventConnection;
      total = c.totalCount;
      seen.push(...c.edges.map((e) => e.node.id));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(total).toBe(33);
    expect(seen).toEqual(ids(all));
  });

  it("pages through a filtered list and counts it", async () => {
    const res = await sg.query<{ eventConnection: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean }; totalCount: number } }>(
      '{ eventConnection(first: 2, filter: { kind: FORUM }) { edges { node { id } } pageInfo { hasNextPage } totalCount } }',
    );
    expect(res.data!.eventConnection).toEqual({
      edges: [{ node: { id: "wsis-forum-2022" } }, { node: { id: "wsis-forum-2023" } }],
      pageInfo: { hasNextPage: true },
      totalCount: 5,
    });
  });
});

describe("lookups and bad input", () => {
  const badInput = async (query: string, argumentName: string, mentions: string[]) => {
    const res = await sg.query(query);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName });
    for (const text of mentions) expect(res.errors![0].message).toContain(text);
    expect(JSON.stringify(res.errors)).not.toMatch(/stack|at .*\.ts|SELECT/);
  };

  it("returns null, without an error, for a well-formed unknown event or track", async () => {
    const res = await sg.query('{ event(id: "wsis-forum-2099") { id } roadmapTrack(id: "no-such-track") { id } }');
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ event: null, roadmapTrack: null });
  });

  it.each([
    ['{ events(filter: { organiser: "ACME" }) { id } }', "filter.organiser", ['"filter.organiser"', '"ACME"', "unknown agency"]],
    ['{ events(filter: { actionLine: "C12" }) { id } }', "filter.actionLine", ['"filter.actionLine"', '"C12"', "unknown action-line"]],
    ['{ events(filter: { track: "wsis-olympics" }) { id } }', "filter.track", ['"filter.track"', '"wsis-olympics"', "unknown roadmap track"]],
    ['{ events(filter: { actionLine: "C5; drop table event" }) { id } }', "filter.actionLine", ["invalid value"]],
    ['{ events(filter: { from: "2025-07", to: "2025-06-30" }) { id } }', "filter.from", ['"filter.from"', '"filter.to"', "after"]],
    ['{ events(filter: { from: "2025-02-30" }) { id } }', "filter.from", ['"2025-02-30"']],
    ['{ events(filter: { to: "next year" }) { id } }', "filter.to", ['"next year"']],
    ['{ events(filter: { from: "2025/01/01" }) { id } }', "filter.from", ['"2025/01/01"']],
    ["{ events(filter: { year: 20250 }) { id } }", "filter.year", ["20250"]],
    ['{ eventConnection(first: 1, filter: { organiser: "ACME" }) { totalCount } }', "filter.organiser", ['"ACME"']],
    ["{ timeline(fromYear: 2025, toYear: 2022) { year } }", "fromYear", ['"fromYear"', '"toYear"']],
    ['{ event(id: "WSIS Forum 2025") { id } }', "id", ['"id"']],
    ["{ eventConnection(first: 0) { totalCount } }", "first", ['"first"']],
    ["{ eventConnection(first: 101) { totalCount } }", "first", ["100"]],
    ['{ eventConnection(after: "bm90LWEtY3Vyc29y") { totalCount } }', "after", ['"after"']],
  ])("rejects %s", async (query, argumentName, mentions) => {
    await badInput(query, argumentName, mentions);
  });

  it("names every unknown code at once", async () => {
    const res = await sg.query('{ events(filter: { organiser: "ACME", actionLine: "C12", track: "nope" }) { id } }');
    expect(res.errors![0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      invalidArguments: ["filter.organiser", "filter.actionLine", "filter.track"],
    });
    expect(res.errors![0].message).toMatch(/ACME.*C12.*nope/);
  });
});

describe("seed", () => {
  it("seeds idempotently: a second run writes nothing and duplicates nothing", async () => {
    const count = async () =>
      (await sg.dataSource.query(
        "SELECT (SELECT count(*) FROM event) + (SELECT count(*) FROM event_organiser) + (SELECT count(*) FROM roadmap_expectation) + (SELECT count(*) FROM event_action_line) AS n",
      ))[0].n;
    const before = await count();
    const again = await eventsModule.seed(sg.dataSource);
    expect(again.written).toBe(0);
    expect(again.events).toBe(33);
    expect(await count()).toBe(before);
    expect(sg.seedResult.written).toBeGreaterThan(200);
  });

  it("leaves no record without a source", async () => {
    const rows: Array<{ n: string }> = await sg.dataSource.query(`SELECT
      (SELECT count(*) FROM event WHERE source_id IS NULL OR dates_source_id IS NULL)
      + (SELECT count(*) FROM event WHERE (location IS NOT NULL OR host_economy_code IS NOT NULL) AND location_source_id IS NULL)
      + (SELECT count(*) FROM event_organiser WHERE source_id IS NULL)
      + (SELECT count(*) FROM roadmap_expectation WHERE source_id IS NULL) AS n`);
    expect(Number(rows[0].n)).toBe(0);
  });
});
