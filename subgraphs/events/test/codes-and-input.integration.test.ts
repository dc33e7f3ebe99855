import {
  callerAs,
  expectBadUserInput as badInput,
  forgedCursor as b64,
  startTestSubgraph,
  type TestSubgraph,
} from "@wsis/shared/testing";
import { eventsModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";

/**
 * Codes in any case, one meaning for an unknown code (a lookup gives null, a filter or a write BAD_USER_INPUT naming
 * it), forged cursors, and what a write may contain: no empty string for an optional field, no control character.
 */

let sg: TestSubgraph<SeedCounts>;
beforeAll(async () => {
  sg = await startTestSubgraph(eventsModule);
});
afterAll(async () => {
  await sg?.stop();
});

const ITU = callerAs("ITU", ["events:write"]);

/** Everything the database holds about the events' writes. */
const everything = async () => ({
  events: await sg.dataSource.query("SELECT * FROM event ORDER BY id"),
  links: await sg.dataSource.query("SELECT count(*)::int AS n FROM event_organiser, event_action_line, event_track"),
  audits: await sg.dataSource.query("SELECT count(*)::int AS n FROM audit_log"),
});

describe("codes are case-insensitive on input and answered as stored", () => {
  it("in lookups", async () => {
    const res = await sg.query<{ event: { id: string }; roadmapTrack: { id: string } }>(
      '{ event(id: "WSIS-Forum-2025") { id } roadmapTrack(id: "WSIS-FORUM") { id } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ event: { id: "wsis-forum-2025" }, roadmapTrack: { id: "wsis-forum" } });
  });

  it.each([
    ['organiser: "unesco"', 'organiser: "UNESCO"'],
    ['organiser: "Itu"', 'organiser: "ITU"'],
    ['actionLine: "c7.E-HEALTH"', 'actionLine: "C7.e-health"'],
    ['actionLine: " c5 "', 'actionLine: "C5"'],
    ['track: "WSIS-Forum"', 'track: "wsis-forum"'],
  ])("in filters: %s is %s", async (spelled, canonical) => {
    const q = (filter: string) =>
      sg.query<{ events: Array<{ id: string }>; eventConnection: { totalCount: number } }>(
        `{ events(filter: { ${filter} }) { id } eventConnection(filter: { ${filter} }) { totalCount } }`,
      );
    const [a, b] = [await q(spelled), await q(canonical)];
    expect(a.errors).toBeUndefined();
    expect(a.data!.events.length).toBeGreaterThan(0);
    expect(a.data).toEqual(b.data);
  });
});

describe("an unknown code", () => {
  it("is null in a lookup", async () => {
    const res = await sg.query('{ event(id: "no-such-event") { id } roadmapTrack(id: "no-such-track") { id } }');
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ event: null, roadmapTrack: null });
  });

  it.each([
    ["events", "organiser", '"NOPE"'],
    ["events", "actionLine", '"C99"'],
    ["events", "track", '"no-such-track"'],
    ["eventConnection", "organiser", '"NOPE"'],
    ["eventConnection", "actionLine", '"C99"'],
    ["eventConnection", "track", '"no-such-track"'],
  ])("is BAD_USER_INPUT naming it and the argument in a filter: %s(filter: { %s })", async (field, argument, value) => {
    const selection = field === "events" ? "id" : "totalCount";
    const res = await sg.query(`{ ${field}(filter: { ${argument}: ${value} }) { ${selection} } }`);
    badInput(res, `filter.${argument}`, `"filter.${argument}"`, value, "unknown");
  });
});

