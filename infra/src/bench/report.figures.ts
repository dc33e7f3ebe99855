import type { Measurement, RunInfo, ScaleResult, TargetKind } from "./results";
import type { WorkloadId } from "./workload";

/** What the report computes from the measurements: the targets, the cells it compares, the CPU cost of a request. */

/** The targets of issue #19 (50 connections, response cache off, at S and at L). */
export const TARGETS = {
  /** W2–W4 through the hub, against the SQL floor's requests per second. */
  floorRatioMin: 0.5,
  hiveRatioMin: 1.5,
  directRatioMin: 0.9,
  /** CPU ms per request summed over all processes, after ÷ before. */
  cpuRatioMax: 0.5,
  rssMaxBytes: 300 * 2 ** 20,
  /** The single-subgraph queries the gateway/direct target names. */
  directRatioQueries: ["W2", "W3", "W4"] as WorkloadId[],
};

export function find(
  r: ScaleResult,
  query: WorkloadId,
  target: TargetKind,
  connections: number,
): Measurement | undefined {
  return r.measurements.find((m) => m.query === query && m.target === target && m.cell.connections === connections);
}

/** CPU milliseconds one request costs in each group of processes (cores ÷ requests per second). */
export function costPerRequest(
  m: Measurement,
): { gateway: number; subgraphs: number; postgres: number | null; total: number } | null {
  if (!(m.cell.rps > 0)) return null;
  const per = (v: number | null) => (v === null ? null : (v / m.cell.rps) * 1000);
  const gateway = per(m.cpu.gateway) ?? 0;
  const subgraphs = per(m.cpu.subgraphs) ?? 0;
  const postgres = per(m.cpu.postgres);
  return { gateway, subgraphs, postgres, total: gateway + subgraphs + (postgres ?? 0) };
}

/** The connection count the targets name (50), or the largest measured. */
export const targetConnections = (info: RunInfo) =>
  info.connections.includes(50) ? 50 : Math.max(...info.connections);
export const compareConnectionsFor = (info: RunInfo) =>
  info.compareConnections.includes(50) ? 50 : Math.max(...info.compareConnections);
