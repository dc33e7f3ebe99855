import { readFileSync } from "node:fs";
import path from "node:path";
import { Supergraph } from "@apollo/federation-internals";
import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate, type GraphQLSchema } from "graphql";
import { DEFAULT_SUPERGRAPH_PATH, loadGatewayConfig } from "../src/config";
import { analyseDocument, limitRules, type QueryLimits } from "../src/limits";
import { operationCost, operationCostWithWork } from "../src/operation-cost";

const limits: QueryLimits = loadGatewayConfig({}).limits;
const supergraph: GraphQLSchema = Supergraph.build(readFileSync(DEFAULT_SUPERGRAPH_PATH, "utf8"))
  .apiSchema()
  .toGraphQLJSSchema();

/** The codes our rules raise for `query` (graphql-js's own rules are not run here unless asked). */
function codes(
  query: string,
  options: { introspection?: boolean; schema?: GraphQLSchema; withSpecifiedRules?: boolean } = {},
): string[] {
  const rules = limitRules(limits, options.introspection ?? true);
  return validate(
    options.schema ?? supergraph,
    parse(query),
    options.withSpecifiedRules ? [...specifiedRules, ...rules] : rules,
  ).map((e) => String(e.extensions.code ?? "GRAPHQL_VALIDATION_FAILED"));
}

const cost = (query: string, variables: Record<string, unknown> = {}, schema = supergraph) =>
  operationCost(schema, parse(query), undefined, variables, limits.defaultListSize);

/** The example operations of the README (its graphql blocks: top-level selections, comments removed). */
function readmeQueries(): string[] {
  const readme = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
  const queries: string[] = [];
  for (const [, block] of readme.matchAll(/```graphql\n([\s\S]*?)```/g)) {
    let depth = 0;
    let current = "";
    for (const ch of block.replace(/#[^\n]*/g, "")) {
      if (depth === 0 && ch !== "{") continue;
      current += ch;
      if (ch === "{") depth += 1;
      if (ch === "}" && --depth === 0) {
        queries.push(current.trim());
        current = "";
      }
    }
  }
  return queries;
}

/** `actionLine { sdgTargets { actionLines { ... code } } }`, `levels` fields deep counting the leaf. */
function deep(levels: number): string {
  let selection = "code";
  for (let level = levels - 3; level >= 0; level--)
    selection = `${level % 2 === 0 ? "sdgTargets" : "actionLines"} { ${selection} }`;
  return `{ actionLine(code: "C5") { ${selection} } }`;
}

describe("the default limits", () => {
  it("are the documented ones", () => {
    expect(limits).toEqual({
      maxDepth: 8,
      maxAliases: 15,
      maxTokens: 1000,
      maxDirectives: 50,
      maxFieldDuplicates: 3,
      maxSelections: 2000,
      maxCost: 20000,
      defaultListSize: 10,
      maxDocumentBytes: 20000,
    });
  });
});

describe("depth", () => {
  it("allows 8 levels and refuses 9 with QUERY_TOO_DEEP", () => {
    expect(codes(deep(8), { withSpecifiedRules: true })).toEqual([]);
    expect(codes(deep(9))).toEqual(["QUERY_TOO_DEEP"]);
  });

  it("counts through fragments and inline fragments, and survives fragment cycles", () => {
    const viaFragments = `{ actionLine(code: "C5") { ...A } }
      fragment A on ActionLine { sdgTargets { ...T } }
      fragment T on SdgTarget { actionLines { ... on ActionLine { sdgTargets { actionLines { sdgTargets { actionLines { sdgTargets { code } } } } } } } }`;
    expect(codes(viaFragments)).toEqual(["QUERY_TOO_DEEP"]);
    const cycle = `{ actionLine(code: "C5") { ...A } } fragment A on ActionLine { sdgTargets { actionLines { ...A } } }`;
    expect(codes(cycle, { withSpecifiedRules: true })).toContain("GRAPHQL_VALIDATION_FAILED");
  });

  it("does not count introspection, so GraphiQL's schema query passes every limit", () => {
    const introspection = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
    });
    expect(codes(introspection)).toEqual([]);
    expect(() => parse(introspection, { maxTokens: limits.maxTokens })).not.toThrow();
  });
});

