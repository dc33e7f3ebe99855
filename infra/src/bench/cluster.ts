import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConfigError, parseConfig } from "@wsis/shared";
import { z } from "zod";
import { startCluster, type Cluster } from "../cluster/cluster";
import { runSoak, type SoakResult } from "../cluster/soak";
import { REPO_ROOT } from "../config";
import { describeMachine, type Machine } from "./machine";

/**
 * `npm run bench:cluster`: the soak of the rehearsal cluster (two gateways, two replicas of each subgraph, HAProxy,
 * PostgreSQL primary and replica, Redis) — the dashboard workload through HAProxy while a gateway, a subgraph replica
 * and the PostgreSQL replica are stopped and started again — and its figures written into BENCHMARKS.md (its own
 * section, between markers, kept by `npm run bench`).
 */
export const CLUSTER_START = "<!-- cluster-soak:start -->";
export const CLUSTER_END = "<!-- cluster-soak:end -->";

const say = (line: string) => process.stdout.write(`[bench:cluster] ${line}\n`);
const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} ms` : "–");

export function renderClusterSection(
  machine: Machine,
  command: string,
  r: SoakResult,
  date: string,
  loadAverage: number[],
): string {
  const gib = (machine.memoryBytes / 1024 ** 3).toFixed(1);
  return [
    CLUSTER_START,
    "## Cluster soak: several of everything behind HAProxy",
    "",
    `Measured ${date} on ${machine.cores} cores (${machine.cpuModel}), ${gib} GiB, ${machine.os}, Node ${machine.node}; load average`,
    `${loadAverage.map((v) => v.toFixed(1)).join(", ")} over 1, 5, 15 minutes when the run ended — the cluster's own processes (2 gateways, 10 subgraphs,`,
    "HAProxy, two PostgreSQL servers, Redis, the load generator) and any other work share those cores, so the latencies are an",
    "upper bound. Command: `" + command + "`.",
    "",
    "Topology (`npm run cluster`): HAProxy in front of 2 gateways and between the gateways and 2 replicas of each subgraph",
    "(health checks on `/health/ready`), the gateways sharing one response cache in Redis, the subgraphs writing to a",
    "PostgreSQL primary and reading from its streaming replica. Load: the dashboard workload (W1–W5 in turn;",
    `${Math.round(r.uniqueShare * 100)}% of the requests made unique by a variable no query reads, so that they miss the cache and reach the subgraphs`,
    "and PostgreSQL, where the kills happen; the rest repeat the five queries and are answered from the shared cache) from",
    `${r.connections} keep-alive clients through HAProxy for ${(r.durationMs / 1000).toFixed(0)} s, while these were stopped and started again:`,
    "",
    "| Disruption | Stopped at | Back at (HAProxy or the subgraphs use it again) | Requests failed in flight |",
    "|---|---|---|---|",
    ...r.disruptions.map(
      (d) =>
        `| ${d.what} | ${(d.killedAtMs / 1000).toFixed(1)} s | ${(d.backAtMs / 1000).toFixed(1)} s | ${d.failedInFlight} |`,
    ),
    "",
    "| Requests | Succeeded | Failed in flight at a kill | Other failures | Requests/s | p50 | p95 | p99 |",
    "|---|---|---|---|---|---|---|---|",
    `| ${r.requests} | ${r.succeeded} | ${r.failedInFlight} | ${r.failedOther} | ${r.rps.toFixed(1)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} |`,
    "",
    `Requests per gateway (HAProxy's \`x-served-by\`): ${Object.entries(r.perGateway)
      .map(([g, n]) => `${g} ${n}`)
      .join(", ")}. Shared response cache,`,
    `summed over both gateways: ${r.cache.hits} hits, ${r.cache.misses} misses — hit rate ${(r.cache.hitRate * 100).toFixed(1)}%; an answer cached by one gateway`,
    `was ${r.crossGatewayHit ? "" : "NOT "}served from the cache by the other (asked directly before the load).`,
    "",
    ...(r.failedOther > 0
      ? [
          "Failures not in flight at a kill (the first five):",
          "",
          ...r.examples.map((e) => `- ${e.replace(/\|/g, "\\|").slice(0, 240)}`),
          "",
        ]
      : []),
    'A failure counts as "in flight at a kill" when the request was under way while a process was being killed; HAProxy',
    "retries a request whose connection was refused or closed without an answer, so most such requests succeed on the",
    "other replica. A subgraph's reads whose PostgreSQL replica stops under them are run again on the primary.",
    CLUSTER_END,
  ].join("\n");
}

/** Replaces the section in BENCHMARKS.md (or appends it). */
export function writeClusterSection(file: string, section: string): void {
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  const start = existing.indexOf(CLUSTER_START);
  const end = existing.indexOf(CLUSTER_END);
  const next =
    start >= 0 && end > start
      ? `${existing.slice(0, start)}${section}${existing.slice(end + CLUSTER_END.length)}`
      : `${existing.replace(/\n*$/, "\n\n")}${section}\n`;
  writeFileSync(file, next);
}

async function main(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = "true";
  let config: { BENCH_CLUSTER_SECONDS: number; BENCH_CLUSTER_CONNECTIONS: number; BENCH_OUTPUT: string };
  try {
    config = parseConfig({
      BENCH_CLUSTER_SECONDS: z.coerce.number().int().min(10).max(1800).default(120),
      BENCH_CLUSTER_CONNECTIONS: z.coerce.number().int().min(1).max(200).default(8),
      BENCH_OUTPUT: z.string().default(path.join(REPO_ROOT, "BENCHMARKS.md")),
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`[bench:cluster] error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  let cluster: Cluster | undefined;
  process.on("SIGINT", () => void cluster?.stop().then(() => process.exit(130)));
  try {
    cluster = await startCluster({ gateways: 2, subgraphReplicas: 2, say });
    say(
      `cluster ready at ${cluster.url}; soak of ${config.BENCH_CLUSTER_SECONDS} s with ${config.BENCH_CLUSTER_CONNECTIONS} clients`,
    );
    const indicators = cluster.subgraphs.find((s) => s.name === "indicators-1");
    const result = await runSoak(cluster, {
      durationMs: config.BENCH_CLUSTER_SECONDS * 1000,
      connections: config.BENCH_CLUSTER_CONNECTIONS,
      subgraph: indicators,
      say,
    });
    say(JSON.stringify(result));
    const command = `BENCH_CLUSTER_SECONDS=${config.BENCH_CLUSTER_SECONDS} BENCH_CLUSTER_CONNECTIONS=${config.BENCH_CLUSTER_CONNECTIONS} npm run bench:cluster`;
    writeClusterSection(
      config.BENCH_OUTPUT,
      renderClusterSection(describeMachine(), command, result, new Date().toISOString().slice(0, 10), os.loadavg()),
    );
    say(`written into ${config.BENCH_OUTPUT}`);
    await cluster.stop();
    process.exit(result.failedOther === 0 ? 0 : 1);
  } catch (error) {
    process.stderr.write(`[bench:cluster] error: ${(error as Error).message}\n`);
    await cluster?.stop().catch(() => undefined);
    process.exit(1);
  }
}

if (require.main === module) void main();
