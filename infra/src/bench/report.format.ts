import type { CpuSplit } from "./machine";
import { costPerRequest } from "./report.figures";
import type { Measurement } from "./results";

/** How the report writes its figures: milliseconds, requests per second, ratios, sizes, shares, CPU. */

export const MB = 2 ** 20;
export const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "–");
export const p95Text = (m: Measurement) => (m.cell.requests > 0 ? `${ms(m.cell.p95)} ms` : "no request completed");
export const rps = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString("en") : "–");
export const ratio = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : "–");
export const mb = (v: number | null | undefined) => (v === null || v === undefined ? "–" : `${Math.round(v / MB)} MB`);
export const cores = (v: number | null) => (v === null ? "–" : v.toFixed(2));
export const count = (n: number) => n.toLocaleString("en");
export const pct = (v: number) => `${Math.round(v * 100)}%`;

export const costText = (m: Measurement): string => {
  const c = costPerRequest(m);
  if (!c) return "no request completed";
  return `${c.total.toFixed(1)} ms of CPU per request (gateway ${c.gateway.toFixed(1)}, subgraphs ${c.subgraphs.toFixed(1)}${c.postgres === null ? "" : `, PostgreSQL ${c.postgres.toFixed(1)}`})`;
};

export function cpuText(c: CpuSplit, cores: number): string {
  const part = (label: string, v: number | null) => (v === null ? null : `${label} ${v.toFixed(2)}`);
  return [
    part("gateway", c.gateway),
    part("subgraphs", c.subgraphs),
    part("PostgreSQL", c.postgres),
    part("load generator", c.loadgen),
    part("other processes", c.other),
  ]
    .filter(Boolean)
    .join(", ")
    .concat(c.machine === null ? "" : ` (machine: ${c.machine.toFixed(2)} of ${cores} cores busy)`);
}

/** CPU ms per request of each subgraph process that used at least 0.05 ms of it, e.g. "indicators 4.1 · events 0.2". */
export function byProcess(bySubgraph: Record<string, number> | undefined, requestsPerSecond: number): string {
  if (!bySubgraph || requestsPerSecond <= 0) return "–";
  const parts = Object.entries(bySubgraph)
    .map(([name, coresUsed]) => [name, (coresUsed / requestsPerSecond) * 1000] as const)
    .filter(([, ms]) => ms >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([name, ms]) => `${name} ${ms.toFixed(1)}`);
  return parts.length ? parts.join(" · ") : "–";
}
