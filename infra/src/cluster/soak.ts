import http from "node:http";
import { requestBody, WORKLOAD } from "../bench/workload";
import type { Cluster } from "./cluster";
import type { Member } from "./member";

/**
 * The soak: the dashboard workload (the benchmark's W1–W5, in turn; half of the requests made unique so that they miss
 * the response cache and reach the subgraphs and PostgreSQL) sent through HAProxy by `connections` clients
 * while one gateway, one replica of a subgraph and the PostgreSQL replica are stopped, one after the other, and started
 * again. Every request is timed; a failed one (not 200, or a GraphQL error, or no data) is allowed only when it was in
 * flight while a process was being killed — those are counted apart, anything else is a failure of the cluster.
 */
export interface SoakOptions {
  durationMs: number;
  connections: number;
  /** The subgraph replica to kill (default: the first replica of the subgraph that has two). */
  subgraph?: Member;
  /** How long each stopped process stays down before it is started again. */
  outageMs?: number;
  /**
   * The share of requests made unique (a variable no query reads, so another cache key): they miss the response cache
   * and reach the subgraphs and PostgreSQL, where the kills happen (default 0.5). The others repeat W1–W5.
   */
  uniqueShare?: number;
  say?: (line: string) => void;
}

export interface Disruption {
  what: string;
  /** When the process was killed / started again, in ms from the start of the run. */
  killedAtMs: number;
  backAtMs: number;
  /** Requests that failed while in flight at the kill (allowed, counted). */
  failedInFlight: number;
}

export interface SoakResult {
  durationMs: number;
  connections: number;
  requests: number;
  succeeded: number;
  /** Failures in flight at a kill (allowed). */
  failedInFlight: number;
  /** Every other failure (must be zero), with up to five examples. */
  failedOther: number;
  examples: string[];
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  disruptions: Disruption[];
  /** GraphQL requests each gateway answered (its /metrics, summed across its restarts). */
  perGateway: Record<string, number>;
  /** The share of requests made unique (they miss the cache by design). */
  uniqueShare: number;
  /** The shared response cache, summed across gateways: hits, misses, hit rate. */
  cache: { hits: number; misses: number; hitRate: number };
  /** An answer stored by one gateway was served from the cache by the other (asked directly, before the load). */
  crossGatewayHit: boolean;
}

interface Sample {
  t0: number;
  t1: number;
  ok: boolean;
  servedBy?: string;
  error?: string;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sums a counter's samples in a Prometheus text exposition, over the lines whose labels contain `labels`. */
export function counterValue(text: string, name: string, labels = ""): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (labels && !line.includes(labels)) continue;
    const value = Number(line.slice(line.lastIndexOf(" ") + 1));
    if (Number.isFinite(value)) sum += value;
  }
  return sum;
}

/** A gateway's counters, accumulated across its restarts (a counter that went down started again from zero). */
class GatewayCounters {
  private last = new Map<string, number>();
  readonly total = new Map<string, number>();

  constructor(private readonly gateway: Member) {}

  async scrape(): Promise<void> {
    let text: string;
    try {
      const res = await fetch(`http://127.0.0.1:${this.gateway.port}/metrics`, { signal: AbortSignal.timeout(2000) });
      if (!res.ok) return;
      text = await res.text();
    } catch {
      return; // killed, or starting
    }
    const now = {
      hits: counterValue(text, "graphql_response_cache_total", 'result="hit"'),
      misses: counterValue(text, "graphql_response_cache_total", 'result="miss"'),
    };
    for (const [key, value] of Object.entries(now)) {
      const before = this.last.get(key) ?? 0;
      const delta = value >= before ? value - before : value;
      this.total.set(key, (this.total.get(key) ?? 0) + delta);
      this.last.set(key, value);
    }
  }

  get(key: string): number {
    return this.total.get(key) ?? 0;
  }
}

interface Answer {
  status: number;
  json: { data?: unknown; errors?: unknown[] } | null;
  /** HAProxy's x-served-by: which gateway answered. */
  servedBy?: string;
}