describe("forged cursors", () => {
  it.each([
    // The earlier encoding ([day, order]) with an order PostgreSQL's integer refuses.
    ["an order beyond int4", b64(["2022-01-01", 10000000000])],
    ["an order of 2^31", b64(["2022-01-01", 2147483648])],
    ["a tagged order of 2^31", b64(["events", "2022-01-01", 2147483648])],
    ["a tagged order of 10^10", b64(["events", "2022-01-01", 10000000000])],
    ["a day with a NUL", b64(["events", "2022-01-01\u0000", 1])],
    ["an impossible day", b64(["events", "2022-02-30", 1])],
    ["another list's cursor", b64(["reports", "2022-01-01", 1])],
  ])("refuses %s with BAD_USER_INPUT naming after", async (_what, after) => {
    const res = await sg.query(
      "query($after: String) { eventConnection(first: 2, after: $after) { totalCount edges { node { id } } } }",
      { after },
    );
    badInput(res, "after", '"after"');
  });

  it("follows its own cursors", async () => {
    const first = await sg.query<{ eventConnection: { pageInfo: { endCursor: string } } }>(
      "{ eventConnection(first: 2) { pageInfo { endCursor } } }",
    );
    const next = await sg.query(
      "query($after: String) { eventConnection(first: 2, after: $after) { edges { node { id } } } }",
      {
        after: first.data!.eventConnection.pageInfo.endCursor,
      },
    );
    expect(next.errors).toBeUndefined();
  });
});

const UPDATE =
  "mutation($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id title note location hostEconomy { code } partOf { id } } }";
const CREATE =
  "mutation($input: CreateEventInput!) { createEvent(input: $input) { id title note hostEconomy { code } organisations { agency { id } role } actionLines { code } tracks { id } } }";
const CANCEL =
  "mutation($id: ID!, $reason: String!) { cancelEvent(id: $id, reason: $reason) { id status cancelledReason } }";
const update = (id: string, input: Record<string, unknown>) =>
  sg.query<{ updateEvent: Record<string, unknown> }>(UPDATE, { id, input }, ITU);
const create = (input: Record<string, unknown>) =>
  sg.query<{ createEvent: Record<string, unknown> }>(CREATE, { input }, ITU);

describe("optional texts of a write: null clears, an empty string is refused", () => {
  it.each([
    ["note", { note: "" }],
    ["note", { note: "   " }],
    ["location", { location: "" }],
    ["hostEconomy", { hostEconomy: "" }],
    ["partOf", { partOf: "" }],
  ])("updateEvent(input: { %s: empty }) is BAD_USER_INPUT and writes nothing", async (field, input) => {
    const before = await everything();
    badInput(await update("wsis-forum-2025", input), `input.${field}`, `"input.${field}" is empty`, "null");
    expect(await everything()).toEqual(before);
  });

  it('createEvent(input: { note: "" }) is BAD_USER_INPUT and writes nothing', async () => {
    const before = await everything();
    badInput(
      await create({ id: "itu-empty-note", title: "x", kind: "MEETING", start: "2026", note: "" }),
      "input.note",
      "empty",
    );
    expect(await everything()).toEqual(before);
  });

  it("null clears the note", async () => {
    expect((await update("wsis-forum-2025", { note: "Programme online" })).data!.updateEvent.note).toBe(
      "Programme online",
    );
    const cleared = await update("wsis-forum-2025", { note: null });
    expect(cleared.errors).toBeUndefined();
    expect(cleared.data!.updateEvent.note).toBeNull();
  });
});

