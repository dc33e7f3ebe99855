import { callerAs, errorCodeOf, startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { eventsModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";

let sg: TestSubgraph<SeedCounts>;

beforeAll(async () => {
  sg = await startTestSubgraph(eventsModule);
});
afterAll(async () => {
  await sg?.stop();
});

interface Served {
  id: string;
  status: string;
  verified: boolean | null;
  roadmapText: string | null;
  startsOn: { value: string; precision: string };
  statusSource: { id: string; url: string | null } | null;
  source: { id: string; url: string | null };
}
const FIELDS = "id status verified roadmapText startsOn { value precision } statusSource { id url } source { id url }";

async function event(id: string): Promise<Served> {
  const res = await sg.query<{ event: Served }>(`query($id: ID!) { event(id: $id) { ${FIELDS} } }`, { id });
  expect(res.errors).toBeUndefined();
  return res.data!.event;
}

describe("the review's end and what follows it", () => {
  it("extends the timeline to 2027: the WSIS Forum 2026 and the CSTD sessions of 2026 and 2027", async () => {
    const res = await sg.query<{ timeline: Array<{ year: number; events: Array<{ id: string }> }> }>(
      "{ timeline(fromYear: 2026, toYear: 2027) { year events { id } } }",
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.timeline).toEqual([
      { year: 2026, events: [{ id: "wsis-forum-2026" }, { id: "cstd-29" }] },
      { year: 2027, events: [{ id: "cstd-30" }] },
    ]);
    const all = await sg.query<{ timeline: Array<{ year: number }> }>(
      "{ timeline(fromYear: 2022, toYear: 2027) { year } }",
    );
    expect(all.data!.timeline.map((y) => y.year)).toEqual([2022, 2023, 2024, 2025, 2026, 2027]);
  });

  it("marks the General Assembly's high-level meeting HELD, on the UN's own record of the adoption", async () => {
    expect(await event("unga-wsis20-hlm-2025")).toMatchObject({
      status: "HELD",
      statusSource: { id: "un-press-ga-12746", url: "https://press.un.org/en/2025/ga12746.doc.htm" },
      verified: null,
    });
  });

  it("marks the roadmap's past events HELD only where a record says they took place; the others stay SCHEDULED", async () => {
    const res = await sg.query<{ events: Served[] }>(`{ events(filter: { to: "2025-12-31" }) { ${FIELDS} } }`);
    const held = res.data!.events.filter((e) => e.roadmapText !== null && e.status === "HELD").map((e) => e.id);
    expect(held).toEqual([
      "wsis-forum-2022",
      "wtdc-2022",
      "wsis-forum-2023",
      "wsis-forum-2024",
      "wsis-forum-2025",
      "unga-wsis20-hlm-2025",
    ]);
    for (const e of res.data!.events) {
      expect([
        e.id,
        e.status === "HELD" ? /^https:\/\//.test(e.statusSource?.url ?? "") : e.statusSource === null,
      ]).toEqual([e.id, true]);
    }
    // PP-22 and RA-23 took place, but no record the hub holds says so: they keep their planned status.
    expect((await event("pp-2022")).status).toBe("SCHEDULED");
    expect((await event("ra-2023")).status).toBe("SCHEDULED");
  });

  it("keeps each event after the roadmap with its own source and the research's flag", async () => {
    expect(await event("wsis-forum-2026")).toMatchObject({
      status: "SCHEDULED",
      verified: true,
      roadmapText: null,
      startsOn: { value: "2026-07-06", precision: "DAY" },
      source: { url: "https://www.itu.int/net4/wsis/forum/2025/Agenda/Session/555" },
    });
    // The ceremony's day is not settled (8 July announced, 7 July reported): the month only; HELD on secondary reports.
    expect(await event("wsis-prizes-2025-ceremony")).toMatchObject({
      status: "HELD",
      verified: false,
      startsOn: { value: "2025-07", precision: "MONTH" },
      statusSource: { id: "digwatch-wsis-prizes-2025-ceremony" },
    });
    expect(await event("cstd-29")).toMatchObject({
      status: "SCHEDULED",
      verified: false,
      startsOn: { value: "2026", precision: "YEAR" },
    });
    expect(await event("cstd-30")).toMatchObject({
      verified: true,
      source: { url: "https://www.itu.int/net4/wsis/ungis/Articles/View/1213" },
    });
  });

  it("filters by the new kind, and by the years after the roadmap (in date order)", async () => {
    const res = await sg.query<{
      ceremonies: Array<{ id: string; partOf: { id: string } }>;
      y2026: Array<{ id: string }>;
    }>(
      "{ ceremonies: events(filter: { kind: CEREMONY }) { id partOf { id } } y2026: events(filter: { year: 2026 }) { id } }",
    );
    expect(res.data).toEqual({
      ceremonies: [{ id: "wsis-prizes-2025-ceremony", partOf: { id: "wsis-forum-2025" } }],
      // cstd-29 is known to the year only: it covers from 1 January 2026.
      y2026: [{ id: "cstd-29" }, { id: "wsis-forum-2026" }],
    });
  });
});

describe("an event that took place", () => {
  it("cannot be cancelled (CONFLICT), and nothing is written", async () => {
    const before = await sg.dataSource.query(
      "SELECT status, status_source_id, cancelled_reason FROM event WHERE id = 'wsis-forum-2025'",
    );
    const audits = await sg.dataSource.query("SELECT count(*)::int AS n FROM audit_log");
    const res = await sg.query(
      'mutation { cancelEvent(id: "wsis-forum-2025", reason: "too late") { status } }',
      {},
      callerAs("ITU", ["events:write"]),
    );
    expect(errorCodeOf(res)).toBe("CONFLICT");
    expect(res.errors![0].message).toMatch(/took place/);
    expect(
      await sg.dataSource.query(
        "SELECT status, status_source_id, cancelled_reason FROM event WHERE id = 'wsis-forum-2025'",
      ),
    ).toEqual(before);
    expect(await sg.dataSource.query("SELECT count(*)::int AS n FROM audit_log")).toEqual(audits);
  });

  it("keeps its status and the record that states it through a change of its details", async () => {
    const res = await sg.query<{ updateEvent: { status: string; statusSource: { id: string } } }>(
      'mutation { updateEvent(id: "wsis-forum-2024", input: { note: "Corrected through the hub" }) { status statusSource { id } } }',
      {},
      callerAs("ITU", ["events:write"]),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateEvent).toEqual({ status: "HELD", statusSource: { id: "itu-wsis20-forum-2024-outcomes" } });
    // The seed leaves an event changed through the hub as it is, status included.
    await eventsModule.seed(sg.dataSource);
    expect((await event("wsis-forum-2024")).status).toBe("HELD");
  });
});

it("seeds the statuses idempotently: a second run writes nothing", async () => {
  expect((await eventsModule.seed(sg.dataSource)).written).toBe(0);
});
