import { callerHeaders, CALLER_HEADER, CALLER_SIGNATURE_HEADER, type Caller } from "@wsis/shared";
import { startTestSubgraph, TEST_INTERNAL_SECRET, type GraphQLResponse, type TestSubgraph } from "@wsis/shared/testing";
import { eventsModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";

let sg: TestSubgraph<SeedCounts>;

beforeAll(async () => {
  sg = await startTestSubgraph(eventsModule);
});
afterAll(async () => {
  await sg?.stop();
});

const caller = (agency: string, scopes: string[], subject = `${agency.toLowerCase()}-editor`): Caller => ({
  agency,
  subject,
  scopes,
});
const as = (c: Caller) => callerHeaders(c, TEST_INTERNAL_SECRET);
const ITU = as(caller("ITU", ["events:write"]));
const UNESCO = as(caller("UNESCO", ["events:write"]));
const ADMIN = as(caller("UNGIS", ["admin"], "hub-admin"));

const EVENT = `id title kind status cancelledReason timelineYear roadmapText location format note editedAt
  start { date precision } end { date precision } firstDay lastDay hostEconomy { code } partOf { id }
  organisations { agency { id } role } actionLines { code } tracks { id }
  datesSource { id title } locationSource { id title } source { id title publisher licence }`;
const UPDATE = `mutation($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { ${EVENT} } }`;
const CREATE = `mutation($input: CreateEventInput!) { createEvent(input: $input) { ${EVENT} } }`;
const CANCEL = `mutation($id: ID!, $reason: String!) { cancelEvent(id: $id, reason: $reason) { ${EVENT} } }`;

type Served = Record<string, unknown> & { id: string };
const update = (id: string, input: Record<string, unknown>, headers: Record<string, string> = ITU) =>
  sg.query<{ updateEvent: Served }>(UPDATE, { id, input }, headers);
const create = (input: Record<string, unknown>, headers: Record<string, string> = ITU) =>
  sg.query<{ createEvent: Served }>(CREATE, { input }, headers);
const cancel = (id: string, reason: string, headers: Record<string, string> = ITU) =>
  sg.query<{ cancelEvent: Served }>(CANCEL, { id, reason }, headers);

/** Everything the database holds about an event, and the size of the audit trail, read in SQL. */
async function snapshot(id: string) {
  const [event] = await sg.dataSource.query("SELECT * FROM event WHERE id = $1", [id]);
  const links = await sg.dataSource.query(
    `SELECT 'o' AS kind, agency_id AS key, role AS extra, position, source_id FROM event_organiser WHERE event_id = $1
     UNION ALL SELECT 'a', action_line_code, NULL, position, source_id FROM event_action_line WHERE event_id = $1
     UNION ALL SELECT 't', track_id, NULL, position, source_id FROM event_track WHERE event_id = $1 ORDER BY 1, 2`,
    [id],
  );
  const [{ audits }] = await sg.dataSource.query("SELECT count(*)::int AS audits FROM audit_log");
  const [{ sources }] = await sg.dataSource.query("SELECT count(*)::int AS sources FROM source");
  return { event, links, audits, sources };
}

const auditOf = (id: string) =>
  sg.dataSource.query(
    "SELECT operation, entity_type, agency, subject, scopes, before, after, request_id FROM audit_log WHERE entity_id = $1 ORDER BY id",
    [id],
  );

function codeOf(res: GraphQLResponse<unknown>): unknown {
  expect(res.errors).toHaveLength(1);
  return res.errors![0].extensions?.code;
}

describe("updateEvent", () => {
  it("lets the organiser change an event, records the change with who, when, before and after, and serves it", async () => {
    const id = "wsis-forum-2025";
    const res = await update(id, {
      location: "  CICG, Geneva  ",
      note: "Changed through the hub",
      start: "2025-07-07",
      end: "2025-07-11",
      actionLines: ["C1", "C5"],
    });
    expect(res.errors).toBeUndefined();
    const served = res.data!.updateEvent;
    expect(served).toMatchObject({
      id,
      status: "HELD", // as it was: a change of its details leaves the status
      location: "CICG, Geneva",
      note: "Changed through the hub",
      start: { date: "2025-07-07", precision: "DAY" },
      actionLines: [{ code: "C1" }, { code: "C5" }],
      locationSource: {
        id: "hub-submission-itu",
        title: "Submitted to the WSIS Hub by International Telecommunication Union (ITU)",
      },
    });
    expect(served.editedAt).toEqual(expect.any(String));
    // The dates did not change: they keep their source.
    expect((served.datesSource as { id: string }).id).not.toBe("hub-submission-itu");

    const audit = await auditOf(id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      operation: "updateEvent",
      entity_type: "Event",
      agency: "ITU",
      subject: "itu-editor",
      scopes: ["events:write"],
    });
    expect(audit[0].request_id).toEqual(expect.any(String));
    expect(audit[0].before.location).not.toBe("CICG, Geneva");
    expect(audit[0].before.actionLines).toHaveLength(11 + 8); // the Forum covers every action line and sub-line
    expect(audit[0].after).toMatchObject({
      location: "CICG, Geneva",
      note: "Changed through the hub",
      actionLines: ["C1", "C5"],
    });

    // Anyone reads the change.
    const read = await sg.query<{ event: Served }>(`{ event(id: "${id}") { location note actionLines { code } } }`);
    expect(read.data!.event).toEqual({
      location: "CICG, Geneva",
      note: "Changed through the hub",
      actionLines: [{ code: "C1" }, { code: "C5" }],
    });
  });

  it("lets co-organisers and chairs change an event, and gives changed dates the agency's submission as source", async () => {
    const res = await update("wsis-forum-2025", { end: "2025-07-12" }, UNESCO);
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateEvent).toMatchObject({
      end: { date: "2025-07-12" },
      lastDay: "2025-07-12",
      datesSource: { id: "hub-submission-unesco" },
    });
    // ITU chairs the UNGIS meeting that UNGIS organises.
    const chaired = await update("ungis-meeting-2022", { note: "Chaired by ITU" });
    expect(chaired.errors).toBeUndefined();
  });

  it("changes nothing, and records nothing, when the values are those already stored", async () => {
    const before = await snapshot("wsis-forum-2025");
    const statements = await sg.countStatements(async () => {
      const res = await update("wsis-forum-2025", { location: "CICG, Geneva", note: "Changed through the hub" });
      expect(res.errors).toBeUndefined();
    });
    expect(await snapshot("wsis-forum-2025")).toEqual(before);
    expect(statements).toBeLessThan(12);
  });

  it("refuses an agency that does not organise the event (FORBIDDEN) and writes nothing", async () => {
    const id = "cstd-2022";
    const before = await snapshot(id);
    const res = await update(id, { title: "Hijacked" }, UNESCO);
    expect(res.data).toBeNull();
    expect(codeOf(res)).toBe("FORBIDDEN");
    expect(res.errors![0].message).toMatch(/UNESCO does not organise/);
    expect(await snapshot(id)).toEqual(before);
  });

  it("refuses without a caller, with a caller not signed by the gateway, or without the scope, before any statement", async () => {
    const id = "wsis-forum-2024";
    const before = await snapshot(id);
    const forged = { [CALLER_HEADER]: ITU[CALLER_HEADER], [CALLER_SIGNATURE_HEADER]: UNESCO[CALLER_SIGNATURE_HEADER] };
    const cases: Array<[Record<string, string>, string]> = [
      [{}, "UNAUTHENTICATED"],
      [forged, "UNAUTHENTICATED"],
      [callerHeaders(caller("ITU", ["events:write"]), "another-secret-than-the-hub-internal-one"), "UNAUTHENTICATED"],
      [as(caller("ITU", ["reports:write", "indicators:publish"])), "FORBIDDEN"],
    ];
    for (const [headers, code] of cases) {
      const statements = await sg.countStatements(async () => {
        const res = await update(id, { title: "Changed" }, headers);
        expect(res.data).toBeNull();
        expect(codeOf(res)).toBe(code);
      });
      expect(statements).toBe(0);
    }
    expect(await snapshot(id)).toEqual(before);
  });

  it("lets an admin change any event", async () => {
    const res = await update("cstd-2023", { note: "Corrected by the hub administrators" }, ADMIN);
    expect(res.errors).toBeUndefined();
    expect((await auditOf("cstd-2023"))[0]).toMatchObject({ agency: "UNGIS", subject: "hub-admin", scopes: ["admin"] });
  });

  it("reports every invalid field at once (BAD_USER_INPUT naming each) and writes nothing", async () => {
    const id = "wsis-forum-2024";
    const before = await snapshot(id);
    const res = await update(id, {
      title: "   ",
      start: "2024-02-30",
      hostEconomy: "Switzerland",
      organisers: [{ agency: "ITU" }, { agency: "ACME" }, { agency: "ITU" }],
      actionLines: ["C99"],
      tracks: ["no-such-track", "Not A Slug"],
      timelineYear: 12,
      partOf: id,
    });
    expect(codeOf(res)).toBe("BAD_USER_INPUT");
    expect(res.errors![0].extensions!.invalidArguments).toEqual(
      expect.arrayContaining([
        "input.title",
        "input.start",
        "input.hostEconomy",
        "input.organisers",
        "input.tracks",
        "input.timelineYear",
        "input.partOf",
      ]),
    );
    expect(res.errors![0].message).toMatch(/"2024-02-30"/);
    // Well-formed but unknown codes: reported together once the formats are right.
    const unknown = await update(id, {
      organisers: [{ agency: "ITU" }, { agency: "ACME" }],
      actionLines: ["C99"],
      tracks: ["no-such-track"],
      partOf: "no-such-event",
    });
    expect(codeOf(unknown)).toBe("BAD_USER_INPUT");
    expect(unknown.errors![0].extensions!.invalidArguments).toEqual([
      "input.organisers",
      "input.actionLines",
      "input.tracks",
      "input.partOf",
    ]);
    expect(unknown.errors![0].message).toMatch(/unknown agency ids: "ACME"/);
    const backwards = await update(id, { start: "2024-06", end: "2024-05-31" });
    expect(backwards.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "input.end" });
    const nulls = await update(id, { title: null, kind: null });
    expect(nulls.errors![0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      invalidArguments: ["input.title", "input.kind"],
    });
    const nothing = await update(id, {});
    expect(nothing.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "input" });
    const malformed = await update("Not an id", { note: "x" });
    expect(malformed.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "id" });
    const missing = await update("no-such-event", { note: "x" });
    expect(missing.errors![0].extensions).toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot(id)).toEqual(before);
  });

  it("keeps dates only as precise as given: a month start covers the month", async () => {
    const res = await update("wsis-forum-2024", { start: "2024-05", end: null });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateEvent).toMatchObject({
      start: { date: "2024-05", precision: "MONTH" },
      end: null,
      firstDay: "2024-05-01",
      lastDay: "2024-05-31",
    });
    const filtered = await sg.query<{ events: Served[] }>(
      `{ events(filter: { from: "2024-05-31", to: "2024-05-31" }) { id } }`,
    );
    expect(filtered.data!.events.map((e) => e.id)).toContain("wsis-forum-2024");
  });

  it("refuses an agency that would remove itself from the organisers (FORBIDDEN), and writes nothing", async () => {
    const before = await snapshot("wsis-forum-2024");
    const res = await update("wsis-forum-2024", { organisers: [{ agency: "UNESCO" }] });
    expect(codeOf(res)).toBe("FORBIDDEN");
    expect(await snapshot("wsis-forum-2024")).toEqual(before);
  });

  it("serialises concurrent changes of one event: each audit entry's before is the state the previous one left", async () => {
    const id = "wsis-forum-2023";
    const results = await Promise.all(["first", "second", "third"].map((note) => update(id, { note })));
    for (const r of results) expect(r.errors).toBeUndefined();
    const audit = await auditOf(id);
    expect(audit).toHaveLength(3);
    expect(audit[1].before.note).toBe(audit[0].after.note);
    expect(audit[2].before.note).toBe(audit[1].after.note);
  });

  it("writes the audit entry in the transaction of the change: when it fails, the change is rolled back", async () => {
    const id = "wsis-forum-2022";
    const before = await snapshot(id);
    await sg.dataSource.query(
      `CREATE FUNCTION fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit unavailable'; END $$`,
    );
    await sg.dataSource.query(
      `CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fail_audit()`,
    );
    try {
      const res = await update(id, { note: "never stored", location: "nowhere" });
      expect(codeOf(res)).toBe("INTERNAL_SERVER_ERROR");
    } finally {
      await sg.dataSource.query(`DROP TRIGGER fail_audit ON audit_log; DROP FUNCTION fail_audit()`);
    }
    expect(await snapshot(id)).toEqual(before);
  });
});

