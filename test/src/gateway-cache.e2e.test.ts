import { createHash, randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { localToken } from "@wsis/gateway/token";
import { callerHeaders, SCOPES } from "@wsis/shared";
import { testRedisUrl } from "@wsis/shared/testing";
import Redis from "ioredis";
import { eventually, post, startProcessHub, type HubProcess, type ProcessHub } from "./gateway-fixture";

/**
 * Caching through the real processes: cache hints sent by the subgraph, the gateway's response cache (in memory, and in
 * Redis shared by two gateway replicas), nothing cached for requests with credentials, automatic persisted queries,
 * the allowlist mode, and the metrics that count it all.
 */
/** A real Redis (TEST_REDIS_URL or the machine's); CI requires one (REQUIRE_REDIS=1). Without one, the replica tests do not run. */
const REDIS_URL = testRedisUrl;
const describeWithRedis = REDIS_URL ? describe : describe.skip;
const prefix = `wsis-test-${randomBytes(4).toString("hex")}:`;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const JWT_SECRET = `wsis-test-jwt-secret-${randomBytes(16).toString("hex")}`;

let hub: ProcessHub;
let gateway: HubProcess;
let replicaA: HubProcess;
let replicaB: HubProcess;
let allowlisted: HubProcess;
const ALLOWED = "query AllowedGoals { sdgGoals { code } }";
const ALLOWED_BY_HASH = 'query AllowedAgency { agency(id: "ITU") { name } }';

beforeAll(async () => {
  hub = await startProcessHub({ subgraphs: ["action-lines", "events"], gatewayEnv: { JWT_SECRET } });
  gateway = hub.gateways[0];
  const allowlistPath = path.join(path.dirname(hub.supergraphPath), "allowlist.json");
  await writeFile(allowlistPath, JSON.stringify([ALLOWED, ALLOWED_BY_HASH]));
  allowlisted = await hub.startGateway({ ALLOWLIST_PATH: allowlistPath });
  if (REDIS_URL) {
    [replicaA, replicaB] = await Promise.all([
      hub.startGateway({ REDIS_URL, REDIS_KEY_PREFIX: prefix }),
      hub.startGateway({ REDIS_URL, REDIS_KEY_PREFIX: prefix }),
    ]);
  }
});
afterAll(async () => {
  await hub?.stop();
  if (!REDIS_URL) return;
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

/** Calls from this gateway to a subgraph so far (from its own metrics). */
async function subgraphCalls(g: HubProcess, service = "action-lines"): Promise<number> {
  const text = await (await fetch(`${g.baseUrl}/metrics`)).text();
  const counts = [
    ...text.matchAll(
      new RegExp(`^subgraph_request_duration_seconds_count\\{service="${service}",outcome="\\w+"\\} (\\d+)$`, "gm"),
    ),
  ];
  return counts.reduce((n, m) => n + Number(m[1]), 0);
}

describe("cache hints from the subgraph", () => {
  it("sends Cache-Control for a day on reference data, and no-store when the request carries a caller", async () => {
    const url = hub.subgraphs["action-lines"].url;
    const anonymous = await post(url, { query: "{ sdgGoals { code } }" });
    expect(anonymous.headers.get("cache-control")).toBe("max-age=86400, public");
    const entities = await post(url, {
      query: "query($r: [_Any!]!) { _entities(representations: $r) { ... on SdgGoal { title } } }",
      variables: { r: [{ __typename: "SdgGoal", code: "17" }] },
    });
    expect(entities.headers.get("cache-control")).toBe("max-age=86400, public");
    const withCaller = await post(
      url,
      { query: "{ sdgGoals { code } }" },
      callerHeaders({ agency: "ITU", subject: "tester", scopes: [] }, hub.keys.ring().signing, "action-lines"),
    );
    expect(withCaller.headers.get("cache-control")).toBe("no-store");
  });
});

describe("the gateway's response cache (in memory)", () => {
  it("serves a second identical public query without calling the subgraph", async () => {
    const query = "query CachedGoals { sdgGoals { code title targets { code } } }";
    const before = await subgraphCalls(gateway);
    const first = await post(gateway.url, { query });
    expect(first.errors).toBeUndefined();
    expect(first.headers.get("cache-control")).toBe("max-age=86400, public");
    expect(await subgraphCalls(gateway)).toBe(before + 1);
    const firstId = first.headers.get("x-request-id")!;
    await eventually(async () => hub.subgraphs["action-lines"].logsFor(firstId).find((l) => l.msg === "request"));

    const second = await post(gateway.url, { query });
    expect(second.data).toEqual(first.data);
    expect(second.headers.get("age")).not.toBeNull();
    expect(await subgraphCalls(gateway)).toBe(before + 1);
    const secondId = second.headers.get("x-request-id")!;
    const line = await eventually(async () => gateway.logsFor(secondId).find((l) => l.msg === "request"));
    expect(line).toMatchObject({ cacheHit: true, operationName: "CachedGoals", outcome: "success" });
    expect(hub.subgraphs["action-lines"].logsFor(secondId)).toEqual([]);
  });

  it("never caches a request with credentials (a verified bearer token), nor serves one from the cache", async () => {
    const query = "query AuthenticatedGoals { sdgGoals { code } }";
    await post(gateway.url, { query }); // now cached for anonymous requests
    const before = await subgraphCalls(gateway);
    const token = await localToken(
      { agency: "ITU", scopes: [SCOPES[0]], subject: "cache-test", ttlSeconds: 600 },
      { JWT_SECRET },
    );
    const headers = { authorization: `Bearer ${token}` };
    const first = await post(gateway.url, { query }, headers);
    const second = await post(gateway.url, { query }, headers);
    expect(second.data).toEqual(first.data);
    expect(await subgraphCalls(gateway)).toBe(before + 2);
    for (const reply of [first, second]) {
      expect(reply.headers.get("age")).toBeNull();
      expect(reply.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("serves a cached answer before GraphQL runs, only to requests Apollo's CSRF prevention accepts, with the time it has left", async () => {
    const query = "query CsrfCached { sdgGoals { code } }";
    const first = await post(gateway.url, { query });
    expect(first.errors).toBeUndefined();
    const before = await subgraphCalls(gateway);
    const hit = await post(gateway.url, { query });
    expect(hit.headers.get("age")).not.toBeNull();
    expect(hit.headers.get("cache-control")).toMatch(/^max-age=\d+, public$/);
    expect(Number(hit.headers.get("cache-control")!.match(/max-age=(\d+)/)![1]) + Number(hit.headers.get("age"))).toBe(
      86400,
    );
    expect(hit.data).toEqual(first.data);
    // The same query by GET without a preflight header: a cross-site request Apollo refuses, cache or not.
    const url = `${gateway.url}?query=${encodeURIComponent(query)}`;
    const simple = await fetch(url);
    expect(simple.status).toBe(400);
    const refused = (await simple.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(refused.errors[0].extensions.code).toBe("CSRF_PREVENTED");
    const preflighted = await fetch(url, { headers: { "apollo-require-preflight": "true" } });
    expect(preflighted.status).toBe(200);
    expect(preflighted.headers.get("age")).not.toBeNull();
    expect(await subgraphCalls(gateway)).toBe(before);
  });

  it("serves the calendar feed (built on the public graph in process) from the same cache", async () => {
    const first = await fetch(`${gateway.baseUrl}/events.ics?year=2025`);
    expect(first.status).toBe(200);
    const feed = await first.text();
    expect(feed).toContain("BEGIN:VCALENDAR");
    const before = await subgraphCalls(gateway, "events");
    expect(before).toBeGreaterThanOrEqual(1);
    const second = await fetch(`${gateway.baseUrl}/events.ics?year=2025`);
    expect(second.status).toBe(200);
    const again = await second.text();
    const withoutStamps = (text: string) => text.replace(/^DTSTAMP:.*$/gm, "");
    expect(withoutStamps(again)).toEqual(withoutStamps(feed));
    expect(await subgraphCalls(gateway, "events")).toBe(before);
  });

  it("does not cache answers with errors", async () => {
    const query = 'query BadCode { sdgTarget(code: "17/8") { code } }';
    const before = await subgraphCalls(gateway);
    await post(gateway.url, { query });
    const second = await post(gateway.url, { query });
    expect(second.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(await subgraphCalls(gateway)).toBe(before + 2);
  });
});

describeWithRedis("the response cache in Redis, shared by two gateway replicas", () => {
  it("a query answered by one replica is served from the cache by the other", async () => {
    const query = `query SharedAgencies { agencies { id name } }`;
    const aBefore = await subgraphCalls(replicaA);
    const first = await post(replicaA.url, { query });
    expect(first.errors).toBeUndefined();
    expect(await subgraphCalls(replicaA)).toBe(aBefore + 1);
    const bBefore = await subgraphCalls(replicaB);
    // The cache is written just after the answer is sent: poll until the other replica sees it.
    const second = await eventually(async () => {
      const reply = await post(replicaB.url, { query });
      return reply.headers.get("age") !== null ? reply : undefined;
    });
    expect(second.data).toEqual(first.data);
    expect(await subgraphCalls(replicaB)).toBe(bBefore);
    const redis = new Redis(REDIS_URL!);
    const keys = await redis.keys(`${prefix}rc:*`);
    await redis.quit();
    expect(keys.length).toBeGreaterThanOrEqual(1);
  });

  it("a query persisted (APQ) through one replica runs by its hash on the other", async () => {
    const query = "query SharedPersisted { actionLines { code } }";
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    const unknown = await post(replicaB.url, { extensions });
    expect(unknown.errors![0].extensions!.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    const registered = await post(replicaA.url, { query, extensions });
    expect(registered.errors).toBeUndefined();
    const byHash = await eventually(async () => {
      const reply = await post<{ actionLines: Array<{ code: string }> }>(replicaB.url, { extensions });
      return reply.data ? reply : undefined;
    });
    expect(byHash.data!.actionLines.length).toBeGreaterThanOrEqual(11);
  });
});

describe("automatic persisted queries (in memory)", () => {
  it("asks for the query once, then runs it by its hash", async () => {
    const query = "query Persisted { sdgGoals { code } }";
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    const miss = await post(gateway.url, { extensions });
    expect(miss.errors![0].extensions!.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    expect((await post(gateway.url, { query, extensions })).errors).toBeUndefined();
    const hit = await post<{ sdgGoals: unknown[] }>(gateway.url, { extensions });
    expect(hit.data!.sdgGoals).toHaveLength(17);
    const wrong = await post(gateway.url, { query: "{ __typename }", extensions });
    expect(wrong.status).toBe(400);
  });
});

describe("allowlist mode (ALLOWLIST_PATH)", () => {
  it("runs the registered operations, also by their hash alone, and refuses any other with OPERATION_NOT_ALLOWED", async () => {
    const allowed = await post<{ sdgGoals: unknown[] }>(allowlisted.url, { query: ALLOWED });
    expect(allowed.data!.sdgGoals).toHaveLength(17);
    const byHash = await post(allowlisted.url, {
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256(ALLOWED_BY_HASH) } },
    });
    expect(byHash.data).toEqual({ agency: { name: "International Telecommunication Union" } });
    const other = await post(allowlisted.url, { query: "query AllowedGoals { sdgGoals { code title } }" });
    expect(other.status).toBe(403);
    expect(other.data ?? null).toBeNull();
    expect(other.errors![0].extensions!.code).toBe("OPERATION_NOT_ALLOWED");
    const otherByHash = await post(allowlisted.url, {
      query: "{ __typename }",
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256("{ __typename }") } },
    });
    expect(otherByHash.errors![0].extensions!.code).toBe("OPERATION_NOT_ALLOWED");
    // A refused operation is not registered as a persisted query either.
    const notRegistered = await post(allowlisted.url, {
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256("{ __typename }") } },
    });
    expect(notRegistered.errors![0].extensions!.code).toBe("PERSISTED_QUERY_NOT_FOUND");
  });
});

describe("metrics", () => {
  it("shows request counters by operation and outcome, latency histograms, subgraph calls, cache hits and memory", async () => {
    await post(gateway.url, { query: "query MetricsProbe { agencies { id } }" });
    await post(gateway.url, { query: "query MetricsProbe { agencies { id } }" });
    await post(gateway.url, { query: "query MetricsProbe { agencies { idd } }" });
    const response = await fetch(`${gateway.baseUrl}/metrics`);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    const value = (pattern: RegExp) => Number(text.match(pattern)?.[1]);
    expect(value(/^graphql_requests_total\{operation="MetricsProbe",outcome="success"\} (\d+)$/m)).toBe(2);
    expect(value(/^graphql_requests_total\{operation="MetricsProbe",outcome="rejected"\} (\d+)$/m)).toBe(1);
    expect(value(/^graphql_request_duration_seconds_count\{operation="MetricsProbe",outcome="success"\} (\d+)$/m)).toBe(
      2,
    );
    expect(text).toMatch(
      /^graphql_request_duration_seconds_bucket\{le="0.1",operation="MetricsProbe",outcome="success"\} \d+$/m,
    );
    expect(
      value(/^subgraph_request_duration_seconds_count\{service="action-lines",outcome="ok"\} (\d+)$/m),
    ).toBeGreaterThanOrEqual(1);
    expect(value(/^graphql_response_cache_total\{result="hit"\} (\d+)$/m)).toBeGreaterThanOrEqual(2);
    expect(value(/^process_resident_memory_bytes (\d+)$/m)).toBeGreaterThan(10_000_000);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d+/m);
  });
});
