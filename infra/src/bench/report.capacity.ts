import { dashboardOperations, PER_VISIT_NOTE } from "./dashboard-ops";
import { compareConnectionsFor } from "./report.figures";
import { count, mb } from "./report.format";
import { sideOf } from "./report.sides";
import type { OpCost, RunInfo, ScaleResult } from "./results";

/**
 * "What a million readers a day costs" (issue #20), computed from this run's figures only: CPU ms per request per
 * process for a cache hit and a miss, so cores and replicas per 1,000 req/s; PostgreSQL at 100 million observations,
 * extrapolated from the sizes measured at the largest scale; the cache hit rate two gateways need for a public dashboard.
 */

/** The assumptions, stated in the section. */
export const CAPACITY = {
  readersPerDay: 1_000_000,
  /** Peak hour ÷ mean hour (a public dashboard's daily cycle, and a WSIS Forum week's bursts). */
  peakFactor: 5,
  /** The share of a core a replica is run at (headroom for bursts, GC and restarts). */
  utilisation: 0.7,
  gateways: 2,
  observations: 100_000_000,
};

/** Bytes in MB, or in GB from 10 GB on. */
const size = (bytes: number) => (bytes >= 10 * 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(0)} GB` : mb(bytes));
const f = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? "–" : v.toFixed(2));

/** CPU ms per request of a cache hit (the gateway with its cache on, W1–W5 measured at the comparison connections). */
function hitCosts(r: ScaleResult, cc: number): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const m of r.measurements.filter((x) => x.target === "cache" && x.cell.connections === cc)) {
    if (!(m.cell.rps > 0) || r.cache[m.query]?.hit !== true) continue;
    const per = (cores: number | null) => (cores === null ? 0 : (cores / m.cell.rps) * 1000);
    out.set(m.query, { gateway: per(m.cpu.gateway), subgraphs: per(m.cpu.subgraphs), PostgreSQL: per(m.cpu.postgres) });
  }
  return out;
}

export function capacitySection(info: RunInfo, results: ScaleResult[]): string[] {
  const r = [...results].reverse().find((x) => sideOf(x, "after")) ?? results[results.length - 1];
  if (!r) return [];
  const after = sideOf(r, "after");
  const cc = compareConnectionsFor(info);
  const hits = hitCosts(r, cc);
  const lines = [
    "## What a million readers a day costs",
    "",
    `Computed from this run's figures at scale ${r.scale} (the largest measured), nothing else: CPU milliseconds per request per process. ` +
      "1,000 requests per second at *x* ms of CPU each take *x* cores, so the milliseconds below are also **cores per 1,000 req/s**; " +
      `a Node process runs its JavaScript on one core, so a process kind needs about cores ÷ ${CAPACITY.utilisation} replicas (run at ${CAPACITY.utilisation * 100}% of a core); for PostgreSQL "replicas" means cores of the primary and its read replicas together.`,
    "",
  ];
  if (!after) {
    lines.push("Not computed: this run measured no CPU per request (the after side).", "");
    return lines;
  }
  const names = [...new Set(after.ops.flatMap((o) => Object.keys(o.perProcess)))];
  const subgraphNames = names.filter((n) => n !== "gateway" && n !== "PostgreSQL").sort();
  const hitMean = hits.size ? [...hits.values()].reduce((a, h) => a + h.gateway, 0) / hits.size : NaN;
  lines.push(
    "### CPU ms per request (= cores per 1,000 req/s), by process kind",
    "",
    `Miss: the request computed (response cache off; the after side's cells). Hit: answered from the gateway's response cache (the cache-on cells of W1–W5 at ${cc} connections; for the dashboard's operations, whose hits were not measured one by one, the mean hit of W1–W5, ${f(hitMean)} ms — a hit sends stored bytes, whatever the query).`,
    "",
    `| operation | gateway, miss | gateway, hit | ${subgraphNames.map((n) => `${n}, miss`).join(" | ")} | PostgreSQL, miss | all processes, miss |`,
    `|---|---:|---:|${subgraphNames.map(() => "---:").join("|")}|---:|---:|`,
  );
  for (const o of after.ops) {
    const hit = hits.get(o.id)?.gateway ?? (o.kind === "dashboard" ? hitMean : undefined);
    lines.push(
      `| ${o.id} | ${f(o.perProcess.gateway)} | ${f(hit)} | ${subgraphNames.map((n) => f(o.perProcess[n])).join(" | ")} | ${f(o.perProcess.PostgreSQL)} | ${f(o.total)} |`,
    );
  }
  lines.push("");

  // A reader's visit, from the dashboard's own operations.
  const perVisit = new Map(dashboardOperations().map((op) => [op.name, op.perVisit]));
  const visitOps = after.ops.filter((o) => o.kind === "dashboard" && (perVisit.get(o.id) ?? 0) > 0);
  const requestsPerVisit = visitOps.reduce((n, o) => n + (perVisit.get(o.id) ?? 0), 0);
  if (!visitOps.length) {
    lines.push("The dashboard's operations were not measured (`--no-dashboard-ops`): no visit mix to compute.", "");
    return lines;
  }
  const mix = (pick: (o: OpCost) => number) =>
    visitOps.reduce((sum, o) => sum + pick(o) * (perVisit.get(o.id) ?? 0), 0) / requestsPerVisit;
  // NaN (shown "–") for a process not measured, e.g. PostgreSQL on a server of the operator's (BENCH_DATABASE_URL).
  const missOf = (name: string) =>
    visitOps.some((o) => name in o.perProcess) ? mix((o) => o.perProcess[name] ?? 0) : NaN;
  const gatewayMiss = missOf("gateway");
  const gatewayHit = hitMean;
  const perDay = CAPACITY.readersPerDay * requestsPerVisit;
  const mean = perDay / 86_400;
  const peak = mean * CAPACITY.peakFactor;
  const budget = CAPACITY.gateways * CAPACITY.utilisation * 1000; // CPU ms per second of the two gateways
  const needed = (gatewayMiss - budget / peak) / (gatewayMiss - gatewayHit);
  const h = Math.min(1, Math.max(0, needed));
  const possible = Number.isFinite(needed) && needed <= 1;
  lines.push(
    "### A public dashboard from two gateways",
    "",
    `Assumptions: ${count(CAPACITY.readersPerDay)} readers a day; ${PER_VISIT_NOTE}: **${requestsPerVisit} GraphQL requests per visit**; the peak hour carries ${CAPACITY.peakFactor}× the mean hour; each gateway is one process run at ${CAPACITY.utilisation * 100}% of a core.`,
    "",
    `That is ${count(Math.round(perDay))} requests a day, ${mean.toFixed(0)} req/s on average and **${peak.toFixed(0)} req/s at peak**. ` +
      `Per request of a visit (weighted by how often each operation is sent): the gateway costs ${f(gatewayMiss)} ms on a miss and ${f(gatewayHit)} ms on a hit. ` +
      `Two gateways give ${(budget / 1000).toFixed(1)} cores, so they serve the peak when hit rate × ${f(gatewayHit)} + (1 − hit rate) × ${f(gatewayMiss)} ≤ ${(budget / peak).toFixed(2)} ms per request: ` +
      (possible
        ? `**a cache hit rate of at least ${(h * 100).toFixed(0)}%**${needed <= 0 ? " (none needed: two gateways serve the peak uncached)" : ""}.`
        : `not reachable even with every request a hit (${f(gatewayHit)} ms × ${peak.toFixed(0)} req/s = ${((gatewayHit * peak) / 1000).toFixed(2)} cores): more gateways are needed.`),
    "The dashboard's default views send the same requests for every reader (no personal data, public cache hints), so all readers of a view share one cache entry per gateway (shared across gateways with REDIS_URL) until its max-age passes; misses come from readers who change the indicator, the economies or the years.",
    "",
    `At that hit rate the misses reach the subgraphs and PostgreSQL: ${(peak * (1 - h)).toFixed(0)} req/s at peak, which take (cores; replicas at ${CAPACITY.utilisation * 100}%):`,
    "",
    "| process kind | CPU ms per miss (visit mix) | cores at peak | replicas at peak | per 1,000 req/s of misses: cores (replicas) | per 1,000 req/s of hits: cores (replicas) |",
    "|---|---:|---:|---:|---:|---:|",
  );
  const replicas = (cores: number) =>
    Number.isFinite(cores) ? String(Math.max(1, Math.ceil(cores / CAPACITY.utilisation))) : "–";
  for (const name of ["gateway", ...subgraphNames, "PostgreSQL"]) {
    const ms = missOf(name);
    const coresAtPeak =
      name === "gateway" ? (peak * (h * gatewayHit + (1 - h) * gatewayMiss)) / 1000 : (peak * (1 - h) * ms) / 1000;
    lines.push(
      `| ${name} | ${f(ms)} | ${f(coresAtPeak)} | ${replicas(coresAtPeak)} | ${f(ms)} (${replicas(ms)}) | ${name === "gateway" ? `${f(gatewayHit)} (${replicas(gatewayHit)})` : "0"} |`,
    );
  }
  lines.push("");
  lines.push(...storageLines(results));
  return lines;
}

