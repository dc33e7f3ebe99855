import type { DashboardMeasurement } from "./dashboard";
import type { SdmxMeasurement } from "./sdmx";
import type { CellResult } from "./load";
import type { PartitionSize } from "./database";
import type { CpuSplit } from "./machine";
import type { Scale } from "./options";
import type { WorkloadId } from "./workload";

/**
 * What the benchmark measures a query through:
 * - hub: the hub's gateway, response cache off;
 * - hive: @graphql-hive/gateway over the same supergraph file and subgraphs (in-flight deduplication off, no cache);
 * - direct: the subgraph that owns it, straight (single-subgraph queries);
 * - floor: one hand-written SQL statement behind a minimal HTTP server (single-subgraph queries);
 * - cache: the hub's gateway with its response cache on.
 */
export type TargetKind = "hub" | "hive" | "direct" | "floor" | "cache";

export const TARGET_LABELS: Record<TargetKind, string> = {
  hub: "hub gateway (cache off)",
  hive: "Hive Gateway (dedup off, no cache)",
  direct: "subgraph, straight",
  floor: "SQL floor (pg + node:http)",
  cache: "hub gateway, response cache on",
};

export interface Measurement {
  query: WorkloadId;
  target: TargetKind;
  cell: CellResult;
  /** Largest VmRSS of the gateway process sampled during this cell (gateways only), bytes. */
  peakRss: number | null;
  /** Largest V8 heap in use / heap size of the hub's gateway during this cell (at the highest connection count), bytes. */
  peakHeapUsed?: number | null;
  peakHeapTotal?: number | null;
  /** Where the CPU went during this cell, in cores. */
  cpu: CpuSplit;
}

export interface StatementCounts {
  /** One request on its own. */
  single: number;
  /** Per request over a fixed number of requests sent at the highest connection count (every one completed). */
  underLoad: number;
  loadRequests: number;
  loadConnections: number;
  /** Requests of that run that failed or got a different answer (e.g. a subgraph call timed out): their statements may be missing. */
  loadFailures: number;
}

export interface ScaleResult {
  scale: Scale;
  database: string;
  observations: number;
  syntheticObservations: number;
  tableBytes: number;
  /** Seconds to create the database, migrate, seed and load. */
  setupSeconds: number;
  /** Seconds the whole scale took (setup and measurements). */
  wallSeconds?: number;
  statements: Partial<Record<WorkloadId, Partial<Record<TargetKind, StatementCounts>>>>;
  /** Checks of the answers before measuring (same data everywhere), one line each. */
  checks: string[];
  measurements: Measurement[];
  /** Peak RSS over the whole scale (VmHWM at its end), bytes. */
  hwm: Partial<Record<TargetKind, number | null>>;
  /** The hub with its response cache on, on a repeated request: its Cache-Control, and whether it came from the cache. */
  cache: Partial<Record<WorkloadId, { cacheControl: string | null; hit: boolean }>>;
  /** The dashboard in Chromium against the cache-on gateway (dashboard.ts). */
  dashboard?: DashboardMeasurement;
  /** One indicator streamed by the SDMX data endpoint, and the gateway's memory (sdmx.ts). */
  sdmx?: SdmxMeasurement;
  /** CPU ms per request per process of W1–W5 and the dashboard's operations, after (and before) issue #19's levers. */
  sides?: SideResult[];
  /** The partitions of the observation table and their sizes at this scale. */
  storage?: PartitionSize[];
}

export interface RunInfo {
  startedAt: Date;
  finishedAt: Date;
  command: string;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number[];
  compareConnections: number[];
  poolSize: number;
  database: string;
  postgresVersion: string;
  note?: string;
  /** A previous run's results (`--baseline`): its CPU per request is shown next to this run's. */
  baseline?: { label: string; results: ScaleResult[] };
  /** Seconds per cell of the before/after CPU measurements. */
  cpuCellSeconds?: number;
  loadBefore: number[];
  loadAfter: number[];
  /** Share of all cores busy during 3 s before the benchmark started anything, and after it stopped everything. */
  backgroundCpuBefore: number | null;
  backgroundCpuAfter: number | null;
}

/** CPU per request of one operation on one side (before or after issue #19's levers), measured by cpu-cells.ts. */
export interface OpCost {
  id: string;
  kind: "workload" | "dashboard";
  requests: number;
  rps: number;
  /** Errors, non-2xx and answers that differ from the first one, during the cell. */
  failures: number;
  /** SQL statements of one request on its own (every subgraph's counter). */
  statements: number;
  /** Bytes of the answer. */
  bytes: number;
  /** Before side: whether its answer is byte for byte the after side's (null when there was none to compare). */
  sameAsAfter: boolean | null;
  /** CPU ms per request: "gateway", each subgraph by name, "PostgreSQL" (when the benchmark started it). */
  perProcess: Record<string, number>;
  /** Summed over every process. */
  total: number;
  /** Why the cell was not measured: the operation's first answer was an error (the run goes on). */
  error?: string;
}

export interface SideResult {
  side: "before" | "after";
  execution: "compiled" | "graphql-js";
  passthrough: boolean;
  connections: number;
  seconds: number;
  ops: OpCost[];
}
