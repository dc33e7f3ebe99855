import { readFileSync } from "node:fs";
import path from "node:path";
import { startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { parse } from "csv-parse/sync";
import { actionLinesModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";

/**
 * SDG goals, targets and indicators carry the UN's linked-data IRIs (http://metadata.un.org/sdg), read from the shipped
 * extract of the SDG Knowledge Organization System (data/unsd_sdg_kos_iris.csv) — parsed here on its own and compared
 * with what the API serves for every code, without costing a statement.
 */
const kos = (
  parse(readFileSync(path.join(__dirname, "../data/unsd_sdg_kos_iris.csv"), "utf8"), { columns: true }) as Array<
    Record<string, string>
  >
).reduce((m, r) => m.set(`${r.kind}|${r.code}`, r.iri), new Map<string, string>());

let sg: TestSubgraph<SeedCounts>;

beforeAll(async () => {
  sg = await startTestSubgraph(actionLinesModule);
});
afterAll(async () => {
  await sg?.stop();
});

describe("UN linked-data IRIs", () => {
  it("every goal, target and indicator has its IRI from the KOS, or null where the KOS has none", async () => {
    const q = "{ sdgGoals { code iri targets { code iri indicators { code iri } } } }";
    let data:
      | {
          sdgGoals: Array<{
            code: string;
            iri: string | null;
            targets: Array<{
              code: string;
              iri: string | null;
              indicators: Array<{ code: string; iri: string | null }>;
            }>;
          }>;
        }
      | undefined;
    const withIri = await sg.countStatements(async () => {
      const res = await sg.query<NonNullable<typeof data>>(q);
      expect(res.errors).toBeUndefined();
      data = res.data!;
    });
    const without = await sg.countStatements(() =>
      sg.query("{ sdgGoals { code targets { code indicators { code } } } }"),
    );
    expect(withIri).toBe(without);

    const goals = data!.sdgGoals;
    expect(goals).toHaveLength(17);
    for (const g of goals) {
      expect(g.iri).toBe(`http://metadata.un.org/sdg/${g.code}`);
      for (const t of g.targets) {
        expect(t.iri).toBe(`http://metadata.un.org/sdg/${t.code}`);
        for (const i of t.indicators) expect(i.iri).toBe(kos.get(`indicator|${i.code}`) ?? null);
      }
    }
    const indicators = goals.flatMap((g) => g.targets.flatMap((t) => t.indicators));
    expect(indicators.filter((i) => i.iri !== null).length).toBeGreaterThan(230);
  });

  it("indicators have permanent codes, not built from their number: 4.4.1, 17.8.1, and 1.5.1 shared with 11.5.1 and 13.1.1", async () => {
    const res = await sg.query<Record<string, { iri: string | null }>>(
      '{ a: sdgIndicator(code: "4.4.1") { iri } b: sdgIndicator(code: "17.8.1") { iri } c: sdgIndicator(code: "1.5.1") { iri } d: sdgIndicator(code: "13.1.1") { iri } e: sdgIndicator(code: "11.5.3") { iri } f: sdgTarget(code: "4.a") { iri } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      a: { iri: "http://metadata.un.org/sdg/C040401" },
      b: { iri: "http://metadata.un.org/sdg/C170801" },
      c: { iri: "http://metadata.un.org/sdg/C200303" },
      d: { iri: "http://metadata.un.org/sdg/C200303" },
      // added in 2022, after the version of the KOS shipped
      e: { iri: null },
      f: { iri: "http://metadata.un.org/sdg/4.a" },
    });
  });
});
