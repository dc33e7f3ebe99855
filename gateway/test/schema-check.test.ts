import { composeSubgraphs, type SubgraphSdl } from "../src/composition";
import { readOperations } from "../src/operations";
import { checkSupergraph, formatReport, type CheckProblem } from "../src/schema-check";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * `npm run compose -- --check` on two small subgraphs: one test per kind of breaking change the issue lists, the
 * composition errors with their subgraph and element, and the operation check. Each change is made to the "stats"
 * subgraph; "regions" extends Economy from outside, as an agency's subgraph would.
 */
const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';
const STATS = `${LINK}
type Query {
  economy(code: ID!, year: Int): Economy
  economies(filter: EconomyFilter): [Economy!]!
  dataset(id: ID!): Dataset
}
type Economy @key(fields: "code") {
  code: ID!
  name: String!
  region: Region
}
type Dataset @key(fields: "id") {
  id: ID!
  title: String!
}
enum Region { AFRICA EUROPE }
input EconomyFilter { region: Region name: String }
`;
const REGIONS = `${LINK}
type Economy @key(fields: "code") {
  code: ID!
  commissions: [String!]!
}
`;
const OPERATIONS = [{ origin: "README.md#1", document: '{ economy(code: "KEN") { name region commissions } }' }];

const subgraphs = (stats: string, regions = REGIONS): SubgraphSdl[] => [
  { name: "stats", url: "http://127.0.0.1:4001/graphql", sdl: stats },
  { name: "regions", url: "http://127.0.0.1:4009/graphql", sdl: regions },
];
const committed = composeSubgraphs(subgraphs(STATS)).supergraphSdl as string;

async function check(stats: string, regions?: string, operations = OPERATIONS): Promise<CheckProblem[]> {
  return (
    await checkSupergraph({
      committedSupergraphSdl: committed,
      subgraphs: subgraphs(stats, regions),
      operations,
      subgraph: "stats",
    })
  ).problems;
}
const codes = (problems: CheckProblem[]) => problems.map((p) => [p.kind, p.code, p.element]);

