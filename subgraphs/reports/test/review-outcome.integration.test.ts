import { readFileSync } from "node:fs";
import path from "node:path";
import { callerAs, errorCodeOf, startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { parse } from "csv-parse/sync";
import { reportsModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";

/** The research's file of the resolution's decisions (data/outcome_decisions.csv, its own words). */
const research = parse(readFileSync(path.join(__dirname, "../data/outcome_decisions.csv"), "utf8"), {
  columns: true,
}) as Array<Record<string, string>>;

let sg: TestSubgraph<SeedCounts>;

beforeAll(async () => {
  sg = await startTestSubgraph(reportsModule);
});
afterAll(async () => {
  await sg?.stop();
});

interface Outcome {
  id: string;
  kind: string;
  status: string;
  publishedOn: { value: string; precision: string } | null;
  statusSource: { url: string } | null;
  catalogueText: string;
  authors: Array<{ id: string }>;
  events: Array<{ role: string; event: { id: string }; source: { url: string } }>;
  documents: Array<{
    title: string;
    url: string;
    language: string | null;
    publishedAt: { value: string } | null;
    verified: boolean;
    source: { url: string };
  }>;
  decisions: Array<{
    paragraph: string | null;
    decision: string;
    quote: string;
    verified: boolean;
    note: string | null;
    source: { url: string };
  }>;
  allowedTransitions: string[];
}

const OUTCOME = `{ report(id: "A-RES-80-173") {
  id kind status publishedOn { value precision } statusSource { url } catalogueText authors { id }
  events { role event { id } source { url } }
  documents { title url language publishedAt { value } verified source { url } }
  decisions { paragraph decision quote verified note source { url } }
  allowedTransitions
} }`;

async function outcome(): Promise<Outcome> {
  const res = await sg.query<{ report: Outcome }>(OUTCOME);
  expect(res.errors).toBeUndefined();
  return res.data!.report;
}

describe("the review's outcome: A/RES/80/173", () => {
  it("is a published record, adopted by the General Assembly at its high-level meeting on 17 December 2025", async () => {
    expect(await outcome()).toMatchObject({
      id: "a-res-80-173",
      kind: "REVIEW_OUTCOME",
      status: "PUBLISHED",
      publishedOn: { value: "2025-12-17", precision: "DAY" },
      statusSource: { url: "https://www.itu.int/net4/wsis/ungis/Articles/View/1213" },
      catalogueText: "Submit the outcomes of the WSIS Review",
      authors: [{ id: "UNGA" }],
      events: [
        {
          role: "ADOPTED",
          event: { id: "unga-wsis20-hlm-2025" },
          source: { url: "https://press.un.org/en/2025/ga12746.doc.htm" },
        },
      ],
      allowedTransitions: [],
    });
  });

  it("carries each decision of the research's file, with its paragraph where known, its words, source and flag", async () => {
    const served = (await outcome()).decisions;
    const expected = research
      .filter((r) => !r.decision.startsWith("adopted by consensus"))
      .map((r) => ({
        paragraph: r.paragraph || null,
        decision: r.decision,
        quote: r.quote,
        verified: r.verified === "true",
        note: r.note || null,
        source: { url: r.source_url },
      }));
    expect(served).toEqual(expected);
    // The decisions the hub's users asked after: the task force reporting to CSTD in 2027 (¶67), the action-line
    // implementation road maps with UNGIS (¶113), the IGF made permanent, the biennial report through CSTD.
    expect(served.map((d) => d.paragraph)).toEqual(["67", "113", null, null]);
    expect(served[2].decision).toMatch(/Internet Governance Forum made a permanent forum/);
    expect(served[3].decision).toMatch(/biennial, submitted through CSTD/);
  });

  it("links its documents, the unread one flagged", async () => {
    const documents = (await outcome()).documents;
    expect(documents.map((d) => [d.url, d.verified, d.publishedAt?.value ?? null])).toEqual([
      ["https://undocs.org/A/RES/80/173", false, null],
      ["https://press.un.org/en/2025/ga12746.doc.htm", true, "2025-12"],
      ["https://www.itu.int/net4/wsis/ungis/Articles/View/1213", true, null],
      ["https://publicadministration.desa.un.org/fr/node/3375", true, null],
    ]);
    expect(documents.every((d) => d.language === "en" && d.source.url.startsWith("https://"))).toBe(true);
  });

  it("is listed under its event, and cannot be moved (PUBLISHED is final)", async () => {
    const res = await sg.query<{ _entities: Array<{ reports: Array<{ id: string }> }> }>(
      'query { _entities(representations: [{ __typename: "Event", id: "unga-wsis20-hlm-2025" }]) { ... on Event { reports { id } } } }',
    );
    expect(res.data!._entities[0].reports.map((r) => r.id)).toContain("a-res-80-173");
    const moved = await sg.query(
      'mutation { transitionReport(id: "a-res-80-173", to: WITHDRAWN) { status } }',
      {},
      callerAs("UNGIS", ["admin"]),
    );
    expect(errorCodeOf(moved)).toBe("INVALID_TRANSITION");
  });

  it("leaves the catalogue's reports PLANNED and without documents: no record of their publication was found", async () => {
    const res = await sg.query<{
      reports: { edges: Array<{ node: { status: string; documents: unknown[]; statusSource: unknown } }> };
    }>(
      "{ reports(filter: { kind: STOCKTAKING_REPORT }) { edges { node { status documents { url } statusSource { url } } } } }",
    );
    expect(res.data!.reports.edges.map((e) => e.node)).toEqual([
      { status: "PLANNED", documents: [], statusSource: null },
    ]);
  });
});