describe("aliases, directives, duplicates", () => {
  const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(" ")} }`;

  it("allows 15 aliases and refuses 16 with TOO_MANY_ALIASES, counting a fragment each time it is spread", () => {
    expect(codes(aliases(15))).toEqual([]);
    expect(codes(aliases(16))).toEqual(["TOO_MANY_ALIASES"]);
    const spread = `{ agencies { ...F ...F ...F ...F } } fragment F on Agency { a: id b: id c: id d: id }`;
    expect(codes(spread)).toEqual(["TOO_MANY_ALIASES", "TOO_MANY_DUPLICATE_FIELDS"]);
  });

  it("allows 50 directives and refuses 51 with TOO_MANY_DIRECTIVES", () => {
    const directives = (n: number) => `{ agencies { ${"... @include(if: true) { id } ".repeat(n)}} }`;
    expect(codes(directives(50))).toEqual([]);
    expect(codes(directives(51))).toEqual(["TOO_MANY_DIRECTIVES"]);
  });

  it("allows a field 3 times in one selection set and refuses a 4th with TOO_MANY_DUPLICATE_FIELDS (once per selection set)", () => {
    expect(codes("{ agencies { id id id name } }")).toEqual([]);
    expect(codes("{ agencies { id id id id } }")).toEqual(["TOO_MANY_DUPLICATE_FIELDS"]);
    expect(codes(`{ agencies { ${"id ".repeat(500)}} }`)).toEqual(["TOO_MANY_DUPLICATE_FIELDS"]);
    expect(codes(`{ agencies { id ${"...F ".repeat(4)}} } fragment F on Agency { name }`)).toEqual([
      "TOO_MANY_DUPLICATE_FIELDS",
    ]);
  });

  it("refuses introspection with INTROSPECTION_DISABLED when it is off, but not __typename", () => {
    expect(codes("{ __schema { types { name } } }", { introspection: false })).toEqual(["INTROSPECTION_DISABLED"]);
    expect(codes('{ __type(name: "Agency") { name } }', { introspection: false })).toEqual(["INTROSPECTION_DISABLED"]);
    expect(codes("{ __typename agencies { __typename id } }", { introspection: false })).toEqual([]);
  });

  it("stops parsing past the token limit", () => {
    expect(() => parse(`{ a(b: ${"[".repeat(600)}${"]".repeat(600)}) }`, { maxTokens: limits.maxTokens })).toThrow(
      /more th(an|at) 1000 tokens/,
    );
    expect(() => parse(`{ ${"a ".repeat(990)}}`, { maxTokens: limits.maxTokens })).not.toThrow();
  });
});

describe("cost", () => {
  const schema = buildSchema(`
    type Query { items(first: Int): [Item!]! page(first: Int! = 20): Page! one: Item }
    type Item { id: ID! children: [Item!]! parent: Item }
    type Page { edges: [Edge!]! totalCount: Int! }
    type Edge { node: Item! }
  `);

  it("counts objects, multiplied by the sizes of the lists they sit in; scalars are free", () => {
    expect(cost("{ one { id } }", {}, schema)).toBe(1);
    expect(cost("{ one { parent { id } } }", {}, schema)).toBe(2);
    expect(cost("{ items { id } }", {}, schema)).toBe(10);
    expect(cost("{ items { children { id } } }", {}, schema)).toBe(110);
    expect(cost("{ items(first: 3) { children { id } } }", {}, schema)).toBe(33);
  });

  it("sizes a connection's edges by its `first`, from the query, the variables or the variable's default", () => {
    expect(cost("{ page(first: 100) { edges { node { id } } totalCount } }", {}, schema)).toBe(1 + 100 * 2);
    expect(cost("query($n: Int!) { page(first: $n) { edges { node { parent { id } } } } }", { n: 50 }, schema)).toBe(
      1 + 50 * 3,
    );
    expect(cost("query($n: Int! = 5) { page(first: $n) { edges { node { id } } } }", {}, schema)).toBe(1 + 5 * 2);
  });

  it("counts fragments where they are spread, and an unknown field with a selection as a list", () => {
    expect(cost("{ items { ...F ...F } } fragment F on Item { parent { id } }", {}, schema)).toBe(10 * 3);
    expect(cost("{ unknown { id } }", {}, schema)).toBe(10);
  });

  it("prices a walk of the matrix back and forth far over the limit", () => {
    const walk = "{ sdgGoals { targets { actionLines { sdgTargets { actionLines { code } } } } } }";
    expect(cost(walk)).toBe(111110);
    expect(cost(walk)).toBeGreaterThan(limits.maxCost);
  });
});

describe("the public contract stays within every limit", () => {
  // The contract queries users and dashboards will write (the domain description), each on its own and all at once.
  const CONTRACT = [
    "actionLines { code title facilitators { id name } sdgTargets { code title goal { code title } } events { id title startDate } reports { id title status } }",
    'actionLine(code: "C5") { code title facilitators { id name } sdgTargets { code title goal { code } } }',
    "sdgGoals { code title targets { code indicators { code title ictIndicators { code name } } } }",
    'sdgTarget(code: "17.8") { code title actionLines { code title } indicators { code title } }',
    'sdgIndicator(code: "17.8.1") { code title ictIndicators { code name } }',
    "agencies { id name }",
    'agency(id: "ITU") { id name actionLines { code } events { id title } }',
    'events(filter: { year: 2025, kind: FORUM, actionLine: "C7.e-health", organiser: "ITU" }) { id title startDate organisers { id name } actionLines { code title } }',
    'event(id: "wsis-forum-2025") { id title startDate reports { id title } }',
    'economies(filter: { region: "Africa" }) { code m49 name region subRegion }',
    'economy(code: "KEN") { code name region reports { id title } events { id title } }',
    "indicators { code name unit sdgIndicators { code } }",
    'indicator(code: "IT.NET.USER.ZS") { code name unit sdgIndicators { code title } }',
    'observations(filter: { indicator: "IT.NET.USER.ZS", economies: ["KEN", "IND"], fromYear: 2010, toYear: 2022 }, first: 100, after: "abc") { edges { node { economy { code } year value unit breakdown { sex } } } pageInfo { hasNextPage endCursor } totalCount }',
    "reports(filter: { kind: ACTION_LINE_REVIEW, status: PUBLISHED }) { id title status actionLines { code } agencies { id } }",
    'report(id: "wsis20-progress-report") { id title status events { id } indicators { code } }',
  ];
  const README = readmeQueries();

  it.each([...CONTRACT.map((q) => `{ ${q} }`), `{ ${CONTRACT.join("\n")} }`, ...README])("%s", (query) => {
    expect(Buffer.byteLength(query)).toBeLessThanOrEqual(limits.maxDocumentBytes);
    expect(() => parse(query, { maxTokens: limits.maxTokens })).not.toThrow();
    expect(codes(query, { introspection: false })).toEqual([]);
    expect(cost(query)).toBeLessThanOrEqual(limits.maxCost);
  });

  it("the README has examples, valid against the committed supergraph", () => {
    expect(README.length).toBeGreaterThan(15);
    for (const query of README)
      expect({ query, errors: codes(query, { introspection: false, withSpecifiedRules: true }) }).toEqual({
        query,
        errors: [],
      });
  });

  it("the heaviest contract query, the whole domain at once, costs about 12,000", () => {
    const all = cost(`{ ${CONTRACT.join("\n")} }`);
    expect(all).toBeGreaterThan(10_000);
    expect(all).toBeLessThan(limits.maxCost);
  });
});

describe("fragment fan-out (each fragment spreads the one before three times)", () => {
  /** `fragment Fi on Query { ...Fi-1 ...Fi-1 ...Fi-1 }` down to F0; `shape` varies how the copies are written. */
  function fanOut(n: number, shape: "spreads" | "inline" = "spreads"): string {
    const parts = [`query Q { ...F${n} }`, `fragment F0 on Query { __typename }`];
    for (let i = 1; i <= n; i++) {
      const copy = `...F${i - 1}`;
      parts.push(
        `fragment F${i} on Query { ${shape === "spreads" ? `${copy} ${copy} ${copy}` : `${copy} ... { ${copy} } ... on Query { ${copy} }`} }`,
      );
    }
    return parts.join("\n");
  }
  const selectionsIn = (query: string) => (query.match(/\.\.\.F\d+|__typename/g) ?? []).length;

  it("passes the other limits: three copies per selection set, few tokens, a small document", () => {
    const query = fanOut(13);
    expect(Buffer.byteLength(query)).toBeLessThan(700);
    expect(() => parse(query, { maxTokens: 200 })).not.toThrow();
    expect(codes(query).filter((c) => c !== "TOO_MANY_SELECTIONS")).toEqual([]);
  });

  it.each([10, 13, 20, 30])("n = %i: refused with TOO_MANY_SELECTIONS, the expanded size named", (n) => {
    expect(codes(fanOut(n), { withSpecifiedRules: true })).toEqual(["TOO_MANY_SELECTIONS"]);
    expect(codes(fanOut(n, "inline"), { withSpecifiedRules: true })).toEqual(["TOO_MANY_SELECTIONS"]);
    const [error] = validate(supergraph, parse(fanOut(n)), limitRules(limits, true));
    expect(error.message).toBe(
      `The query selects ${3 ** n} fields once its fragments are expanded; at most ${limits.maxSelections} are allowed`,
    );
    expect(error.extensions).toEqual({ code: "TOO_MANY_SELECTIONS", limit: limits.maxSelections });
  });

  it("allows the same shape while it stays under the limit (3^6 = 729 fields)", () => {
    expect(codes(fanOut(6), { withSpecifiedRules: true })).toEqual([]);
  });

  it("measures every fragment once: the work done grows with the document, not with its expansion (n = 10…30)", () => {
    for (const shape of ["spreads", "inline"] as const) {
      const work: number[] = [];
      for (let n = 10; n <= 30; n++) {
        const document = parse(fanOut(n, shape));
        const analysis = analyseDocument(document);
        const costed = operationCostWithWork(supergraph, document, "Q", {}, limits.defaultListSize);
        // Each selection written in the document is visited once by the limit checks, and once by the cost walk.
        expect(analysis.visited).toBe(selectionsIn(fanOut(n, shape)) + (shape === "inline" ? 2 * n : 0));
        expect(costed.visited).toBeLessThanOrEqual(analysis.visited);
        expect(analysis.operations[0].selections).toBe(3 ** n);
        work.push(analysis.visited);
      }
      const steps = new Set(work.slice(1).map((w, i) => w - work[i]));
      expect(steps.size).toBe(1);
    }
  });

  it("keeps every count of a fragment cycle finite (graphql-js reports the cycle)", () => {
    const cycle = "{ ...A } fragment A on Query { ...B ...B } fragment B on Query { ...A __typename }";
    expect(codes(cycle, { withSpecifiedRules: true })).toContain("GRAPHQL_VALIDATION_FAILED");
    expect(analyseDocument(parse(cycle)).operations[0].selections).toBeLessThan(10);
  });
});
