import { Writable } from "node:stream";
import { buildSubgraphSchema } from "@apollo/subgraph";
import gql from "graphql-tag";
import pino from "pino";
import type { DataSource } from "typeorm";
import {
  callerHeaders,
  createCallerVerifier,
  createSubgraphServer,
  derivedCallerSigningKey,
  localCallerKeys,
  publicJwks,
  NotFoundError,
  type CacheHints,
  type SubgraphServer,
} from "../src";
import type { ExecutionMode } from "../src/graphql/compiled-execution";
import { freePort } from "../src/net";

const SECRET = "a-test-secret-of-enough-length";

const schema = buildSubgraphSchema({
  typeDefs: gql`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Query {
      goal: Goal
      observations: [Observation!]!
      missing: Goal
      boom: String
    }
    type Goal @key(fields: "code") {
      code: ID!
      observations: [Observation!]!
    }
    type Observation @key(fields: "id") {
      id: ID!
      value: Float
    }
  `,
  resolvers: {
    Query: {
      goal: () => ({ code: "17" }),
      observations: () => [{ id: "o1", value: 1 }],
      missing: () => {
        throw new NotFoundError("No goal here");
      },
      boom: () => {
        throw new Error('relation "secret_table" does not exist');
      },
    },
    Goal: { __resolveReference: (ref: { code: string }) => ref, observations: () => [{ id: "o1", value: 1 }] },
    Observation: { __resolveReference: (ref: { id: string }) => ({ ...ref, value: 2 }) },
  } as never,
});

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: "info" }, stream), lines };
}

async function startServer(
  options: { cacheHints?: CacheHints; database?: () => Promise<unknown>; execution?: ExecutionMode } = {},
) {
  const { log, lines } = capturingLogger();
  const dataSource = { query: options.database ?? (async () => [{ "?column?": 1 }]) } as unknown as DataSource;
  const server: SubgraphServer = await createSubgraphServer({
    name: "test",
    schema,
    dataSource,
    log,
    callers: createCallerVerifier({
      keys: localCallerKeys(publicJwks([derivedCallerSigningKey(SECRET)])),
      audiences: ["test"],
    }),
    createLoaders: () => ({}),
    cacheHints: options.cacheHints,
    bodyLimitBytes: 10_000,
    execution: options.execution,
  });
  const port = await server.listen(await freePort());
  const base = `http://127.0.0.1:${port}`;
  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    return {
      response,
      body: (await response.json()) as {
        data?: unknown;
        errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
      },
    };
  };
  return { server, base, post, lines };
}

// Every case on both executions: a difference between them (the request id lost on a masked error, a code, a header)
// fails here rather than in production.
describe.each<ExecutionMode>(["graphql-js", "compiled"])("the subgraph server (%s execution)", (execution) => {
  const start = (options: Parameters<typeof startServer>[0] = {}) => startServer({ execution, ...options });

  it("keeps the incoming request id, puts it on errors, and logs one access line per request with it", async () => {
    const { server, post, lines } = await start();
    try {
      const { response, body } = await post({ query: "{ missing { code } boom }" }, { "x-request-id": "req-7" });
      expect(response.headers.get("x-request-id")).toBe("req-7");
      expect(body.errors).toEqual([
        expect.objectContaining({ message: "No goal here", extensions: { code: "NOT_FOUND", requestId: "req-7" } }),
        expect.objectContaining({
          message: "Internal server error",
          extensions: { code: "INTERNAL_SERVER_ERROR", requestId: "req-7" },
        }),
      ]);
      const internal = lines.find((l) => l.msg === "internal error");
      expect(internal).toMatchObject({ level: 50, requestId: "req-7" });
      expect(JSON.stringify(internal)).toContain("secret_table");
      await new Promise((resolve) => setTimeout(resolve, 20));
      const access = lines.filter((l) => l.msg === "request");
      expect(access).toEqual([
        expect.objectContaining({ level: 30, requestId: "req-7", method: "POST", path: "/graphql", status: 200 }),
      ]);

      const fresh = await post({ query: "{ goal { code } }" });
      expect(fresh.response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await server.stop();
    }
  });

  it("sends no cache hint by default", async () => {
    const { server, post } = await start();
    try {
      expect((await post({ query: "{ goal { code } }" })).response.headers.get("cache-control")).toBe("no-store");
    } finally {
      await server.stop();
    }
  });

  it("sends the smallest maxAge of the types in the answer; _entities by the types asked for; nothing for a caller", async () => {
    const { server, post } = await start({ cacheHints: { defaultMaxAge: 86400, types: { Observation: 300 } } });
    try {
      const header = async (body: unknown, headers?: Record<string, string>) =>
        (await post(body, headers)).response.headers.get("cache-control");
      expect(await header({ query: "{ goal { code } }" })).toBe("max-age=86400, public");
      expect(await header({ query: "{ goal { code observations { id } } }" })).toBe("max-age=300, public");
      expect(await header({ query: "{ observations { id } }" })).toBe("max-age=300, public");
      // Read from the document: named fragments count, and an answer with errors is never cacheable.
      expect(await header({ query: "query { goal { ...G } } fragment G on Goal { observations { id } }" })).toBe(
        "max-age=300, public",
      );
      expect(await header({ query: "query { goal { ...G } } fragment G on Goal { code }" })).toBe(
        "max-age=86400, public",
      );
      expect(await header({ query: "{ missing { code } }" })).toBe("no-store");
      const entities =
        "query($r: [_Any!]!) { _entities(representations: $r) { ... on Goal { code } ... on Observation { value } } }";
      expect(await header({ query: entities, variables: { r: [{ __typename: "Goal", code: "17" }] } })).toBe(
        "max-age=86400, public",
      );
      expect(
        await header({
          query: entities,
          variables: {
            r: [
              { __typename: "Goal", code: "17" },
              { __typename: "Observation", id: "o1" },
            ],
          },
        }),
      ).toBe("max-age=300, public");
      const inline =
        '{ _entities(representations: [{ __typename: "Goal", code: "17" }]) { ... on Goal { code } ... on Observation { value } } }';
      expect(await header({ query: inline })).toBe("max-age=86400, public");
      const caller = callerHeaders({ agency: "ITU", subject: "someone", scopes: [] }, SECRET, "test");
      expect(await header({ query: "{ goal { code } }" }, caller)).toBe("no-store");
    } finally {
      await server.stop();
    }
  });

  it("answers an oversized body with 413 REQUEST_TOO_LARGE as JSON", async () => {
    const { server, post } = await start();
    try {
      const { response, body } = await post({ query: "{ goal { code } }", variables: { pad: "x".repeat(20_000) } });
      expect(response.status).toBe(413);
      expect(body.errors![0].extensions.code).toBe("REQUEST_TOO_LARGE");
    } finally {
      await server.stop();
    }
  });

  it("is not ready when its database fails or does not answer within 2 s", async () => {
    const failing = await start({ database: async () => Promise.reject(new Error("connection refused")) });
    const hanging = await start({ database: () => new Promise(() => undefined) });
    try {
      const a = await fetch(`${failing.base}/health/ready`);
      expect(a.status).toBe(503);
      expect(await a.json()).toEqual({ status: "unavailable", service: "test", database: "unavailable" });
      const started = Date.now();
      const b = await fetch(`${hanging.base}/health/ready`);
      expect(b.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(3000);
      expect((await fetch(`${failing.base}/health/live`)).status).toBe(200);
    } finally {
      await failing.server.stop();
      await hanging.server.stop();
    }
  });
});