describe("createEvent", () => {
  const input = {
    id: "itu-test-forum-2026",
    title: "WSIS Forum 2026",
    kind: "FORUM",
    start: "2026-07",
    location: "Geneva",
    format: "IN_PERSON",
    hostEconomy: "CHE",
    actionLines: ["C1"],
    tracks: ["wsis-forum"],
  };

  it("adds an event organised by the caller's agency, attributed to its submission, and records it", async () => {
    const res = await create(input);
    expect(res.errors).toBeUndefined();
    expect(res.data!.createEvent).toMatchObject({
      id: "itu-test-forum-2026",
      status: "SCHEDULED",
      roadmapText: null,
      timelineYear: 2026,
      start: { date: "2026-07", precision: "MONTH" },
      end: null,
      hostEconomy: { code: "CHE" },
      organisations: [{ agency: { id: "ITU" }, role: "ORGANISER" }],
      tracks: [{ id: "wsis-forum" }],
      source: {
        id: "hub-submission-itu",
        publisher: "International Telecommunication Union",
        licence: "none declared",
      },
      datesSource: { id: "hub-submission-itu" },
      locationSource: { id: "hub-submission-itu" },
    });
    const audit = await auditOf("itu-test-forum-2026");
    expect(audit).toEqual([expect.objectContaining({ operation: "createEvent", before: null, agency: "ITU" })]);
    expect(audit[0].after).toMatchObject({
      id: "itu-test-forum-2026",
      organisers: [{ agency: "ITU", role: "ORGANISER" }],
      tracks: ["wsis-forum"],
    });
    const listed = await sg.query<{ events: Served[] }>(`{ events(filter: { organiser: "ITU", year: 2026 }) { id } }`);
    expect(listed.data!.events).toEqual([{ id: "itu-test-forum-2026" }]);
    const track = await sg.query<{ roadmapTrack: { events: Served[] } }>(
      `{ roadmapTrack(id: "wsis-forum") { events { id } } }`,
    );
    expect(track.data!.roadmapTrack.events.map((e) => e.id)).toContain("itu-test-forum-2026");
  });

  it("refuses an id in use (CONFLICT), an event the caller does not organise (FORBIDDEN), and missing scope; writes nothing", async () => {
    const before = await snapshot("itu-test-forum-2026");
    const again = await create({ ...input, title: "Another" });
    expect(again.errors![0].extensions).toMatchObject({ code: "CONFLICT", argumentName: "input.id" });
    const foreign = await create({ ...input, id: "unesco-event-2026", organisers: [{ agency: "UNESCO" }] });
    expect(codeOf(foreign)).toBe("FORBIDDEN");
    const noScope = await create({ ...input, id: "itu-event-2026" }, as(caller("ITU", ["reports:publish"])));
    expect(codeOf(noScope)).toBe("FORBIDDEN");
    const anonymous = await create({ ...input, id: "itu-event-2026" }, {});
    expect(codeOf(anonymous)).toBe("UNAUTHENTICATED");
    expect(await snapshot("itu-test-forum-2026")).toEqual(before);
    expect(
      await sg.dataSource.query("SELECT id FROM event WHERE id IN ('unesco-event-2026', 'itu-event-2026')"),
    ).toEqual([]);
  });

  it("validates like updates: every problem at once, dates with precision, known codes", async () => {
    const res = await create({ ...input, id: "Bad Id", title: "", start: "July 2026", end: "2026-13" });
    expect(res.errors![0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      invalidArguments: ["input.id", "input.title", "input.start", "input.end"],
    });
    const unknown = await create({ ...input, id: "itu-event-2026", actionLines: ["C12"] });
    expect(unknown.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "input.actionLines" });
    expect(await sg.dataSource.query("SELECT id FROM event WHERE id = 'itu-event-2026'")).toEqual([]);
  });

  it("refuses a cycle of parts", async () => {
    const child = await create({
      id: "itu-test-forum-2026-side-event",
      title: "Side event",
      kind: "MEETING",
      start: "2026-07",
      partOf: "itu-test-forum-2026",
    });
    expect(child.errors).toBeUndefined();
    expect(child.data!.createEvent.partOf).toEqual({ id: "itu-test-forum-2026" });
    const cycle = await update("itu-test-forum-2026", { partOf: "itu-test-forum-2026-side-event" });
    expect(cycle.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "input.partOf" });
  });

  it("lets an admin create an event for any agencies", async () => {
    const res = await create(
      { id: "cstd-2026", title: "CSTD 29th session", kind: "SESSION", start: "2026", organisers: [{ agency: "CSTD" }] },
      ADMIN,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createEvent.organisations).toEqual([{ agency: { id: "CSTD" }, role: "ORGANISER" }]);
  });
});

