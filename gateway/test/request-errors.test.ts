import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Supergraph } from "@apollo/federation-internals";
import { createLogger } from "@wsis/shared";
import { DEFAULT_SUPERGRAPH_PATH, loadGatewayConfig } from "../src/config";
import { customScalarsOf, SCALAR_IMPLEMENTATIONS, validateCustomScalars } from "../src/scalars";
import { createGateway, type GatewayServer } from "../src/server";
import { subgraphUrlsAt } from "../src/registry";
import { testKeyFile } from "./keys";

/**
 * Client mistakes are answered as client errors: a 4xx status and a specific code, never INTERNAL_SERVER_ERROR, never
 * a 5xx. The gateway runs in process with every subgraph on a closed port: each of these requests must be refused
 * before any subgraph would be called (a request that reached one would answer SUBGRAPH_UNAVAILABLE instead).
 */
let gateway: GatewayServer;
let url: string;

beforeAll(async () => {
  const closed = subgraphUrlsAt("http://127.0.0.1:1/graphql");
  const config = loadGatewayConfig({ ...closed, NODE_ENV: "production", CALLER_SIGNING_KEYS_FILE: testKeyFile() });
  gateway = await createGateway(config, createLogger("gateway", "silent"));
  url = `http://127.0.0.1:${await gateway.listen(0)}/graphql`;
});
afterAll(async () => {
  await gateway?.stop();
});

