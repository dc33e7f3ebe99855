import { readFileSync } from "node:fs";
import path from "node:path";
import { Supergraph } from "@apollo/federation-internals";
import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate, type GraphQLSchema } from "graphql";
import { DEFAULT_SUPERGRAPH_PATH, loadGatewayConfig } from "../src/config";
import { limitRules, operationCost, type QueryLimits } from "../src/limits";

const limits: QueryLimits = loadGatewayConfig({}).limits;
const supergraph: GraphQLSchema = Supergraph.build(readFileSync(DEFAULT_SUPERGRAPH_PATH, "utf8")).apiSchema().toGraphQLJSSchema();

/** The codes our rules raise for `query` (graphql-js's own rules are not run here unless asked). */
function codes(query: string, options: { introspection?: boolean; schema?: GraphQLSchema; withSpecifiedRules?: boolean } = {}): string[] {
  const rules = limitRules(limits, options.introspection ?? true);
  return validate(options.schema ?? supergraph, parse(query), options.withSpecifiedRules ? [...specifiedRules, ...rules] : rules).map((e) =>
    String(e.extensions.code ?? "GRAPHQL_VALIDATION_FAILED"),
  );
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
  for (let level = levels - 3; level >= 0; level--) selection = `${level % 2 === 0 ? "sdgTargets" : "actionLines"} { ${selection} }`;
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
    const introspection = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true });
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
    expect(codes(`{ agencies { id ${"...F ".repeat(4)}} } fragment F on Agency { name }`)).toEqual(["TOO_MANY_DUPLICATE_FIELDS"]);
  });

  it("refuses introspection with INTROSPECTION_DISABLED when it is off, but not __typename", () => {
    expect(codes("{ __schema { types { name } } }", { introspection: false })).toEqual(["INTROSPECTION_DISABLED"]);
    expect(codes('{ __type(name: "Agency") { name } }', { introspection: false })).toEqual(["INTROSPECTION_DISABLED"]);
    expect(codes("{ __typename agencies { __typename id } }", { introspection: false })).toEqual([]);
  });

  it("stops parsing past the token limit", () => {
    expect(() => parse(`{ a(b: ${"[".repeat(600)}${"]".repeat(600)}) }`, { maxTokens: limits.maxTokens })).toThrow(/more th(an|at) 1000 tokens/);
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
    expect(cost("query($n: Int!) { page(first: $n) { edges { node { parent { id } } } } }", { n: 50 }, schema)).toBe(1 + 50 * 3);
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
    for (const query of README) expect({ query, errors: codes(query, { introspection: false, withSpecifiedRules: true }) }).toEqual({ query, errors: [] });
  });

  it("the heaviest contract query, the whole domain at once, costs about 12,000", () => {
    const all = cost(`{ ${CONTRACT.join("\n")} }`);
    expect(all).toBeGreaterThan(10_000);
    expect(all).toBeLessThan(limits.maxCost);
  });
});