describe("cancelEvent", () => {
  it("cancels an event of the caller's agency with its reason; it can then no longer be changed", async () => {
    const res = await cancel("itu-test-forum-2026", "  Postponed sine die  ");
    expect(res.errors).toBeUndefined();
    expect(res.data!.cancelEvent).toMatchObject({ status: "CANCELLED", cancelledReason: "Postponed sine die" });
    const [row] = await sg.dataSource.query(
      "SELECT status, cancelled_reason, cancelled_at FROM event WHERE id = 'itu-test-forum-2026'",
    );
    expect(row).toMatchObject({
      status: "CANCELLED",
      cancelled_reason: "Postponed sine die",
      cancelled_at: expect.any(Date),
    });
    const audit = await auditOf("itu-test-forum-2026");
    expect(audit.at(-1)).toMatchObject({
      operation: "cancelEvent",
      before: expect.objectContaining({ status: "SCHEDULED" }),
      after: expect.objectContaining({ status: "CANCELLED" }),
    });

    const before = await snapshot("itu-test-forum-2026");
    expect((await cancel("itu-test-forum-2026", "again")).errors![0].extensions).toMatchObject({ code: "CONFLICT" });
    expect((await update("itu-test-forum-2026", { note: "x" })).errors![0].extensions).toMatchObject({
      code: "CONFLICT",
    });
    expect(await snapshot("itu-test-forum-2026")).toEqual(before);
  });

  it("refuses other agencies, an empty reason and unknown events; writes nothing", async () => {
    const before = await snapshot("pp-2022");
    expect(codeOf(await cancel("pp-2022", "no reason", UNESCO))).toBe("FORBIDDEN");
    expect((await cancel("pp-2022", "   ")).errors![0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "reason",
    });
    expect(codeOf(await cancel("no-such-event", "x"))).toBe("NOT_FOUND");
    expect(await snapshot("pp-2022")).toEqual(before);
  });
});