function post(agent: http.Agent, url: string, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          "content-length": Buffer.byteLength(body),
        },
        timeout: 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          try {
            const servedBy = res.headers["x-served-by"] as string | undefined;
            resolve({
              status: res.statusCode ?? 0,
              json: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Answer["json"],
              servedBy,
            });
          } catch {
            resolve({ status: res.statusCode ?? 0, json: null });
          }
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error("no answer within 15 s")));
    req.on("error", reject);
    req.end(body);
  });
}

/** Asks gateway A, then gateway B, the same query: B's cache hits go up if it found A's answer in the shared cache. */
async function crossGatewayHit(cluster: Cluster, agent: http.Agent): Promise<boolean> {
  const [a, b] = cluster.gateways;
  if (!a || !b) return false;
  const body = JSON.stringify({ query: `{ actionLines { code } }`, variables: { probe: Date.now() } });
  const hitsOf = async (g: Member) =>
    counterValue(
      await (await fetch(`http://127.0.0.1:${g.port}/metrics`)).text(),
      "graphql_response_cache_total",
      'result="hit"',
    );
  await post(agent, `http://127.0.0.1:${a.port}/graphql`, body);
  const before = await hitsOf(b);
  const answer = await post(agent, `http://127.0.0.1:${b.port}/graphql`, body);
  return answer.status === 200 && (await hitsOf(b)) > before;
}

/** Waits until every subgraph process reads from the PostgreSQL replica again (its /health/ready says so). */
async function replicaInUse(cluster: Cluster, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const s of cluster.subgraphs) {
    for (;;) {
      try {
        const body = (await (
          await fetch(`http://127.0.0.1:${s.port}/health/ready`, { signal: AbortSignal.timeout(2000) })
        ).json()) as { replicas?: Array<{ state: string }> };
        if (body.replicas?.every((r) => r.state === "ok")) break;
      } catch {
        // starting
      }
      if (Date.now() > deadline)
        throw new Error(`${s.name} does not read from the PostgreSQL replica again within ${timeoutMs} ms`);
      await sleep(250);
    }
  }
}

