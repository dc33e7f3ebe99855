import { composeServices } from "@apollo/composition";
import { buildOperationContext } from "@apollo/gateway";
import { operationFromDocument, Supergraph } from "@apollo/federation-internals";
import { QueryPlanner } from "@apollo/query-planner";
import { parse } from "graphql";
import gql from "graphql-tag";
import { passthroughFetch, type FullSchema } from "../src/single-fetch";

/**
 * Which plans the gateway hands on as received (single-fetch.ts), decided on real query plans of a small supergraph
 * that has what the hub's does not (yet): an interface, a union, an entity split over two subgraphs and an enum value
 * hidden by @inaccessible. The answers themselves are compared with Apollo's in test/src/single-fetch.e2e.test.ts.
 */
const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@inaccessible"])';
const composed = composeServices([
  {
    name: "a",
    url: "http://a.invalid/graphql",
    typeDefs: gql`
      ${LINK}
      type Query { things: [Thing!]! node(id: ID!): Node item: Item color: Color thing(id: ID!): Thing }
      interface Node { id: ID! }
      type Thing implements Node @key(fields: "id") { id: ID! name: String }
      type Other implements Node { id: ID! label: String }
      union Item = Thing | Other
      enum Color { RED GREEN SECRET @inaccessible }
    `,
  },
  {
    name: "b",
    url: "http://b.invalid/graphql",
    typeDefs: gql`
      ${LINK}
      type Thing @key(fields: "id") { id: ID! extra: Int }
    `,
  },
]);
if (!composed.supergraphSdl)
  throw new Error(`composition failed: ${composed.errors?.map((e) => e.message).join("; ")}`);
const supergraph = Supergraph.build(composed.supergraphSdl);
const apiSchema = supergraph.apiSchema();
const graphqlSchema = apiSchema.toGraphQLJSSchema();
const planner = new QueryPlanner(supergraph);
const full: FullSchema = {
  sizeOf: (name) => {
    const type = supergraph.schema.type(name);
    if (type?.kind === "EnumType") return type.values.length;
    if (type?.kind === "UnionType") return type.types().length;
    if (type?.kind === "InterfaceType") return type.possibleRuntimeTypes().length;
    return undefined;
  },
};

function decide(query: string) {
  const document = parse(query);
  const plan = planner.buildQueryPlan(operationFromDocument(apiSchema, document));
  return passthroughFetch(plan, buildOperationContext({ schema: graphqlSchema, operationDocument: document }), full);
}

describe("one-fetch plans handed on as received", () => {
  it.each([
    ["plain fields of one subgraph", "{ things { id name } }"],
    ["aliases", "{ t: things { i: id n: name } }"],
    ["__typename asked on an object type", "{ things { __typename id } }"],
    ["@skip/@include on variables inside the fetch", "query ($on: Boolean!) { things { id name @include(if: $on) } }"],
    ["named fragments on an object type", "{ things { ...F } } fragment F on Thing { id name }"],
    ["the entity's own fields from its first subgraph", '{ thing(id: "1") { id name } }'],
    ["an enum without hidden values is not involved", "{ things { id } }"],
  ])("%s", (_name, query) => {
    expect(decide(query)?.serviceName).toBe("a");
  });
});

describe("plans that need the gateway's execution", () => {
  it.each([
    ["a root __typename", "{ __typename things { id } }"],
    ["introspection", "{ __schema { queryType { name } } things { id } }"],
    ["a field from a second subgraph", "{ things { id extra } }"],
    ["fragments on an interface (the planner adds __typename)", '{ node(id: "1") { id ... on Thing { name } } }'],
    ["fragments on a union", "{ item { ... on Thing { id } ... on Other { label } } }"],
    ["an enum with a value the API schema hides", "{ color }"],
    ["a root @include on a variable", "query ($on: Boolean!) { things @include(if: $on) { id } }"],
  ])("%s", (_name, query) => {
    expect(decide(query)).toBeNull();
  });

  it("a mutation is never handed on", () => {
    const plan = {
      kind: "QueryPlan" as const,
      node: {
        kind: "Fetch" as const,
        serviceName: "a",
        operation: "mutation { x }",
        operationName: undefined,
        operationKind: "mutation" as never,
      },
    };
    const document = parse("mutation { x }");
    expect(
      passthroughFetch(
        plan,
        { schema: graphqlSchema, operation: document.definitions[0] as never, fragments: {} },
        full,
      ),
    ).toBeNull();
  });
});