describe("control characters in written text", () => {
  it.each([
    ["title", { title: "WSIS\u0000Forum" }, "U+0000"],
    ["title", { title: "WSIS Forum\n2025" }, "U+000A"],
    ["location", { location: "Geneva\u0007" }, "U+0007"],
    ["location", { location: "Geneva\r\nPalexpo" }, "U+000D"],
    ["note", { note: "a\u0000b" }, "U+0000"],
    ["note", { note: "escape \u001b[31m" }, "U+001B"],
    ["note", { note: "next line \u0085" }, "U+0085"],
    ["hostEconomy", { hostEconomy: "CH\u0000" }, "U+0000"],
    ["partOf", { partOf: "wsis-forum-2025\u0000" }, "U+0000"],
    ["organisers", { organisers: [{ agency: "IT\u0000U" }] }, "U+0000"],
    ["actionLines", { actionLines: ["C5\n"] }, "U+000A"],
    ["tracks", { tracks: ["wsis-forum\u0000"] }, "U+0000"],
    ["start", { start: "2025\u0000" }, "2025"],
  ])(
    "updateEvent(input: { %s }) with a control character is BAD_USER_INPUT naming the field, and writes nothing",
    async (field, input, named) => {
      const before = await everything();
      badInput(await update("wsis-forum-2024", input), `input.${field}`, `"input.${field}`, named);
      expect(await everything()).toEqual(before);
    },
  );

  it("createEvent refuses them too, in the id as well", async () => {
    const before = await everything();
    badInput(await create({ id: "itu-event\u0000", title: "x", kind: "MEETING", start: "2026" }), "input.id", "U+0000");
    badInput(
      await create({ id: "itu-event-2027", title: "x\u0000", kind: "MEETING", start: "2026" }),
      "input.title",
      "U+0000",
    );
    expect(await everything()).toEqual(before);
  });

  it("keeps line breaks and tabs in a note, and refuses a NUL in a cancellation reason", async () => {
    const note = "First line\n\tindented\r\nlast line";
    const res = await update("wsis-forum-2024", { note });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateEvent.note).toBe(note);
    const before = await everything();
    badInput(await sg.query(CANCEL, { id: "wsis-forum-2024", reason: "Postponed\u0000" }, ITU), "reason", "U+0000");
    expect(await everything()).toEqual(before);
  });
});

describe("codes of a write", () => {
  it("are refused when their owner does not know them, naming each", async () => {
    const before = await everything();
    badInput(await update("wsis-forum-2024", { hostEconomy: "ZZZ" }), "input.hostEconomy", '"ZZZ"', "unknown economy");
    const create1 = await create({
      id: "itu-event-2027",
      title: "x",
      kind: "MEETING",
      start: "2027",
      hostEconomy: "ZZZ",
      organisers: [{ agency: "ITU" }, { agency: "NOPE" }],
      actionLines: ["C99"],
    });
    expect(create1.errors![0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      invalidArguments: ["input.organisers", "input.actionLines", "input.hostEconomy"],
    });
    expect(create1.errors![0].message).toMatch(/"NOPE".*"C99".*"ZZZ"/);
    expect(await everything()).toEqual(before);
  });

  it("are taken in any case (or, for a country, by its M49 code) and stored as their owners spell them", async () => {
    const res = await create({
      id: "ITU-Event-2027",
      title: "An ITU event",
      kind: "MEETING",
      start: "2027-03",
      hostEconomy: "che",
      organisers: [{ agency: "itu" }, { agency: "un-habitat", role: "CO_ORGANISER" }],
      actionLines: ["c7.E-HEALTH", "c5"],
      tracks: ["WSIS-Forum"],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createEvent).toEqual({
      id: "itu-event-2027",
      title: "An ITU event",
      note: null,
      hostEconomy: { code: "CHE" },
      organisations: [
        { agency: { id: "ITU" }, role: "ORGANISER" },
        { agency: { id: "UN-Habitat" }, role: "CO_ORGANISER" },
      ],
      actionLines: [{ code: "C7.e-health" }, { code: "C5" }],
      tracks: [{ id: "wsis-forum" }],
    });
    const moved = await update("ITU-EVENT-2027", { hostEconomy: "756", partOf: "WSIS-Forum-2025" });
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.updateEvent).toMatchObject({
      id: "itu-event-2027",
      hostEconomy: { code: "CHE" },
      partOf: { id: "wsis-forum-2025" },
    });
    const listed = await sg.query<{ events: Array<{ id: string }> }>(
      '{ events(filter: { organiser: "un-habitat" }) { id } }',
    );
    expect(listed.data!.events).toEqual([{ id: "itu-event-2027" }]);
  });

  it("are the same code in any case: a list naming one twice is refused", async () => {
    badInput(await update("wsis-forum-2024", { actionLines: ["C5", "c5"] }), "input.actionLines", "more than once");
  });
});
