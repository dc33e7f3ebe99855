import { serverAudits } from "graphql-http";
import { eventually, post, startProcessHub, type HubProcess, type ProcessHub } from "./gateway-fixture";

/**
 * The gateway as it faces the internet (NODE_ENV=production, separate processes over real HTTP): the GraphQL-over-HTTP
 * audit suite, and abuse probes that must each be refused with their own code, without internals.
 */
let hub: ProcessHub;
let production: HubProcess;
let development: HubProcess;
let withIntrospection: HubProcess;

beforeAll(async () => {
  hub = await startProcessHub({ subgraphs: ["action-lines"] });
  production = hub.gateways[0];
  [development, withIntrospection] = await Promise.all([
    hub.startGateway({ NODE_ENV: "development" }),
    hub.startGateway({ INTROSPECTION: "true" }),
  ]);
});
afterAll(async () => {
  await hub?.stop();
});

function expectRefused(
  reply: { status: number; data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> },
  code: string,
) {
  expect(reply.errors?.map((e) => e.extensions?.code)).toContain(code);
  expect(reply.data ?? null).toBeNull();
  expect(reply.status).toBeGreaterThanOrEqual(400);
  const text = JSON.stringify(reply.errors);
  expect(text).not.toMatch(/stacktrace|\.ts:\d+|\.js:\d+|node_modules|127\.0\.0\.1|SELECT /);
  for (const error of reply.errors ?? []) expect(error.extensions?.requestId).toEqual(expect.any(String));
}

/** The audits that query `__type`: introspection, which the production configuration turns off. */
const NEEDS_INTROSPECTION = new Set(["BF61", "28B9"]);

describe("the GraphQL-over-HTTP audit suite (graphql-http)", () => {
  const introspective = serverAudits({ url: () => withIntrospection.url });
  const must = introspective.filter((audit) => audit.name.startsWith("MUST"));

  it("has MUST audits to run", () => {
    expect(must.length).toBeGreaterThanOrEqual(13);
  });

  // The production configuration with INTROSPECTION=true: every MUST passes.
  it.each(must.map((audit) => [`${audit.id} ${audit.name}`, audit] as const))(
    "production with introspection on: %s",
    async (_name, audit) => {
      const result = await audit.fn();
      expect({ status: result.status, reason: result.status === "ok" ? undefined : result.reason }).toEqual({
        status: "ok",
        reason: undefined,
      });
    },
  );

  // The production default (introspection off): every MUST passes but the two that query `__type`, which are refused.
  const production_ = serverAudits({ url: () => production.url }).filter((audit) => audit.name.startsWith("MUST"));
  it.each(production_.map((audit) => [`${audit.id} ${audit.name}`, audit] as const))(
    "production default: %s",
    async (_name, audit) => {
      const result = await audit.fn();
      if (!NEEDS_INTROSPECTION.has(audit.id)) {
        expect({ status: result.status, reason: result.status === "ok" ? undefined : result.reason }).toEqual({
          status: "ok",
          reason: undefined,
        });
        return;
      }
      expect(result.status).toBe("error");
      const body =
        result.status === "error"
          ? ((await result.response.json()) as { errors: Array<{ extensions: Record<string, unknown> }> })
          : undefined;
      expect(body?.errors[0].extensions.code).toBe("INTROSPECTION_DISABLED");
    },
  );
});