describe("the seed after writes", () => {
  it("leaves events changed through the hub as the agencies left them, and writes nothing on a second run", async () => {
    const edited = await sg.dataSource.query("SELECT * FROM event WHERE edited_at IS NOT NULL ORDER BY id");
    expect(edited.length).toBeGreaterThan(3);
    const links = await sg.dataSource.query(
      "SELECT * FROM event_action_line WHERE event_id = 'wsis-forum-2025' ORDER BY position",
    );
    const result = await eventsModule.seed(sg.dataSource);
    expect(result.written).toBe(0);
    expect(await sg.dataSource.query("SELECT * FROM event WHERE edited_at IS NOT NULL ORDER BY id")).toEqual(edited);
    expect(
      await sg.dataSource.query("SELECT * FROM event_action_line WHERE event_id = 'wsis-forum-2025' ORDER BY position"),
    ).toEqual(links);
  });
});

describe("auditLog", () => {
  const AUDIT = `query($filter: AuditFilter, $first: Int, $after: String) {
    auditLog { events(filter: $filter, first: $first, after: $after) {
      edges { cursor node { id at operation entityType entityId agency subject scopes requestId before after } }
      pageInfo { hasNextPage endCursor } } } }`;
  type Page = {
    auditLog: {
      events: {
        edges: Array<{ node: Record<string, unknown> & { id: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    };
  };

  it("is readable with the admin scope only", async () => {
    expect(codeOf(await sg.query(AUDIT, {}, {}))).toBe("UNAUTHENTICATED");
    expect(codeOf(await sg.query(AUDIT, {}, ITU))).toBe("FORBIDDEN");
    const res = await sg.query<Page>(AUDIT, { first: 100 }, ADMIN);
    expect(res.errors).toBeUndefined();
    const [{ n }] = await sg.dataSource.query("SELECT count(*)::int AS n FROM audit_log");
    expect(res.data!.auditLog.events.edges).toHaveLength(n);
  });

  it("filters by record, agency, operation and time, newest first, a page at a time", async () => {
    const res = await sg.query<Page>(
      AUDIT,
      { filter: { entityType: "Event", entityId: "itu-test-forum-2026" }, first: 1 },
      ADMIN,
    );
    const first = res.data!.auditLog.events;
    // The refused cycle left no entry.
    expect(first.edges.map((e) => e.node.operation)).toEqual(["cancelEvent"]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = await sg.query<Page>(
      AUDIT,
      { filter: { entityType: "Event", entityId: "itu-test-forum-2026" }, first: 1, after: first.pageInfo.endCursor },
      ADMIN,
    );
    expect(next.data!.auditLog.events.edges.map((e) => e.node.operation)).toEqual(["createEvent"]);
    expect(next.data!.auditLog.events.edges[0].node).toMatchObject({
      before: null,
      agency: "ITU",
      subject: "itu-editor",
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });

    const unesco = await sg.query<Page>(AUDIT, { filter: { agency: "UNESCO", operation: "updateEvent" } }, ADMIN);
    expect(unesco.data!.auditLog.events.edges.map((e) => e.node.entityId)).toEqual(["wsis-forum-2025"]);
    const later = await sg.query<Page>(
      AUDIT,
      { filter: { since: new Date(Date.now() + 3_600_000).toISOString() } },
      ADMIN,
    );
    expect(later.data!.auditLog.events.edges).toEqual([]);
    const bad = await sg.query(AUDIT, { first: 1000 }, ADMIN);
    expect(bad.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "first" });
  });
});
