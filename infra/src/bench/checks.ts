import { isDeepStrictEqual } from "node:util";
import { runLoad, type LoadTarget } from "./load";
import type { ScaleResult, StatementCounts, TargetKind } from "./results";
import { statementTotal, type Service, type Subgraphs } from "./services";
import { requestBody, type WorkloadQuery } from "./workload";

/**
 * What the benchmark checks before and around each measurement: the load target of each kind, that every process is
 * still running, that every target gives the same answer, and how many SQL statements a request costs.
 */

const settle = () => new Promise((r) => setTimeout(r, 150));

export interface Targets {
  hub: Service;
  hive: Service;
  cache: Service;
  floor: Service;
  subgraphs: Subgraphs;
}

export function targetFor(kind: TargetKind, q: WorkloadQuery, t: Targets): LoadTarget | null {
  const body = requestBody(q);
  switch (kind) {
    case "hub":
      return { url: t.hub.url, body };
    case "hive":
      return { url: t.hive.url, body };
    case "cache":
      return { url: t.cache.url, body };
    case "direct":
      return q.subgraph ? { url: t.subgraphs.urls[q.subgraph], body } : null;
    case "floor":
      return q.floor ? { url: `${t.floor.url}/${q.id}`, body } : null;
  }
}

/** A process that died during a run makes the run meaningless: stop with its name. */
export function assertRunning(t: Targets): void {
  for (const s of [t.hub, t.hive, t.cache, t.floor, ...t.subgraphs.services]) {
    if (s.child.exitCode !== null || s.child.signalCode !== null)
      throw new Error(`${s.name} exited during the benchmark (${s.child.exitCode ?? s.child.signalCode})`);
  }
}

export async function post(url: string, body: string): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body,
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/**
 * Before measuring: every target answers every query with status 200 and the same data as the hub (the floor with the
 * same figures), and the exact answer becomes autocannon's expected body. Returns the expected bodies.
 */
export async function checkAnswers(
  queries: WorkloadQuery[],
  kinds: TargetKind[],
  t: Targets,
  result: ScaleResult,
): Promise<Map<string, string>> {
  const expected = new Map<string, string>();
  for (const q of queries) {
    const reference = await post(t.hub.url, requestBody(q));
    const parsed = JSON.parse(reference.text) as { data?: unknown; errors?: unknown };
    if (reference.status !== 200 || parsed.errors || !parsed.data) {
      throw new Error(`${q.id} through the hub's gateway: status ${reference.status}, ${reference.text.slice(0, 400)}`);
    }
    for (const kind of kinds) {
      const target = targetFor(kind, q, t);
      if (!target) continue;
      const answer = await post(target.url, target.body);
      if (answer.status !== 200)
        throw new Error(`${q.id} via ${kind}: status ${answer.status}: ${answer.text.slice(0, 400)}`);
      const body = JSON.parse(answer.text) as { data?: unknown; errors?: unknown };
      if (kind === "floor") {
        const rows = body.data as Array<Record<string, unknown>>;
        if (!q.sameDataAsFloor?.(parsed.data, rows))
          throw new Error(
            `${q.id}: the SQL floor's ${rows.length} rows do not hold the same figures as the GraphQL answer`,
          );
        result.checks.push(`${q.id}: the SQL floor reads the same figures as the GraphQL answer (${rows.length} rows)`);
      } else {
        if (body.errors || !isDeepStrictEqual(body.data, parsed.data)) {
          throw new Error(
            `${q.id} via ${kind} does not answer the same data as the hub's gateway: ${answer.text.slice(0, 400)}`,
          );
        }
      }
      // The cache may answer byte-for-byte differently on its first (miss) and later (hit) requests: take a later one.
      if (kind === "cache") {
        const again = await post(target.url, target.body);
        expected.set(`${q.id}:${kind}`, again.text);
        result.cache[q.id] = { cacheControl: again.headers.get("cache-control"), hit: again.headers.has("age") };
        result.checks.push(
          `${q.id}: the hub with its response cache on ${again.headers.has("age") ? "served a repeated request from the cache" : "did NOT serve a repeated request from the cache (not cacheable)"} (Cache-Control: ${again.headers.get("cache-control") ?? "none"})`,
        );
      } else {
        expected.set(`${q.id}:${kind}`, answer.text);
      }
    }
    result.checks.push(
      `${q.id}: ${kinds.filter((k) => k !== "floor" && targetFor(k, q, t)).join(", ")} answer the same data (${reference.text.length} bytes)`,
    );
  }
  return expected;
}

/**
 * Waits until no subgraph has sent a statement for a moment: when autocannon stops, the requests it had in flight are
 * still being served (for seconds on a busy machine), and their statements and CPU must not be counted in the next run.
 */
export async function quiesce(subgraphs: Subgraphs, maxMs = 15_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let previous = await statementTotal(subgraphs);
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 300));
    const now = await statementTotal(subgraphs);
    if (now === previous) return;
    previous = now;
  }
}

/** SQL statements of one request, and per request over a fixed number of concurrent requests. */
export async function countStatements(
  target: LoadTarget,
  subgraphs: Subgraphs,
  connections: number,
): Promise<StatementCounts> {
  await quiesce(subgraphs);
  await post(target.url, target.body); // a first request may fill a cache (the cache target): not the one counted
  await settle();
  let before = await statementTotal(subgraphs);
  await post(target.url, target.body);
  await settle();
  const single = (await statementTotal(subgraphs)) - before;
  const amount = Math.max(20, connections * 2);
  before = await statementTotal(subgraphs);
  const cell = await runLoad(target, connections, 60, amount);
  await quiesce(subgraphs);
  const after = await statementTotal(subgraphs);
  return {
    single,
    underLoad: (after - before) / cell.requests,
    loadRequests: cell.requests,
    loadConnections: connections,
    loadFailures: cell.errors + cell.non2xx + cell.mismatches,
  };
}
