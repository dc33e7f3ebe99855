import { Writable } from "node:stream";
import { buildSubgraphSchema } from "@apollo/subgraph";
import gql from "graphql-tag";
import pino from "pino";
import type { DataSource } from "typeorm";
import {
  createCallerVerifier,
  createSubgraphServer,
  derivedCallerSigningKey,
  localCallerKeys,
  publicJwks,
  NotFoundError,
  BadUserInputError,
  type SubgraphServer,
} from "../src";
import type { ExecutionMode } from "../src/graphql/compiled-execution";
import { freePort } from "../src/net";

// The same subgraph served by graphql-js and by graphql-jit must answer every request identically: status, body (byte
// for byte, errors and their order included) and cache policy. Each case below is one way the two could part.

const schema = buildSubgraphSchema({
  typeDefs: gql`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    enum Kind {
      FORUM
      SUMMIT
    }
    interface Node {
      id: ID!
    }
    type Goal implements Node @key(fields: "code") {
      id: ID!
      code: ID!
      title: String
      kind: Kind
      targets(first: Int = 2): [Target!]!
      strictTitle: String!
      nullableTargets: [Target]
    }
    type Target implements Node @key(fields: "code") {
      id: ID!
      code: ID!
      title: String!
    }
    union Item = Goal | Target
    type Query {
      goal(code: ID!): Goal
      goals(codes: [ID!]!): [Goal!]!
      items: [Item!]!
      nodes: [Node]
      missing: Goal
      boom: String
      refused(year: Int): Int
      strictGoal: Goal!
    }
  `,
  resolvers: {
    Query: {
      goal: (_: unknown, { code }: { code: string }) => ({ id: `g${code}`, code }),
      goals: (_: unknown, { codes }: { codes: string[] }) => codes.map((code) => ({ id: `g${code}`, code })),
      items: () => [
        { __typename: "Goal", id: "g1", code: "1" },
        { __typename: "Target", id: "t1", code: "1.1" },
      ],
      nodes: () => [{ __typename: "Target", id: "t2", code: "1.2" }, null],
      missing: () => {
        throw new NotFoundError("No goal here");
      },
      boom: async () => {
        throw new Error('relation "secret_table" does not exist');
      },
      refused: (_: unknown, { year }: { year?: number }) => {
        throw new BadUserInputError(`year ${year} is out of range`, "year");
      },
      strictGoal: () => ({ id: "g9", code: "9", strictTitle: null }),
    },
    Goal: {
      __resolveReference: (ref: { code: string }) => (ref.code === "0" ? null : { id: `g${ref.code}`, ...ref }),
      title: (goal: { code: string }) => `Goal ${goal.code}`,
      kind: (goal: { code: string }) => (goal.code === "1" ? "FORUM" : "SUMMIT"),
      targets: (goal: { code: string }, { first }: { first: number }) =>
        Array.from({ length: first }, (_, i) => ({ id: `t${i}`, code: `${goal.code}.${i + 1}` })),
      strictTitle: (goal: { code: string; strictTitle?: null }) =>
        "strictTitle" in goal ? goal.strictTitle : `T${goal.code}`,
      nullableTargets: () => [
        { id: "a", code: "a" },
        { id: "b", code: "b", title: null },
      ],
    },
    Target: {
      __resolveReference: (ref: { code: string }) => ({ id: `t${ref.code}`, ...ref }),
      title: (target: { code: string; title?: null }) =>
        "title" in target ? Promise.reject(new Error("lost title")) : `Target ${target.code}`,
    },
  } as never,
});

const SECRET = "a-test-secret-of-enough-length";

async function start(execution: ExecutionMode) {
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const server: SubgraphServer = await createSubgraphServer({
    name: "test",
    schema,
    dataSource: { query: async () => [] } as unknown as DataSource,
    log: pino({ level: "error" }, sink),
    callers: createCallerVerifier({
      keys: localCallerKeys(publicJwks([derivedCallerSigningKey(SECRET)])),
      audiences: ["test"],
    }),
    createLoaders: () => ({}),
    cacheHints: { defaultMaxAge: 60, types: { Target: 30 } },
    execution,
  });
  const port = await server.listen(await freePort());
  return { server, url: `http://127.0.0.1:${port}/graphql` };
}

const cases: Array<[string, { query: string; variables?: Record<string, unknown>; operationName?: string }]> = [
  ["aliases and __typename", { query: '{ a: goal(code: "1") { __typename c: code t: title } __typename }' }],
  [
    "@skip/@include on fields and fragments, by variable",
    {
      query:
        'query($s: Boolean!, $i: Boolean = false) { goal(code: "2") { code @skip(if: $s) title @include(if: $i) ...F @include(if: $s) ... @skip(if: $i) { kind } } } fragment F on Goal { id }',
      variables: { s: true },
    },
  ],
  [
    "fragments on abstract types",
    {
      query:
        "{ items { __typename ... on Goal { code kind } ... on Target { code title } ... on Node { id } } nodes { id __typename ... on Target { title } } }",
    },
  ],
  [
    "argument defaults and variables",
    {
      query: "query($c: [ID!]!) { goals(codes: $c) { code targets { code } t1: targets(first: 1) { code } } }",
      variables: { c: ["1", "2"] },
    },
  ],
  ["a public error beside data", { query: '{ missing { code } goal(code: "3") { code } }' }],
  ["a masked internal error", { query: "{ boom missing { code } }" }],
  ["a BAD_USER_INPUT error with its extensions", { query: "{ refused(year: 0) }" }],
  ["null propagated from a non-null field to the root", { query: "{ strictGoal { code strictTitle } }" }],
  ["null propagated to a list item", { query: '{ goal(code: "4") { nullableTargets { code title } } }' }],
  [
    "a variable that does not coerce (400)",
    { query: "query($c: [ID!]!) { goals(codes: $c) { code } }", variables: { c: [null] } },
  ],
  ["a missing non-null variable (400)", { query: "query($c: [ID!]!) { goals(codes: $c) { code } }" }],
  [
    "_entities, a null representation, named operation",
    {
      operationName: "E",
      query:
        "query Other { __typename } query E($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Goal { code title } ... on Target { title } } }",
      variables: {
        r: [
          { __typename: "Goal", code: "5" },
          { __typename: "Goal", code: "0" },
          { __typename: "Target", code: "5.1" },
        ],
      },
    },
  ],
  ["an unknown field (validation)", { query: "{ goal(code: 1) { nope } }" }],
];

describe("compiled execution answers as graphql-js does", () => {
  let servers: Record<ExecutionMode, { server: SubgraphServer; url: string }>;
  beforeAll(async () => {
    servers = { "graphql-js": await start("graphql-js"), compiled: await start("compiled") };
  });
  afterAll(async () => {
    await Promise.all(Object.values(servers).map(({ server }) => server.stop()));
  });

  it.each(cases)("%s", async (_name, body) => {
    const answers = await Promise.all(
      (["graphql-js", "compiled"] as const).map(async (execution) => {
        // Twice: the second request runs on the compiled (cached) function.
        for (let round = 0; ; round++) {
          const response = await fetch(servers[execution].url, {
            method: "POST",
            headers: { "content-type": "application/json", "x-request-id": "parity" },
            body: JSON.stringify(body),
          });
          const answer = {
            status: response.status,
            cacheControl: response.headers.get("cache-control"),
            body: await response.text(),
          };
          if (round === 1) return answer;
        }
      }),
    );
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[0].body).not.toContain("secret_table");
  });
});
