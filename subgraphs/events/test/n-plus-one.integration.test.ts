import { startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { eventsModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";

/**
 * The same queries against every event (the roadmap's 25 and the 8 after it) and against a database that keeps only three events (one of
 * each shape: a forum with every relation, a meeting held as part of it, a conference in another country): the number
 * of SQL statements must be the same, so it does not grow with the number of events.
 */
const KEEP = ["wsis-forum-2022", "ungis-meeting-2022", "wtdc-2022"];

const EVENT_FIELDS = `id startDate start { precision } end { precision } firstDay lastDay
  organisers { __typename id } actionLines { __typename code }
  organisations { role agency { id } source { id } } actionLineLinks { actionLine { code } source { id } }
  tracks { id name } expectations { text source { id } } partOf { id } parts { id }
  hostEconomy { code } datesSource { id } locationSource { id } source { id } status statusSource { id } verified`;

let full: TestSubgraph<SeedCounts>;
let small: TestSubgraph<SeedCounts>;

beforeAll(async () => {
  [full, small] = await Promise.all([startTestSubgraph(eventsModule), startTestSubgraph(eventsModule)]);
  await small.dataSource.transaction(async (m) => {
    // Meetings held as part of another event go first (they reference it); links go with their events (cascade).
    await m.query("DELETE FROM event WHERE part_of_id IS NOT NULL AND NOT (id = ANY($1))", [KEEP]);
    await m.query("DELETE FROM event WHERE NOT (id = ANY($1))", [KEEP]);
  });
});
afterAll(async () => {
  await Promise.all([full?.stop(), small?.stop()]);
});

async function statements<T>(sg: TestSubgraph<SeedCounts>, query: string, variables?: Record<string, unknown>) {
  let data: T | undefined;
  const count = await sg.countStatements(async () => {
    const res = await sg.query<T>(query, variables);
    expect(res.errors).toBeUndefined();
    data = res.data!;
  });
  return { count, data: data! };
}

describe("no N+1", () => {
  it("sends the same number of statements for 33 events as for 3: events { organisers actionLines ... }", async () => {
    const q = `{ events { ${EVENT_FIELDS} } }`;
    const many = await statements<{ events: unknown[] }>(full, q);
    const few = await statements<{ events: unknown[] }>(small, q);
    expect(many.data.events).toHaveLength(33);
    expect(few.data.events).toHaveLength(3);
    expect(many.count).toBe(few.count);
    // events; organisers; action-line links; track links; tracks; expectations; parts; the events' sources (record,
    // dates, location, status: one batch); the organisers' sources (partOf is answered from the events already loaded).
    expect(many.count).toBe(9);
  });

  it("the contract's fields alone cost three statements, whatever the number of events", async () => {
    const q = "{ events { id organisers { __typename id } actionLines { __typename code } } }";
    const many = await statements<{ events: unknown[] }>(full, q);
    const few = await statements<{ events: unknown[] }>(small, q);
    expect(many.count).toBe(few.count);
    expect(many.count).toBe(3);
  });

  it("sends the same number of statements for the timeline of 4 years as of 1", async () => {
    const q = `{ timeline(fromYear: 2022, toYear: 2025) { year events { ${EVENT_FIELDS} } } }`;
    const many = await statements<{ timeline: Array<{ events: unknown[] }> }>(full, q);
    const few = await statements<{ timeline: Array<{ events: unknown[] }> }>(small, q);
    expect(many.data.timeline).toHaveLength(4);
    expect(few.data.timeline).toHaveLength(1);
    expect(many.count).toBe(few.count);
  });

  it("sends the same number of statements for a page of 33 events as for 3", async () => {
    const q = `{ eventConnection(first: 50) { totalCount edges { node { ${EVENT_FIELDS} } } } }`;
    const many = await statements<{ eventConnection: { edges: unknown[] } }>(full, q);
    const few = await statements<{ eventConnection: { edges: unknown[] } }>(small, q);
    expect(many.data.eventConnection.edges).toHaveLength(33);
    expect(few.data.eventConnection.edges).toHaveLength(3);
    expect(many.count).toBe(few.count);
  });

  it("batches entity references: _entities for many events costs one statement", async () => {
    const reps = ["wsis-forum-2022", "wsis-forum-2023", "wtdc-2022", "pp-2022", "ra-2023", "unsc-2024"].map((id) => ({
      __typename: "Event",
      id,
    }));
    const { count, data } = await statements<{ _entities: Array<{ id: string } | null> }>(
      full,
      "query($r: [_Any!]!) { _entities(representations: $r) { ... on Event { id title } } }",
      { r: reps },
    );
    expect(data._entities.map((e) => e?.id)).toEqual(reps.map((r) => r.id));
    expect(count).toBe(1);
  });

  it.each([
    [
      "ActionLine.events",
      "... on ActionLine { code events { id organisers { id } tracks { id } } }",
      ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C7.e-health", "C8", "C9", "C10", "C11"].map((code) => ({
        __typename: "ActionLine",
        code,
      })),
      [{ __typename: "ActionLine", code: "C5" }],
    ],
    [
      "Agency.events",
      "... on Agency { id events { id actionLines { code } } eventRoles { role event { id } source { id } } }",
      ["ITU", "UNESCO", "UNDP", "UNCTAD", "UNGIS", "UNSC", "CSTD", "UNRC", "UNGA", "WHO"].map((id) => ({
        __typename: "Agency",
        id,
      })),
      [{ __typename: "Agency", id: "UNGIS" }],
    ],
    [
      "Economy.events",
      "... on Economy { code events { id organisers { id } } }",
      ["CHE", "RWA", "ROU", "ARE", "USA", "KEN"].map((code) => ({ __typename: "Economy", code })),
      [{ __typename: "Economy", code: "RWA" }],
    ],
  ])(
    "batches the reverse link %s: as many statements for many keys as for one",
    async (_name, selection, manyReps, fewReps) => {
      const q = `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`;
      const many = await statements<{ _entities: unknown[] }>(full, q, { r: manyReps });
      const few = await statements<{ _entities: unknown[] }>(full, q, { r: fewReps });
      expect(many.data._entities).toHaveLength(manyReps.length);
      expect(many.count).toBe(few.count);
    },
  );
});
