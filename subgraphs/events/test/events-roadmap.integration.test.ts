import { subgraphForThisFile } from "@wsis/shared/testing";
import { eventsModule } from "../src/module";
import {
  AFTER_ROADMAP,
  allEvents,
  datesInLine,
  ids,
  PUBLIC_DATES,
  ROADMAP,
  ROADMAP_SOURCE,
  timelineOfRoadmap,
  type ServedEvent,
} from "./events.fixtures";

const sg = subgraphForThisFile(eventsModule);
let all: ServedEvent[];

beforeAll(async () => {
  all = await allEvents(sg);
});

const byId = (id: string) => all.find((e) => e.id === id)!;
/** The roadmap's own events (the others are the events after it: after-2025.integration.test.ts). */
const roadmapEvents = () => all.filter((e) => e.roadmapText !== null);

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
    const res = await sg.query<{
      timeline: Array<{ year: number; events: Array<{ roadmapText: string; timelineYear: number }> }>;
    }>("{ timeline(fromYear: 2022, toYear: 2025) { year events { roadmapText timelineYear } } }");
    expect(res.errors).toBeUndefined();
    const served = res.data!.timeline;
    expect(served.map((y) => y.year)).toEqual([2022, 2023, 2024, 2025]);
    for (const group of served) {
      // The roadmap's lines first, in its order; then the events after the roadmap listed under the same year.
      const lines = group.events.map((e) => e.roadmapText);
      const roadmapLines = timeline.get(group.year)!;
      expect(lines.slice(0, roadmapLines.length)).toEqual(roadmapLines);
      expect(lines.slice(roadmapLines.length)).toEqual(
        Object.values(AFTER_ROADMAP)
          .filter((y) => y === group.year)
          .map(() => null),
      );
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
    expect(precisions).toMatchObject({
      "wsis-forum-2022": "DAY",
      "unsc-2022": "MONTH",
      "unsc-2024": "MONTH",
      "cstd-2022": "YEAR",
      "wtdc-2024": "YEAR",
    });
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
    expect(byId("wtdc-2022")).toMatchObject({
      location: expect.stringContaining("Kigali"),
      hostEconomy: { code: "RWA" },
    });
    expect(byId("pp-2022").hostEconomy).toEqual({ code: "ROU" });
    expect(byId("unsc-2022")).toMatchObject({ location: null, hostEconomy: null, locationSource: null });
  });

  it("links only the WSIS Forum editions to action lines, to all of them", () => {
    const linked = all.filter((e) => e.actionLines.length > 0);
    expect(ids(linked)).toEqual(["wsis-forum-2022", "wsis-forum-2023", "wsis-forum-2024", "wsis-forum-2025"]);
    for (const event of linked) expect(event.actionLines).toHaveLength(19);
    expect(byId("wsis-forum-2024").actionLines.map((l) => l.code)).toEqual(
      expect.arrayContaining(["C1", "C7", "C7.e-health", "C11"]),
    );
  });

  it("holds every roadmap track, quoting the roadmap", async () => {
    const res = await sg.query<{
      roadmapTracks: Array<{
        id: string;
        name: string;
        title: string;
        roadmapText: string;
        events: Array<{ id: string }>;
      }>;
    }>("{ roadmapTracks { id name title roadmapText events { id } } }");
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
    expect(events["wsis-forum"]).toEqual([
      "wsis-forum-2022",
      "wsis-forum-2023",
      "wsis-forum-2024",
      "wsis-forum-2025",
      "wsis-forum-2026",
    ]);
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