export async function runSoak(cluster: Cluster, options: SoakOptions): Promise<SoakResult> {
  const say = options.say ?? (() => undefined);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections + 4 });
  const url = `${cluster.url}/graphql`;
  const bodies = WORKLOAD.map(requestBody);
  const uniqueEvery = options.uniqueShare === 0 ? 0 : Math.max(1, Math.round(1 / (options.uniqueShare ?? 0.5)));
  const bodyOf = (n: number): string => {
    const q = WORKLOAD[n % WORKLOAD.length];
    if (!uniqueEvery || n % uniqueEvery !== 0) return bodies[n % bodies.length];
    return JSON.stringify({
      operationName: q.operationName,
      query: q.query,
      variables: { ...q.variables, soakRequest: n },
    });
  };
  const crossHit = await crossGatewayHit(cluster, agent);

  const counters = cluster.gateways.map((g) => new GatewayCounters(g));
  await Promise.all(counters.map((c) => c.scrape()));
  const baseline = counters.map((c) => ({ hits: c.get("hits"), misses: c.get("misses") }));

  const samples: Sample[] = [];
  const start = Date.now();
  const end = start + options.durationMs;
  let next = 0;
  let chaosDone = false;
  // The load runs for the duration, and on until the last process is back and has served a while.
  const client = async () => {
    while (Date.now() < end || !chaosDone) {
      const body = bodyOf(next++);
      const t0 = Date.now();
      try {
        const { status, json, servedBy } = await post(agent, url, body);
        const ok = status === 200 && !!json && !json.errors && json.data !== null && json.data !== undefined;
        samples.push({
          t0,
          t1: Date.now(),
          ok,
          servedBy,
          ...(ok ? {} : { error: `${status} ${JSON.stringify(json?.errors ?? json).slice(0, 300)}` }),
        });
      } catch (error) {
        samples.push({ t0, t1: Date.now(), ok: false, error: (error as Error).message });
      }
    }
  };
  let scraping = true;
  const scraper = (async () => {
    while (scraping) {
      await Promise.all(counters.map((c) => c.scrape()));
      await sleep(500);
    }
  })();

  const windows: Array<{ what: string; from: number; to: number; back: number }> = [];
  const outage = options.outageMs ?? Math.max(2000, Math.round(options.durationMs / 10));
  const subgraph =
    options.subgraph ??
    cluster.subgraphs.find(
      (s, _i, all) => all.filter((o) => o.name.replace(/-\d+$/, "") === s.name.replace(/-\d+$/, "")).length > 1,
    );
  const gateway = cluster.gateways[0];
  const disruptions: Array<{ what: string; at: number; kill: () => Promise<void>; back: () => Promise<void> }> = [
    {
      what: `gateway ${gateway.name} killed (SIGKILL)`,
      at: 0.15,
      kill: () => gateway.kill(),
      back: () => gateway.start(),
    },
    ...(subgraph
      ? [
          {
            what: `subgraph ${subgraph.name} killed (SIGKILL)`,
            at: 0.4,
            kill: () => subgraph.kill(),
            back: () => subgraph.start(),
          },
        ]
      : []),
    {
      what: "PostgreSQL replica stopped (pg_ctl stop -m fast)",
      at: 0.65,
      kill: () => cluster.postgres.replica.stop(),
      back: async () => {
        await cluster.postgres.replica.start();
        await replicaInUse(cluster);
      },
    },
  ];
  const chaos = (async () => {
    for (const d of disruptions) {
      await sleep(Math.max(0, start + d.at * options.durationMs - Date.now()));
      say(`${d.what}`);
      const from = Date.now();
      await d.kill();
      const to = Date.now();
      await sleep(outage);
      await d.back();
      // Back when HAProxy sends it requests again (the PostgreSQL replica: when the subgraphs use it again).
      await cluster.waitUp();
      say(`${d.what.replace(/ (killed|stopped) \(.*$/, "")} back`);
      windows.push({ what: d.what, from, to, back: Date.now() });
    }
    await sleep(outage);
    chaosDone = true;
  })();

  await Promise.all([...Array.from({ length: options.connections }, client), chaos]);
  scraping = false;
  await scraper;
  await Promise.all(counters.map((c) => c.scrape()));
  agent.destroy();

  const inFlightAt = (s: Sample) => windows.find((w) => s.t0 <= w.to && s.t1 >= w.from);
  const failures = samples.filter((s) => !s.ok);
  const other = failures.filter((s) => !inFlightAt(s));
  const latencies = samples
    .filter((s) => s.ok)
    .map((s) => s.t1 - s.t0)
    .sort((a, b) => a - b);
  const elapsed = Math.max(Date.now(), end) - start;
  const hits = counters.reduce((sum, c, i) => sum + c.get("hits") - baseline[i].hits, 0);
  const misses = counters.reduce((sum, c, i) => sum + c.get("misses") - baseline[i].misses, 0);
  return {
    durationMs: elapsed,
    connections: options.connections,
    requests: samples.length,
    succeeded: samples.length - failures.length,
    failedInFlight: failures.length - other.length,
    failedOther: other.length,
    examples: other.slice(0, 5).map((s) => `${new Date(s.t0).toISOString()} +${s.t1 - s.t0} ms: ${s.error}`),
    rps: samples.length / (elapsed / 1000),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    disruptions: windows.map((w) => ({
      what: w.what,
      killedAtMs: w.from - start,
      backAtMs: w.back - start,
      failedInFlight: failures.filter((s) => inFlightAt(s) === w).length,
    })),
    perGateway: Object.fromEntries(
      cluster.gateways.map((g) => [g.name, samples.filter((x) => x.servedBy === g.server?.split("/")[1]).length]),
    ),
    uniqueShare: uniqueEvery ? 1 / uniqueEvery : 0,
    cache: { hits, misses, hitRate: hits + misses > 0 ? hits / (hits + misses) : 0 },
    crossGatewayHit: crossHit,
  };
}