interface Reply {
  status: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

async function send(body: string | object, init: RequestInit = {}, target = url): Promise<Reply> {
  const response = await fetch(target, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Reply["body"] };
}

/** A 400-class answer whose every error has `code` (and no internals). */
function expectClientError(reply: Reply, code: string, status = 400) {
  expect({ status: reply.status, codes: reply.body.errors?.map((e) => e.extensions?.code) }).toEqual({
    status,
    codes: expect.arrayContaining([code]),
  });
  for (const error of reply.body.errors ?? []) expect(error.extensions?.code).not.toBe("INTERNAL_SERVER_ERROR");
  expect(JSON.stringify(reply.body)).not.toMatch(/stack|\.js:\d+|node_modules|Maximum call stack/);
}

describe("the supergraph's custom scalars", () => {
  it("are each checked by the gateway with the subgraphs' own implementation", () => {
    const schema = Supergraph.build(readFileSync(DEFAULT_SUPERGRAPH_PATH, "utf8")).apiSchema().toGraphQLJSSchema();
    expect(
      customScalarsOf(schema)
        .map((s) => s.name)
        .sort(),
    ).toEqual(Object.keys(SCALAR_IMPLEMENTATIONS).sort());
    expect(validateCustomScalars(schema)).toEqual([]);
  });
});

describe("an invalid DateTimeISO is bad user input, refused before planning", () => {
  const cases = [
    [
      "changes(since:)",
      '{ changes(since: "yesterday") { pageInfo { hasNextPage } } }',
      "query($v: DateTimeISO!) { changes(since: $v) { pageInfo { hasNextPage } } }",
    ],
    [
      "observations(asOf:)",
      '{ latestObservations(indicator: "internet_users_pct", asOf: "yesterday") { year } }',
      'query($v: DateTimeISO) { latestObservations(indicator: "internet_users_pct", asOf: $v) { year } }',
    ],
    [
      "the audit filter's since",
      '{ auditLog { events(filter: { since: "yesterday" }) { pageInfo { hasNextPage } } } }',
      "query($v: DateTimeISO) { auditLog { events(filter: { since: $v }) { pageInfo { hasNextPage } } } }",
    ],
  ] as const;

  it.each(cases)("%s, written in the query", async (_name, literal) => {
    const reply = await send({ query: literal });
    expectClientError(reply, "BAD_USER_INPUT");
    expect(reply.body.errors![0].message).toMatch(/DateTimeISO.*yesterday/);
  });

  it.each(cases)("%s, sent in a variable", async (_name, _literal, withVariable) => {
    for (const value of ["yesterday", "2025-13-45T00:00:00Z", 20250101, true]) {
      const reply = await send({ query: withVariable, variables: { v: value } });
      expectClientError(reply, "BAD_USER_INPUT");
      expect(reply.body.errors![0].message).toMatch(/^Variable "\$v" got invalid value/);
    }
  });

  it("a valid date-time goes on to the subgraph (here: none is running, so it is unavailable, not refused)", async () => {
    const reply = await send({
      query: "query($v: DateTimeISO!) { changes(since: $v) { pageInfo { hasNextPage } } }",
      variables: { v: "2025-01-01T00:00:00Z" },
    });
    expect(reply.body.errors?.map((e) => e.extensions?.code)).toEqual(["SUBGRAPH_UNAVAILABLE"]);
  });
});

describe("operations that cannot be resolved", () => {
  it("an operationName naming no operation → 400 OPERATION_RESOLUTION_FAILURE", async () => {
    const reply = await send({ query: "query A { __typename }", operationName: "Nope" });
    expectClientError(reply, "OPERATION_RESOLUTION_FAILURE");
    expect(reply.body.errors![0].message).toBe('Unknown operation named "Nope".');
  });

  it("two operations and no operationName → 400 OPERATION_RESOLUTION_FAILURE", async () => {
    const reply = await send({ query: "query A { __typename } query B { __typename }" });
    expectClientError(reply, "OPERATION_RESOLUTION_FAILURE");
    expect(reply.body.errors![0].message).toBe("Must provide operation name if query contains multiple operations.");
  });

  it("two anonymous operations → 400 GRAPHQL_VALIDATION_FAILED", async () => {
    expectClientError(await send({ query: "{ __typename } { __typename }" }), "GRAPHQL_VALIDATION_FAILED");
  });

  it("a subscription (the hub has none) → 400 GRAPHQL_VALIDATION_FAILED", async () => {
    const reply = await send({ query: "subscription { __typename }" });
    expectClientError(reply, "GRAPHQL_VALIDATION_FAILED");
    expect(reply.body.errors![0].message).toBe("The subscription operation is not supported by the schema.");
  });
});

describe("variables and extensions nested 5,000 levels", () => {
  const deep = `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`;

  it("variables in a POST body → 400 BAD_USER_INPUT", async () => {
    const reply = await send(`{"query":"{ __typename }","variables":${deep}}`);
    expectClientError(reply, "BAD_USER_INPUT");
    expect(reply.body.errors![0].message).toBe("The variables are nested more than 64 levels deep");
  });

  it("extensions in a POST body → 400 BAD_REQUEST", async () => {
    expectClientError(await send(`{"query":"{ __typename }","extensions":${deep}}`), "BAD_REQUEST");
  });

  it("variables in a GET query string → 400 BAD_USER_INPUT", async () => {
    const shallow = `${'{"a":'.repeat(100)}1${"}".repeat(100)}`;
    const target = `${url}?query=${encodeURIComponent("{ __typename }")}&variables=${encodeURIComponent(shallow)}`;
    expectClientError(
      await send("", { method: "GET", headers: { "apollo-require-preflight": "true" }, body: undefined }, target),
      "BAD_USER_INPUT",
    );
  });

  it("64 levels are still accepted", async () => {
    const ok = `${'{"a":'.repeat(63)}1${"}".repeat(63)}`;
    const reply = await send(`{"query":"{ __typename }","variables":{"v":${ok}}}`);
    expect(reply).toEqual({ status: 200, body: { data: { __typename: "Query" } } });
  });
});

describe("automatic persisted queries", () => {
  const query = "{ __typename }";
  const sha256 = createHash("sha256").update(query).digest("hex");

  it("a hash that does not match the query → 400 PERSISTED_QUERY_HASH_MISMATCH", async () => {
    const reply = await send({ query, extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } });
    expectClientError(reply, "PERSISTED_QUERY_HASH_MISMATCH");
  });

  it("an unsupported version → 400 PERSISTED_QUERY_VERSION_UNSUPPORTED", async () => {
    const reply = await send({ query, extensions: { persistedQuery: { version: 2, sha256Hash: sha256 } } });
    expectClientError(reply, "PERSISTED_QUERY_VERSION_UNSUPPORTED");
  });

  it("the right hash registers the query, which then runs by its hash alone", async () => {
    expect(await send({ query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256 } } })).toEqual({
      status: 200,
      body: { data: { __typename: "Query" } },
    });
    expect(await send({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256 } } })).toEqual({
      status: 200,
      body: { data: { __typename: "Query" } },
    });
  });
});