describe("abuse probes, each refused with its own code", () => {
  it("101 aliases → TOO_MANY_ALIASES", async () => {
    const query = `{ ${Array.from({ length: 101 }, (_, i) => `a${i}: __typename`).join(" ")} }`;
    const reply = await post(production.url, { query });
    expectRefused(reply, "TOO_MANY_ALIASES");
    expect(reply.errors![0].extensions!.limit).toBe(15);
  });

  it("depth 20 → QUERY_TOO_DEEP", async () => {
    // A valid query 20 levels deep (counting the leaf), walking the WSIS–SDG matrix back and forth.
    let selection = "code";
    for (let level = 17; level >= 0; level--)
      selection = `${level % 2 === 0 ? "sdgTargets" : "actionLines"} { ${selection} }`;
    const query = `{ actionLine(code: "C5") { ${selection} } }`;
    const reply = await post(production.url, { query });
    expectRefused(reply, "QUERY_TOO_DEEP");
    expect(reply.errors).toHaveLength(1);
    expect(reply.errors![0].message).toBe("The query is nested 20 levels deep; at most 8 are allowed");
  });

  it("10,000 tokens → TOO_MANY_TOKENS (the parser stops at the limit)", async () => {
    const query = `{ actionLine(code: ${"[".repeat(5000)}${"]".repeat(5000)}) { code } }`;
    const reply = await post(production.url, { query });
    expectRefused(reply, "TOO_MANY_TOKENS");
    expect(reply.errors![0].message).toBe("The query has more than 1000 tokens; at most 1000 are allowed");
  });

  it("10,000 tokens of plain fields (20 kB) → DOCUMENT_TOO_LARGE, before anything parses them", async () => {
    const query = `{ ${"x ".repeat(10_000)}}`;
    const reply = await post(production.url, { query });
    expect(reply.status).toBe(413);
    expectRefused(reply, "DOCUMENT_TOO_LARGE");
  });

  it("a body over the size limit → 413 REQUEST_TOO_LARGE (JSON, not an HTML page)", async () => {
    const reply = await post(production.url, { query: "{ __typename }", variables: { padding: "x".repeat(150_000) } });
    expect(reply.status).toBe(413);
    expectRefused(reply, "REQUEST_TOO_LARGE");
  });

  it("a 500-field duplicate → TOO_MANY_DUPLICATE_FIELDS", async () => {
    const query = `{ agencies { ${"id ".repeat(500)}} }`;
    const reply = await post(production.url, { query });
    expectRefused(reply, "TOO_MANY_DUPLICATE_FIELDS");
  });

  it("51 directives → TOO_MANY_DIRECTIVES", async () => {
    const query = `{ agencies { ${"... @include(if: true) { id } ".repeat(51)}} }`;
    const reply = await post(production.url, { query });
    expectRefused(reply, "TOO_MANY_DIRECTIVES");
  });

  it("an estimated cost over the limit → QUERY_TOO_COSTLY, with the estimate", async () => {
    const query = "{ sdgGoals { targets { actionLines { sdgTargets { actionLines { code } } } } } }";
    const reply = await post(production.url, { query });
    expectRefused(reply, "QUERY_TOO_COSTLY");
    expect(reply.errors![0].extensions).toMatchObject({ cost: 111110, limit: 20000 });
  });

  it("fragments spreading one another 3 × 30 levels deep (3^30 fields from 1.4 kB) → TOO_MANY_SELECTIONS", async () => {
    const parts = ["query Q { ...F30 }", "fragment F0 on Query { __typename }"];
    for (let i = 1; i <= 30; i++) parts.push(`fragment F${i} on Query { ...F${i - 1} ...F${i - 1} ...F${i - 1} }`);
    const reply = await post(production.url, { query: parts.join("\n") });
    expect(reply.status).toBe(400);
    expectRefused(reply, "TOO_MANY_SELECTIONS");
    expect(reply.errors![0].extensions!.limit).toBe(2000);
  });

  it("an array batch of 10 operations → BATCHING_DISABLED", async () => {
    const batch = Array.from({ length: 10 }, () => ({ query: "{ __typename }" }));
    const reply = await post(production.url, batch);
    expect(reply.status).toBe(400);
    expectRefused(reply, "BATCHING_DISABLED");
  });

  it("a mutation over GET → 405 METHOD_NOT_ALLOWED, even with the preflight header", async () => {
    const url = `${production.url}?query=${encodeURIComponent("mutation { __typename }")}`;
    const response = await fetch(url, { headers: { "apollo-require-preflight": "true", accept: "application/json" } });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    const body = (await response.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
    expect(body.errors[0].extensions.code).toBe("METHOD_NOT_ALLOWED");
  });

  it("a text/plain POST (a form a browser can send cross-site) → CSRF_PREVENTED", async () => {
    const response = await fetch(production.url, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
    expect(body.errors[0].extensions.code).toBe("CSRF_PREVENTED");
  });

  it("a GET query without a preflight header → CSRF_PREVENTED; with one it runs", async () => {
    const url = `${production.url}?query=${encodeURIComponent("{ __typename }")}`;
    const blocked = await fetch(url);
    expect(blocked.status).toBe(400);
    expect(
      ((await blocked.json()) as { errors: Array<{ extensions: Record<string, unknown> }> }).errors[0].extensions.code,
    ).toBe("CSRF_PREVENTED");
    const allowed = await fetch(url, { headers: { "apollo-require-preflight": "true" } });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ data: { __typename: "Query" } });
  });

  it("a multipart POST without a preflight header → CSRF_PREVENTED", async () => {
    const form = new FormData();
    form.set("operations", JSON.stringify({ query: "{ __typename }" }));
    const response = await fetch(production.url, { method: "POST", body: form });
    expect(response.status).toBe(400);
    expect(
      ((await response.json()) as { errors: Array<{ extensions: Record<string, unknown> }> }).errors[0].extensions.code,
    ).toBe("CSRF_PREVENTED");
  });

  it("introspection in production → INTROSPECTION_DISABLED; in development it works (GraphiQL needs it)", async () => {
    const query = "{ __schema { queryType { name } } }";
    expectRefused(await post(production.url, { query }), "INTROSPECTION_DISABLED");
    expectRefused(
      await post(production.url, { query: '{ __type(name: "ActionLine") { name } }' }),
      "INTROSPECTION_DISABLED",
    );
    const dev = await post(development.url, { query });
    expect(dev.data).toEqual({ __schema: { queryType: { name: "Query" } } });
  });

  it("a misspelt field in production → GRAPHQL_VALIDATION_FAILED without a suggestion; development suggests", async () => {
    const query = '{ actionLine(code: "C5") { titel } }';
    const reply = await post(production.url, { query });
    expectRefused(reply, "GRAPHQL_VALIDATION_FAILED");
    expect(reply.errors![0].message).toBe('Cannot query field "titel" on type "ActionLine".');
    expect(JSON.stringify(reply)).not.toMatch(/Did you mean/);
    const dev = await post(development.url, { query });
    expect(dev.errors![0].message).toMatch(/Did you mean "title"\?/);
  });

  it("no IDE at /ide in production; the IDE in development; the landing page at / links it only when it is on", async () => {
    expect((await fetch(`${production.baseUrl}/ide`)).status).toBe(404);
    expect(await (await fetch(`${development.baseUrl}/ide`)).text()).toContain("GraphiQL");
    expect(await (await fetch(`${production.baseUrl}/`)).text()).not.toContain('href="/ide"');
    expect(await (await fetch(`${development.baseUrl}/`)).text()).toContain('href="/ide"');
  });

  it("malformed JSON → 400 BAD_REQUEST as JSON", async () => {
    const reply = await post(production.url, '{"query": "{ __typ');
    expect(reply.status).toBe(400);
    expectRefused(reply, "BAD_REQUEST");
  });

  it("every refusal was logged with its request id, and counted as rejected", async () => {
    const reply = await post(production.url, {
      query: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: __typename`).join(" ")} }`,
    });
    const requestId = reply.headers.get("x-request-id")!;
    expect(reply.errors![0].extensions!.requestId).toBe(requestId);
    const line = await eventually(async () => production.logsFor(requestId).find((l) => l.msg === "request"));
    expect(line).toMatchObject({ status: 400, outcome: "rejected", level: 30 });
    const metrics = await (await fetch(`${production.baseUrl}/metrics`)).text();
    const rejected = metrics.match(/^graphql_requests_total\{operation="anonymous",outcome="rejected"\} (\d+)$/m);
    expect(Number(rejected?.[1])).toBeGreaterThanOrEqual(15);
  });

  it("contract queries run (every README example is within the limits)", async () => {
    const queries = [
      '{ actionLine(code: "C5") { title facilitators { id name } sdgTargets { code title goal { code } } } }',
      '{ actionLine(code: "C7.e-health") { title sdgLinks { goal { code } target { code } rationale } } }',
      '{ sdgTarget(code: "17.8") { title actionLines { code title } indicators { code title status } } }',
      "{ sdgGoals { code title targets { code } } }",
      "{ actionLines { code title facilitatorsVerified facilitations { agency { id name } verified evidence } } }",
      '{ agency(id: "UNESCO") { name actionLines { code title } } }',
      '{ sdgIndicator(code: "17.6.2") { title status deleted statusNote } }',
      '{ actionLine(code: "C1") { planOfAction source { title url licence note } } }',
    ];
    for (const query of queries) {
      const reply = await post(production.url, { query });
      expect({ query, errors: reply.errors }).toEqual({ query, errors: undefined });
      expect(reply.status).toBe(200);
    }
  });
});
