import { startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { stocktakingModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";
import { AS, fixture, published } from "./fixtures";

/**
 * The same queries against a database with many entries, awards and prize cycles and against one with few: the number
 * of SQL statements must be the same, so it does not grow with the size of a list. (TEST FIXTURE entries only.)
 */
let many: TestSubgraph<SeedCounts>;
let few: TestSubgraph<SeedCounts>;

async function populate(sg: TestSubgraph<SeedCounts>, n: number): Promise<void> {
  const lines = ["C1", "C2", "C5", "C7.e-health", "C7.e-learning", "C11"];
  for (let i = 0; i < n; i += 1) {
    const entry = await published(
      sg,
      fixture({
        actionLines: [lines[i % 6], lines[(i + 1) % 6]],
        economies: [["KEN", "IND", "BRA"][i % 3]],
        sdgGoals: [String((i % 17) + 1)],
      }),
      i % 2 ? AS.itu : AS.unesco,
    );
    const res = await sg.query(
      "mutation($input: AwardPrizeInput!) { awardPrize(input: $input) { id } }",
      {
        input: { cycle: 2025, category: lines[i % 6], rank: i % 3 ? "CHAMPION" : "WINNER", entry: entry.id },
      },
      AS.moderator,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
  }
}

beforeAll(async () => {
  [many, few] = await Promise.all([startTestSubgraph(stocktakingModule), startTestSubgraph(stocktakingModule)]);
  await populate(many, 12);
  await populate(few, 2);
  // The small database keeps one prize cycle (with its awards).
  await few.dataSource.query("DELETE FROM prize_cycle WHERE year <> 2025");
});
afterAll(async () => {
  await Promise.all([many?.stop(), few?.stop()]);
});

async function statements(
  sg: TestSubgraph<SeedCounts>,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ count: number; data: Record<string, unknown> }> {
  let data: Record<string, unknown> = {};
  const count = await sg.countStatements(async () => {
    const res = await sg.query(query, variables);
    expect(res.errors).toBeUndefined();
    data = res.data!;
  });
  return { count, data };
}

const ENTRY = `id title start { value } actionLines { code } economies { code } sdgGoals { code } submittingAgency { id }
  allowedTransitions source { id } awards { rank cycle { year } category { key name } source { id } }`;

describe("no N+1", () => {
  it("a page of entries with every relation: the same statements for 12 entries as for 2", async () => {
    const q = `{ stocktakingEntries(first: 100) { totalCount edges { node { ${ENTRY} } } } }`;
    const a = await statements(many, q);
    const b = await statements(few, q);
    expect((a.data.stocktakingEntries as { edges: unknown[] }).edges).toHaveLength(12);
    expect((b.data.stocktakingEntries as { edges: unknown[] }).edges).toHaveLength(2);
    // page, count, action lines, economies, goals, awards, the awards' cycles and categories: one statement each (8);
    // sources: of the entries and of their awards, in one batch or two (DataLoader batches what is asked for in one
    // tick). So 9 or 10, whatever the number of entries; an N+1 would be 10 statements more per relation.
    for (const n of [a.count, b.count]) {
      expect(n).toBeGreaterThanOrEqual(9);
      expect(n).toBeLessThanOrEqual(10);
    }
  });

  it("every prize cycle with its phases, categories, figures and awards: the same for 5 cycles as for 1", async () => {
    const q = `{ prizeCycles { year source { id } phases { start { value } event { id } source { id } } categories { key actionLine { code } awards { id } nameSource { id } source { id } }
      figures { kind source { id } } submissions { value } votes { value } awards { rank entry { id title actionLines { code } } } } }`;
    const a = await statements(many, q);
    const b = await statements(few, q);
    expect((a.data.prizeCycles as unknown[]).length).toBe(5);
    expect((b.data.prizeCycles as unknown[]).length).toBe(1);
    // cycles, phases, categories, figures, awards, the awarded entries, their action lines: one statement each (7).
    // Sources: of the cycles, and of the phases, categories and figures one per moment those lists arrive from the
    // database (1 to 4: DataLoader batches what is asked for in one tick). So 8 to 11, whatever the number of cycles,
    // awards and entries; an N+1 would be 5 statements more per relation.
    for (const n of [a.count, b.count]) {
      expect(n).toBeGreaterThanOrEqual(8);
      expect(n).toBeLessThanOrEqual(11);
    }
  });

  it("batches entity references and the reverse lists: as many statements for many keys as for one", async () => {
    const entries = (await statements(many, "{ stocktakingEntries(first: 100) { edges { node { id } } } }")).data
      .stocktakingEntries as { edges: Array<{ node: { id: string } }> };
    const refs = entries.edges.map((e) => ({ __typename: "StocktakingEntry", id: e.node.id }));
    const q = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on StocktakingEntry { id actionLines { code } awards { rank } }
      ... on ActionLine { stocktakingEntries(first: 5) { id economies { code } } }
      ... on Economy { stocktakingEntries { id sdgGoals { code } } }
      ... on SdgGoal { stocktakingEntries { id } }
      ... on PrizeCycle { year phases { label } } } }`;
    const sets = [
      refs,
      ["C1", "C2", "C5", "C7", "C7.e-health", "C11"].map((code) => ({ __typename: "ActionLine", code })),
      ["KEN", "IND", "BRA", "USA"].map((code) => ({ __typename: "Economy", code })),
      ["1", "2", "3", "4", "5"].map((code) => ({ __typename: "SdgGoal", code })),
      [2022, 2023, 2024, 2025, 2026].map((year) => ({ __typename: "PrizeCycle", year })),
    ];
    for (const reps of sets) {
      const one = await statements(many, q, { r: reps.slice(0, 1) });
      const all = await statements(many, q, { r: reps });
      expect([reps[0].__typename, all.count]).toEqual([reps[0].__typename, one.count]);
      expect(all.count).toBeLessThanOrEqual(3);
    }
  });

  it("statistics: one statement per list asked for, whatever the number of entries", async () => {
    const q =
      "{ stocktakingStatistics { total byActionLine { count } byStakeholderType { count } byYear { count } byEconomy { count } bySdgGoal { count } byStatus { count } } }";
    expect((await statements(many, q)).count).toBe(7);
    expect((await statements(few, q)).count).toBe(7);
  });
});