describe("the check before a change goes live", () => {
  it("passes an unchanged or only grown supergraph", async () => {
    expect(await check(STATS)).toEqual([]);
    expect(await check(STATS.replace("  region: Region\n", "  region: Region\n  population: Int\n"))).toEqual([]);
    const report = await checkSupergraph({
      committedSupergraphSdl: committed,
      subgraphs: subgraphs(STATS),
      operations: OPERATIONS,
    });
    expect(formatReport(report)).toMatch(/^ok: .* the 1 known operations valid/);
  });

  it("catches a removed type", async () => {
    const removed = STATS.replace("  dataset(id: ID!): Dataset\n", "").replace(/type Dataset[^}]*}\n/, "");
    expect(codes(await check(removed))).toEqual(expect.arrayContaining([["breaking", "TYPE_REMOVED", "Dataset"]]));
  });

  it("catches a removed field, and a renamed one (removed under its old name)", async () => {
    expect(codes(await check(STATS.replace("  title: String!\n", "")))).toEqual([
      ["breaking", "FIELD_REMOVED", "Dataset.title"],
    ]);
    expect(codes(await check(STATS.replace("  title: String!\n", "  name: String!\n")))).toEqual([
      ["breaking", "FIELD_REMOVED", "Dataset.title"],
    ]);
  });

  it("catches a removed argument", async () => {
    expect(codes(await check(STATS.replace("economy(code: ID!, year: Int)", "economy(code: ID!)")))).toEqual([
      ["breaking", "FIELD_ARGUMENT_REMOVED", "Query.economy.year"],
    ]);
  });

  it("catches a removed enum value", async () => {
    expect(codes(await check(STATS.replace("enum Region { AFRICA EUROPE }", "enum Region { AFRICA }")))).toEqual([
      ["breaking", "ENUM_VALUE_REMOVED", "Region.EUROPE"],
    ]);
  });

  it("catches output nullability loosened", async () => {
    expect(codes(await check(STATS.replace("  name: String!\n", "  name: String\n")))).toEqual([
      ["breaking", "FIELD_TYPE_CHANGED", "Economy.name"],
    ]);
  });

  it("catches input nullability tightened (an argument, an input field)", async () => {
    // The README's operation does not give the year: it no longer validates either.
    expect(codes(await check(STATS.replace("year: Int)", "year: Int!)")))).toEqual([
      ["breaking", "FIELD_ARGUMENT_TYPE_CHANGED", "Query.economy.year"],
      ["operation", "OPERATION_INVALID", "README.md#1"],
    ]);
    expect(
      codes(await check(STATS.replace("region: Region name: String }", "region: Region! name: String }"))),
    ).toEqual([["breaking", "INPUT_FIELD_TYPE_CHANGED", "EconomyFilter.region"]]);
  });

  it("catches a new required argument and a new required input field", async () => {
    expect(codes(await check(STATS.replace("dataset(id: ID!)", "dataset(id: ID!, version: Int!)")))).toEqual([
      ["breaking", "FIELD_ARGUMENT_ADDED", "Query.dataset.version"],
    ]);
    expect(codes(await check(STATS.replace("name: String }", "name: String since: Int! }")))).toEqual([
      ["breaking", "INPUT_FIELD_ADDED", "EconomyFilter.since"],
    ]);
    // optional ones break nothing
    expect(await check(STATS.replace("dataset(id: ID!)", "dataset(id: ID!, version: Int)"))).toEqual([]);
  });

  it("catches a changed key", async () => {
    const rekeyed = STATS.replace('type Dataset @key(fields: "id")', 'type Dataset @key(fields: "title")');
    expect(codes(await check(rekeyed))).toEqual([["breaking", "KEY_CHANGED", "Dataset"]]);
    const problem = (await check(rekeyed))[0];
    expect(problem).toMatchObject({
      subgraph: "stats",
      message: expect.stringMatching(/"id" of Dataset in stats .*now "title"/),
    });
  });

  it("reports composition errors with the subgraph and the element at fault, and checks nothing further", async () => {
    const clash = REGIONS.replace("commissions: [String!]!", "commissions: [String!]!\n  name: Int");
    const problems = await check(STATS, clash);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.kind === "composition")).toBe(true);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ element: "Economy.name", message: expect.stringMatching(/regions/) }),
      ]),
    );
    expect(await check("type Query {")).toEqual([
      expect.objectContaining({ kind: "composition", code: "INVALID_GRAPHQL", subgraph: "stats" }),
    ]);
  });

  it("validates every known operation against the new supergraph, naming where it came from", async () => {
    const problems = await check(STATS, REGIONS.replace("commissions: [String!]!", "regionalCommissions: [String!]!"));
    expect(codes(problems)).toEqual([
      ["breaking", "FIELD_REMOVED", "Economy.commissions"],
      ["operation", "OPERATION_INVALID", "README.md#1"],
    ]);
    expect(problems[1].message).toMatch(/Cannot query field "commissions" on type "Economy"/);
    expect(formatReport({ problems, notes: [], operationsChecked: 1 })).toMatch(
      /^2 problem\(s\): the proposed supergraph must not go live\n {2}breaking {4}FIELD_REMOVED \[stats\] Economy\.commissions: /,
    );
  });
});

describe("the operations the hub knows", () => {
  it("are read from Markdown (graphql blocks, curl bodies), code (template literals) and JSON (allowlists, persisted documents)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wsis-ops-"));
    const md = path.join(dir, "README.md");
    writeFileSync(
      md,
      '```graphql\n{ a }          # one\n{ b { c } }\n```\n\n```sh\ncurl -d \'{"query":"{ d(code: \\"C5\\") { e } }"}\'\n```\n',
    );
    const ts = path.join(dir, "workload.ts");
    writeFileSync(
      ts,
      "const q = `query W1($x: ID!) { f(x: $x) { ...F } } fragment F on T { g }`;\nconst sql = `SELECT 1`;\nconst t = `x ${'${'}y}`;\n",
    );
    const json = path.join(dir, "persisted.json");
    writeFileSync(json, JSON.stringify({ abc: "query P { h }" }));
    const { operations, missing } = readOperations([md, ts, json, path.join(dir, "absent.json")], dir);
    expect(operations.map((o) => o.origin)).toEqual([
      "README.md#1",
      "README.md#2",
      "README.md#3",
      "workload.ts#W1",
      "persisted.json#P",
    ]);
    expect(operations[2].document).toContain('d(code: "C5")');
    expect(operations[3].document).toContain("fragment F on T");
    expect(missing).toEqual(["absent.json"]);
  });
});
