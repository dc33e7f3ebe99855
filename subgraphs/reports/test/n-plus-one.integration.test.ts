import { callerHeaders } from "@wsis/shared";
import { startTestSubgraph, TEST_INTERNAL_SECRET, type TestSubgraph } from "@wsis/shared/testing";
import { reportsModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";

// An administrator may move any report (this file counts statements; the authorization rules are tested elsewhere).
const asAdmin = callerHeaders({ agency: "UNGIS", subject: "test", scopes: ["admin"] }, TEST_INTERNAL_SECRET);
const KEEP = ["wsis20-progress-report", "wsis20-action-line-review-c5"];

let full: TestSubgraph<SeedCounts>;
let small: TestSubgraph<SeedCounts>;

/** Gives some reports a history, so `statusHistory` has rows to load. */
async function moveSome(sg: TestSubgraph<SeedCounts>, ids: string[]): Promise<void> {
  for (const id of ids) {
    const res = await sg.query(
      "mutation($id: ID!) { transitionReport(id: $id, to: DRAFTING) { status } }",
      { id },
      asAdmin,
    );
    expect(res.errors).toBeUndefined();
  }
}

beforeAll(async () => {
  [full, small] = await Promise.all([startTestSubgraph(reportsModule), startTestSubgraph(reportsModule)]);
  // The same subgraph over a database that keeps only two reports.
  await small.dataSource.query("DELETE FROM report WHERE id <> ALL($1)", [KEEP]);
  await moveSome(full, [...KEEP, "wsis20-action-line-review-c7", "wsis20-stocktaking-report"]);
  await moveSome(small, KEEP);
});
afterAll(async () => {
  await Promise.all([full?.stop(), small?.stop()]);
});

async function compare(query: string): Promise<[number, number]> {
  let many: { reports: { edges: unknown[] } } | undefined;
  let few: { reports: { edges: unknown[] } } | undefined;
  const manyStatements = await full.countStatements(async () => {
    const res = await full.query<{ reports: { edges: unknown[] } }>(query);
    expect(res.errors).toBeUndefined();
    many = res.data!;
  });
  const fewStatements = await small.countStatements(async () => {
    const res = await small.query<{ reports: { edges: unknown[] } }>(query);
    expect(res.errors).toBeUndefined();
    few = res.data!;
  });
  expect(many!.reports.edges).toHaveLength(21);
  expect(few!.reports.edges).toHaveLength(2);
  return [manyStatements, fewStatements];
}

describe("no N+1", () => {
  it("sends as many statements for 21 reports as for 2 (coordinators, action lines, history)", async () => {
    const [many, few] = await compare(
      "{ reports(first: 100) { edges { node { coordinators { __typename } actionLines { __typename } statusHistory { to } } } } }",
    );
    expect(many).toBe(few);
    // The page, the agency links, the action-line links, the history: one statement each.
    expect(many).toBe(4);
  });

  it("stays constant with every relation of a report asked for", async () => {
    const [many, few] = await compare(`{ reports(first: 100) { totalCount edges { node {
      id series { title reportCount templates { id } } catalogueText coordinators { id } authors { id } coordinatorsVerified
      agencies { agency { id } source { id } } actionLines { code } economy { code } indicators { code }
      events { role event { id } source { id } } templates { id preparedAt { id } source { id } }
      statusHistory { from to at byAgency { id } } allowedTransitions dueDate { value } source { id title }
      documents { title url publishedAt { value } source { id } } decisions { paragraph source { id } } statusSource { id }
    } } } }`);
    // page, count, series, series counts, templates, agency links, action-line links, indicator links, event links,
    // history, documents, decisions: one statement each (12). Sources: one for the reports' own (and their status's),
    // and for the sources of their agency links, event links, templates, documents and decisions one per moment those
    // five lists arrive from the database (0 to 5: DataLoader batches what is asked for in one tick). So 13 to 18
    // statements, whatever the number of reports; an N+1 would be 20+ per relation.
    for (const n of [many, few]) {
      expect(n).toBeGreaterThanOrEqual(13);
      expect(n).toBeLessThanOrEqual(18);
    }
  });

  it("batches reverse links across many entities", async () => {
    const reps = [
      ...["ITU", "UNESCO", "UNDP", "WHO", "FAO", "ILO"].map((id) => ({ __typename: "Agency", id })),
      ...["C1", "C2", "C3", "C5", "C7.e-health"].map((code) => ({ __typename: "ActionLine", code })),
      ...["wsis-forum-2022", "unga-wsis20-hlm-2025"].map((id) => ({ __typename: "Event", id })),
      ...["KEN", "IND"].map((code) => ({ __typename: "Economy", code })),
    ];
    const q = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Agency { reports { id coordinators { id } statusHistory { to } } }
      ... on ActionLine { reports { id coordinators { id } statusHistory { to } } }
      ... on Event { reports { id coordinators { id } statusHistory { to } } }
      ... on Economy { reports { id coordinators { id } statusHistory { to } } }
    } }`;
    // One type at a time: many keys cost exactly what one key costs (the reverse link, then agency links and history).
    for (const type of ["Agency", "ActionLine", "Event", "Economy"]) {
      const ofType = reps.filter((r) => r.__typename === type);
      const one = await full.countStatements(() => full.query(q, { r: ofType.slice(0, 1) }));
      const all = await full.countStatements(async () => {
        const res = await full.query<{ _entities: Array<{ reports: unknown[] }> }>(q, { r: ofType });
        expect(res.errors).toBeUndefined();
      });
      expect([type, all]).toEqual([type, one]);
      expect(all).toBe(type === "Economy" ? 1 : 3);
    }
    // All types at once: four reverse links, then agency links and history for each list as it arrives (DataLoader
    // batches per tick): at most 4 + 2 × 4 statements for these 15 entities and their 40-odd reports.
    const mixed = await full.countStatements(async () => {
      const res = await full.query<{ _entities: Array<{ reports: unknown[] }> }>(q, { r: reps });
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities.reduce((n, e) => n + e.reports.length, 0)).toBeGreaterThan(30);
    });
    expect(mixed).toBeLessThanOrEqual(12);
  });
});