/** PostgreSQL at 100 million observations, from the partition sizes of the largest scale. */
function storageLines(results: ScaleResult[]): string[] {
  const r = [...results].reverse().find((x) => x.storage?.length);
  if (!r?.storage) return [];
  const rows = r.storage.reduce((n, p) => n + p.rows, 0);
  const table = r.storage.reduce((n, p) => n + p.tableBytes, 0);
  const index = r.storage.reduce((n, p) => n + p.indexBytes, 0);
  const scaleUp = CAPACITY.observations / rows;
  const lines = [
    `### PostgreSQL at ${count(CAPACITY.observations)} observations`,
    "",
    "`indicators.observation` is partitioned by dataset (LIST on `dataset_id`, subgraphs/indicators/src/publishing/partition.ts): the first bulk load of a new dataset (10,000 rows or more) is loaded into a table of its own, indexed once, and attached as that dataset's partition; every other dataset's rows are in the default partition. Every read names its dataset, so it reads one partition through that partition's indexes.",
    "",
    `Measured at scale ${r.scale} (pg_relation_size, pg_indexes_size${r.syntheticObservations ? ", after the load's VACUUM ANALYZE" : ""}):`,
    "",
    "| partition | rows | table | indexes | indexes (each) |",
    "|---|---:|---:|---:|---|",
    ...r.storage.map(
      (p) =>
        `| ${p.name} | ${count(p.rows)} | ${mb(p.tableBytes)} | ${mb(p.indexBytes)} | ${p.indexes.map((i) => `${i.name.replace(/^observation_/, "")} ${mb(i.bytes)}`).join(", ")} |`,
    ),
    `| **all** | ${count(rows)} | ${mb(table)} | ${mb(index)} | |`,
    "",
    `Per observation: ${(table / rows).toFixed(0)} bytes of table and ${(index / rows).toFixed(0)} bytes of indexes. **Extrapolated linearly** to ${count(CAPACITY.observations)} observations (×${scaleUp.toFixed(1)}, an assumption: the same row shape and the same indexes): about ${size(table * scaleUp)} of table and ${size(index * scaleUp)} of indexes, ${size((table + index) * scaleUp)} in all. ` +
      "A B-tree one level deeper at that size costs one more page read per lookup, not ten times more; the reads of W2–W4 stay one index range per partition. " +
      "If those rows are spread over several datasets each in its own partition, each dataset's indexes are only as large as its own rows. The hot part is the indexes the reads use: memory for them (shared_buffers and the page cache) is what keeps the reads off the disk.",
    "",
  ];
  return lines;
}
