import { subgraphForThisFile } from "@wsis/shared/testing";
import { eventsModule } from "../src/module";
import { allEvents, ids, type ServedEvent } from "./events.fixtures";

const sg = subgraphForThisFile(eventsModule);
let all: ServedEvent[];

beforeAll(async () => {
  all = await allEvents(sg);
});

describe("filters", () => {
  const run = async (filter: string) => {
    const res = await sg.query<{ events: Array<{ id: string }> }>(`{ events(filter: ${filter}) { id } }`);
    expect(res.errors).toBeUndefined();
    return ids(res.data!.events);
  };

  it("answers the contract's example", async () => {
    expect(await run('{ year: 2025, kind: FORUM, actionLine: "C7.e-health", organiser: "ITU" }')).toEqual([
      "wsis-forum-2025",
    ]);
  });

  it("filters by year, kind, track, organiser and action line", async () => {
    expect(await run("{ year: 2025 }")).toEqual(
      ids(all.filter((e) => e.firstDay <= "2025-12-31" && e.lastDay >= "2025-01-01")),
    );
    expect(await run("{ kind: CONFERENCE }")).toEqual(["wtdc-2022", "pp-2022", "wtdc-2024"]);
    expect(await run('{ track: "un-agencies" }')).toEqual(
      ids(all.filter((e) => e.tracks.some((t) => t.id === "un-agencies"))),
    );
    expect(await run('{ organiser: "UNGIS" }')).toEqual([
      "ungis-meeting-2022",
      "ungis-meeting-2023",
      "ungis-meeting-2024",
      "ungis-cofacilitators-2025-11-17",
    ]);
    expect(await run('{ organiser: "ITU", kind: ASSEMBLY }')).toEqual(["ra-2023"]);
    expect(await run('{ actionLine: "C5" }')).toEqual([
      "wsis-forum-2022",
      "wsis-forum-2023",
      "wsis-forum-2024",
      "wsis-forum-2025",
    ]);
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
    const res = await sg.query<{
      _entities: Array<{ events: Array<{ id: string; title: string; startDate: string }> }>;
    }>(
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
    const res = await sg.query<{
      _entities: Array<{
        id: string;
        events: Array<{ id: string }>;
        eventRoles: Array<{ role: string; event: { id: string } }>;
      }>;
    }>(
      'query { _entities(representations: [{ __typename: "Agency", id: "ITU" }, { __typename: "Agency", id: "UNESCO" }]) { ... on Agency { id events { id } eventRoles { role event { id } } } } }',
    );
    const [itu, unesco] = res.data!._entities;
    expect(ids(itu.events)).toEqual(ids(all.filter((e) => e.organisers.some((o) => o.id === "ITU"))));
    expect(itu.eventRoles.find((r) => r.event.id === "ungis-meeting-2023")?.role).toBe("CHAIR");
    expect(ids(unesco.events)).toEqual([
      "wsis-forum-2022",
      "wsis-forum-2023",
      "wsis-forum-2024",
      "wsis-forum-2025",
      "ungis-side-event-2025-12-15",
    ]);
  });

  it("serves Economy.events (held there)", async () => {
    const res = await sg.query<{ _entities: Array<{ events: Array<{ id: string }> }> }>(
      'query { _entities(representations: [{ __typename: "Economy", code: "CHE" }, { __typename: "Economy", code: "ARE" }]) { ... on Economy { events { id } } } }',
    );
    expect(res.data!._entities.map((e) => ids(e.events))).toEqual([
      // In date order: the ceremony, known to the month (July 2025), covers from 1 July.
      [
        "wsis-forum-2022",
        "wsis-forum-2023",
        "wsis-forum-2024",
        "wsis-prizes-2025-ceremony",
        "wsis-forum-2025",
        "cstd-ips-2025-2026",
        "ungis-cofacilitators-2025-11-17",
      ],
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
      const res: Awaited<
        ReturnType<
          typeof sg.query<{
            eventConnection: {
              edges: Array<{ node: { id: string } }>;
              pageInfo: { hasNextPage: boolean; endCursor: string | null };
              totalCount: number;
            };
          }>
        >
      > = await sg.query(
        "query($after: String) { eventConnection(first: 7, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } totalCount } }",
        { after },
      );
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
    const res = await sg.query<{
      eventConnection: {
        edges: Array<{ node: { id: string } }>;
        pageInfo: { hasNextPage: boolean };
        totalCount: number;
      };
    }>(
      "{ eventConnection(first: 2, filter: { kind: FORUM }) { edges { node { id } } pageInfo { hasNextPage } totalCount } }",
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
    [
      '{ events(filter: { organiser: "ACME" }) { id } }',
      "filter.organiser",
      ['"filter.organiser"', '"ACME"', "unknown agency"],
    ],
    [
      '{ events(filter: { actionLine: "C12" }) { id } }',
      "filter.actionLine",
      ['"filter.actionLine"', '"C12"', "unknown action-line"],
    ],
    [
      '{ events(filter: { track: "wsis-olympics" }) { id } }',
      "filter.track",
      ['"filter.track"', '"wsis-olympics"', "unknown roadmap track"],
    ],
    ['{ events(filter: { actionLine: "C5; drop table event" }) { id } }', "filter.actionLine", ["invalid value"]],
    [
      '{ events(filter: { from: "2025-07", to: "2025-06-30" }) { id } }',
      "filter.from",
      ['"filter.from"', '"filter.to"', "after"],
    ],
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
      (
        await sg.dataSource.query(
          "SELECT (SELECT count(*) FROM event) + (SELECT count(*) FROM event_organiser) + (SELECT count(*) FROM roadmap_expectation) + (SELECT count(*) FROM event_action_line) AS n",
        )
      )[0].n;
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
