import { callerHeaders, type Caller } from "@wsis/shared";
import { startTestSubgraph, TEST_INTERNAL_SECRET, type TestSubgraph } from "@wsis/shared/testing";
import { eventsModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";

/**
 * Who may change an event, through the subgraph against a real PostgreSQL: every role × every operation, on events
 * made for the purpose (ITU organises them, UNESCO co-organises them, UNDP chairs them, WHO has no part). A refusal is
 * FORBIDDEN and writes nothing, not even an audit entry.
 */

let sg: TestSubgraph<SeedCounts>;
beforeAll(async () => {
  sg = await startTestSubgraph(eventsModule);
});
afterAll(async () => {
  await sg?.stop();
});

const as = (agency: string, scopes = ["events:write"]) =>
  callerHeaders({ agency, subject: `${agency.toLowerCase()}-editor`, scopes } satisfies Caller, TEST_INTERNAL_SECRET);
const ADMIN = as("UNGIS", ["admin"]);
const ORGANISERS = [
  { agency: "ITU", role: "ORGANISER" },
  { agency: "UNESCO", role: "CO_ORGANISER" },
  { agency: "UNDP", role: "CHAIR" },
];

let made = 0;
async function freshEvent(): Promise<string> {
  const id = `permissions-check-${(made += 1)}`;
  const res = await sg.query(
    `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
    { input: { id, title: "Permissions check", kind: "MEETING", start: "2026-05", organisers: ORGANISERS } },
    ADMIN,
  );
  expect(res.errors).toBeUndefined();
  return id;
}

const OPERATIONS: Record<string, (id: string) => { query: string; variables: Record<string, unknown> }> = {
  note: (id) => ({
    query: `mutation($id: ID!) { updateEvent(id: $id, input: { note: "A note" }) { id } }`,
    variables: { id },
  }),
  details: (id) => ({
    query: `mutation($id: ID!) { updateEvent(id: $id, input: { title: "Renamed", location: "Geneva" }) { id } }`,
    variables: { id },
  }),
  organisers: (id) => ({
    query: `mutation($id: ID!, $o: [EventOrganiserInput!]) { updateEvent(id: $id, input: { organisers: $o }) { id } }`,
    variables: { id, o: [...ORGANISERS, { agency: "WHO", role: "CO_ORGANISER" }] },
  }),
  cancel: (id) => ({
    query: `mutation($id: ID!) { cancelEvent(id: $id, reason: "Called off") { id } }`,
    variables: { id },
  }),
};

async function state(id: string) {
  const [event] = await sg.dataSource.query(
    "SELECT title, location, note, status, cancelled_reason FROM event WHERE id = $1",
    [id],
  );
  const organisers = await sg.dataSource.query(
    "SELECT agency_id, role FROM event_organiser WHERE event_id = $1 ORDER BY agency_id",
    [id],
  );
  const [{ audits }] = await sg.dataSource.query("SELECT count(*)::int AS audits FROM audit_log WHERE entity_id = $1", [
    id,
  ]);
  return { event, organisers, audits };
}

describe.each([
  ["ITU (organiser)", "ITU", { note: "allowed", details: "allowed", organisers: "allowed", cancel: "allowed" }],
  [
    "UNESCO (co-organiser)",
    "UNESCO",
    { note: "allowed", details: "allowed", organisers: "FORBIDDEN", cancel: "FORBIDDEN" },
  ],
  ["UNDP (chair)", "UNDP", { note: "allowed", details: "FORBIDDEN", organisers: "FORBIDDEN", cancel: "FORBIDDEN" }],
  ["WHO (no part)", "WHO", { note: "FORBIDDEN", details: "FORBIDDEN", organisers: "FORBIDDEN", cancel: "FORBIDDEN" }],
  ["an admin", "admin", { note: "allowed", details: "allowed", organisers: "allowed", cancel: "allowed" }],
] as const)("%s", (_who, agency, expected) => {
  it.each(Object.keys(OPERATIONS))("%s", async (operation) => {
    const id = await freshEvent();
    const before = await state(id);
    const { query, variables } = OPERATIONS[operation](id);
    const res = await sg.query(query, variables, agency === "admin" ? ADMIN : as(agency));
    const outcome = expected[operation as keyof typeof expected];
    if (outcome === "allowed") {
      expect(res.errors).toBeUndefined();
      const after = await state(id);
      expect(after.audits).toBe(before.audits + 1);
      expect(after).not.toEqual(before);
    } else {
      expect(res.data).toBeNull();
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions?.code).toBe(outcome);
      expect(await state(id)).toEqual(before);
    }
  });
});

it("lets an organiser hand the lead to another agency only while staying an organiser", async () => {
  const id = await freshEvent();
  const before = await state(id);
  const demoted = await sg.query(
    `mutation($id: ID!, $o: [EventOrganiserInput!]) { updateEvent(id: $id, input: { organisers: $o }) { id } }`,
    {
      id,
      o: [
        { agency: "UNESCO", role: "ORGANISER" },
        { agency: "ITU", role: "CO_ORGANISER" },
      ],
    },
    as("ITU"),
  );
  expect(demoted.errors![0].extensions?.code).toBe("FORBIDDEN");
  expect(await state(id)).toEqual(before);
  const shared = await sg.query(
    `mutation($id: ID!, $o: [EventOrganiserInput!]) { updateEvent(id: $id, input: { organisers: $o }) { organisations { agency { id } role } } }`,
    {
      id,
      o: [
        { agency: "UNESCO", role: "ORGANISER" },
        { agency: "ITU", role: "ORGANISER" },
      ],
    },
    as("ITU"),
  );
  expect(shared.errors).toBeUndefined();
  // UNESCO now organises the event too, and may cancel it.
  const cancelled = await sg.query(
    `mutation($id: ID!) { cancelEvent(id: $id, reason: "Merged") { status } }`,
    { id },
    as("UNESCO"),
  );
  expect(cancelled.errors).toBeUndefined();
});

it("refuses an agency that creates an event it does not organise, as ORGANISER", async () => {
  const res = await sg.query(
    `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
    {
      input: {
        id: "co-organised-only",
        title: "x",
        kind: "MEETING",
        start: "2026",
        organisers: [{ agency: "ITU", role: "CO_ORGANISER" }, { agency: "UNESCO" }],
      },
    },
    as("ITU"),
  );
  expect(res.errors![0].extensions?.code).toBe("FORBIDDEN");
  expect(await sg.dataSource.query("SELECT id FROM event WHERE id = 'co-organised-only'")).toEqual([]);
});
