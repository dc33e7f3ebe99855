import { readFileSync } from "node:fs";
import path from "node:path";
import { startHub, type TestHub } from "./hub";

/** Queries that cross subgraphs, as the issues and the public contract state them, through the gateway. */
let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await hub?.stop();
});

describe("events across the graph", () => {
  it("lists the events that cover an action line", async () => {
    const res = await hub.query<{ actionLine: { events: Array<{ id: string; title: string; startDate: string }> } }>(
      '{ actionLine(code: "C7.e-health") { events { id title startDate } } }',
    );
    expect(res.errors).toBeUndefined();
    const ids = res.data!.actionLine.events.map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining(["wsis-forum-2022", "wsis-forum-2023", "wsis-forum-2025"]));
    for (const e of res.data!.actionLine.events) expect(e.startDate).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
  });

  it("returns the seed's timeline by year with organisers resolved in the action-lines subgraph", async () => {
    const res = await hub.query<{
      timeline: Array<{
        year: number;
        events: Array<{ title: string; kind: string; organisers: Array<{ id: string; name: string }> }>;
      }>;
    }>("{ timeline(fromYear: 2022, toYear: 2025) { year events { title kind organisers { id name } } } }");
    expect(res.errors).toBeUndefined();
    expect(res.data!.timeline.map((y) => y.year)).toEqual([2022, 2023, 2024, 2025]);
    const forum = res.data!.timeline[0].events.find((e) => e.title.startsWith("WSIS Forum 2022"))!;
    expect(forum.organisers.map((o) => o.name)).toContain("International Telecommunication Union");
  });

  it("walks from an agency to the events it organises", async () => {
    const res = await hub.query<{ agency: { events: Array<{ id: string }> } }>(
      '{ agency(id: "ITU") { events { id } } }',
    );
    expect(res.data!.agency.events.map((e) => e.id)).toContain("wsis-forum-2025");
  });

  it("rejects unknown filter codes and inverted ranges with BAD_USER_INPUT", async () => {
    const unknown = await hub.query('{ events(filter: { organiser: "NOBODY" }) { id } }');
    expect(unknown.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(unknown.errors![0].message).toContain("NOBODY");
    const inverted = await hub.query('{ events(filter: { from: "2025-01-01", to: "2024-01-01" }) { id } }');
    expect(inverted.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
  });
});

describe("reports across the graph", () => {
  it("shows one planned review per action line, with its coordinators", async () => {
    const res = await hub.query<{
      actionLines: Array<{
        code: string;
        parent: { code: string } | null;
        reports: Array<{ title: string; status: string; kind: string; coordinators: Array<{ id: string }> }>;
      }>;
    }>("{ actionLines { code parent { code } reports { title status kind coordinators { id } } } }");
    expect(res.errors).toBeUndefined();
    const topLevel = res.data!.actionLines.filter((l) => !l.parent);
    expect(topLevel).toHaveLength(11);
    for (const line of topLevel) {
      const reviews = line.reports.filter((r) => r.kind === "ACTION_LINE_REVIEW");
      expect(reviews).toHaveLength(1);
      expect(reviews[0].status).toBe("PLANNED");
      expect(reviews[0].coordinators.length).toBeGreaterThan(0);
    }
  });

  it("has no national review until a country submits one", async () => {
    const res = await hub.query<{ reports: { totalCount: number } }>(
      "{ reports(filter: { kind: NATIONAL_REVIEW }) { totalCount } }",
    );
    expect(res.data!.reports.totalCount).toBe(0);
  });

  it("rejects an unknown kind or status with BAD_USER_INPUT, inline or in a variable", async () => {
    const inline = await hub.query("{ reports(filter: { kind: PROGRESS }) { totalCount } }");
    expect(inline.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(inline.errors![0].message).toContain("PROGRESS");
    const variable = await hub.query("query($s: ReportStatus) { reports(filter: { status: $s }) { totalCount } }", {
      s: "DONE",
    });
    expect(variable.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
  });

  it("links reports to the events where they are prepared", async () => {
    const res = await hub.query<{ event: { reports: Array<{ id: string }> } }>(
      '{ event(id: "wsis-forum-2022") { reports { id } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.event.reports.map((r) => r.id)).toContain("wsis20-progress-report");
  });

  it("resolves report organisers, action lines and events without N+1", async () => {
    const q = "{ reports(first: 100) { edges { node { coordinators { name } actionLines { title } } } } }";
    const few = "{ reports(first: 2) { edges { node { coordinators { name } actionLines { title } } } } }";
    const many = await hub.countStatements(() => hub.query(q));
    const two = await hub.countStatements(() => hub.query(few));
    expect(many).toBe(two);
  });
});

describe("indicators across the graph", () => {
  it("crosses from an SDG indicator to the ICT indicators that measure it", async () => {
    const res = await hub.query<{ sdgIndicator: { ictIndicators: Array<{ code: string; name: string }> } }>(
      '{ sdgIndicator(code: "17.8.1") { title ictIndicators { code name } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.sdgIndicator.ictIndicators.map((i) => i.name)).toContain("Individuals using the Internet");
  });
});

describe("observations for dashboards", () => {
  const ii99 = readFileSync(path.resolve(__dirname, "../../subgraphs/indicators/data/unsd_sdg_it_use_ii99.csv"), "utf8")
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(",").map((field) => field.trim()));

  it("serves the 17.8.1 values of Kenya, India and Brazil, 2010–2022, exactly as the shipped file", async () => {
    const res = await hub.query<{
      observations: {
        totalCount: number;
        edges: Array<{
          node: { economy: { code: string }; year: number; valueText: string; breakdown: { sex: string | null } };
        }>;
      };
    }>(
      `{ observations(filter: { indicator: "internet_users_pct", economies: ["KEN", "IND", "BRA"], fromYear: 2010, toYear: 2022, dataset: "unsd-sdg-2023-12", allBreakdowns: true }, first: 1000) {
           totalCount edges { node { economy { code } year valueText breakdown { sex } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const m49 = { "404": "KEN", "356": "IND", "76": "BRA" } as Record<string, string>;
    // columns: age, geo_area, nature, sex, units, year, value
    const expected = ii99
      .filter(([, area, , , , year]) => area in m49 && Number(year) >= 2010 && Number(year) <= 2022)
      .map(([, area, , sex, , year, value]) => `${m49[area]}|${year}|${sex.toUpperCase()}|${value}`)
      .sort();
    const served = res
      .data!.observations.edges.map(
        ({ node }) => `${node.economy.code}|${node.year}|${node.breakdown.sex ?? "NOTSPEC"}|${node.valueText}`,
      )
      .sort();
    expect(expected.length).toBeGreaterThan(30);
    expect(served).toEqual(expected);
    expect(res.data!.observations.totalCount).toBe(expected.length);
  });

  it("gives the latest fixed-broadband value once per economy (the map view)", async () => {
    const res = await hub.query<{
      latestObservations: Array<{ economy: { code: string; name: string }; year: number; value: number }>;
    }>(
      '{ latestObservations(indicator: "fixed_broadband_per100", kind: COUNTRY) { economy { code name } year value } }',
    );
    expect(res.errors).toBeUndefined();
    const codes = res.data!.latestObservations.map((o) => o.economy.code);
    expect(codes.length).toBeGreaterThan(150);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("downloads an indicator as CSV, streamed from the public graph", async () => {
    const res = await fetch(`${hub.baseUrl}/downloads/internet_users_pct.csv?economies=KEN&from=2010&to=2012`);
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split(/\r?\n/);
    expect(lines.length).toBe(1 + 3);
    const meta = await fetch(`${hub.baseUrl}/downloads/internet_users_pct.json`);
    expect(meta.status).toBe(200);
    const metadata = (await meta.json()) as {
      unit: string;
      linkedData: { sdgIndicators: unknown[]; economies: Array<{ code: string; iri: string | null }> };
    };
    expect(metadata).toMatchObject({ unit: expect.any(String) });
    // The UN linked-data IRIs, resolved across subgraphs (SdgIndicator.iri and its target's and goal's from action-lines).
    expect(metadata.linkedData.sdgIndicators).toEqual([
      {
        code: "17.8.1",
        iri: "http://metadata.un.org/sdg/C170801",
        target: { code: "17.8", iri: "http://metadata.un.org/sdg/17.8" },
        goal: { code: "17", iri: "http://metadata.un.org/sdg/17" },
      },
    ]);
    expect(metadata.linkedData.economies.find((e) => e.code === "KEN")?.iri).toBe(
      "http://metadata.un.org/sdg/codes/geoArea/404",
    );
    expect(metadata.linkedData.economies.find((e) => e.code === "XKX")?.iri).toBeNull();
    const unknown = await fetch(`${hub.baseUrl}/downloads/no_such_indicator.csv`);
    expect(unknown.status).toBe(404);
  });
});

describe("the calendar feed", () => {
  it("serves the roadmap as iCalendar, built from the public graph", async () => {
    const res = await fetch(`${hub.baseUrl}/events.ics?year=2025`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/calendar/);
    const text = await res.text();
    expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(text).toContain("UID:wsis-forum-2025@");
    expect(text).not.toContain("UID:wsis-forum-2022@");
  });

  it("names a bad parameter", async () => {
    const res = await fetch(`${hub.baseUrl}/events.ics?year=twenty`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("year");
  });
});
