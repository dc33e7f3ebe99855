import path from "node:path";
import { REPO_ROOT } from "../config";
import { WORKLOAD, type WorkloadId } from "./workload";

export type Scale = "S" | "M" | "L";

/** Synthetic observations added to the real data at each scale. */
export const SYNTHETIC_ROWS: Record<Scale, number> = { S: 0, M: 1_000_000, L: 10_000_000 };

export interface BenchOptions {
  scales: Scale[];
  /** Seconds of load per measured cell. */
  durationSeconds: number;
  /** Seconds of load per target and query before measuring. */
  warmupSeconds: number;
  /** Concurrent connections of the workload through each gateway (the hub and Hive). */
  connections: number[];
  /** Connections of the comparison rows (subgraph straight, SQL floor, hub with its response cache on). */
  compareConnections: number[];
  queries: WorkloadId[];
  /** A server of the operator's (BENCH_DATABASE_URL, an admin connection); else an embedded PostgreSQL. */
  databaseUrl?: string;
  embeddedPort: number;
  embeddedDataDir: string;
  output: string;
  keepDatabases: boolean;
  /** Free text put in BENCHMARKS.md (e.g. "shared machine: other test suites were running"). */
  note?: string;
  /** Subgraph processes' database pool size (DB_POOL_SIZE), also the SQL floor's. */
  poolSize: number;
  /** Where the raw results of the last run are kept (JSON), to render the report again without measuring. */
  resultsFile: string;
  /** Only render the report again from `resultsFile`. */
  reportOnly: boolean;
  /** Only the SDMX streaming measurement (subgraphs and one gateway): printed, BENCHMARKS.md left as it is. */
  sdmxOnly: boolean;
  /** A previous run's results file (.data/bench-results.json kept aside) to compare CPU per request with. */
  baselineFile?: string;
  /** What the baseline was, e.g. "before: SUBGRAPH_EXECUTION=graphql-js GATEWAY_SINGLE_FETCH_PASSTHROUGH=false". */
  baselineLabel?: string;
  /**
   * Also measure "before" in the same run: the subgraphs with SUBGRAPH_EXECUTION=graphql-js and the gateway with
   * GATEWAY_SINGLE_FETCH_PASSTHROUGH=false (the code paths before issue #19's levers), CPU ms per request per process.
   */
  before: boolean;
  /** The dashboard's own operations (persisted documents) measured for CPU per request, after (and before). */
  dashboardOps: boolean;
  /** Seconds of load per cell of the CPU-per-request measurements (before/after, dashboard operations). */
  cpuCellSeconds: number;
  /** The execution of the "after" subgraphs; default: what SUBGRAPH_EXECUTION or the code's default gives. */
  afterExecution?: "compiled" | "graphql-js";
}

/** Chosen so that `npm run bench` (S and L, before and after) fits in about 30 minutes on 2 cores, build included (L's 10 million rows take about 5 of them to load and index). */
export const DEFAULT_DURATION = 10;
export const DEFAULT_CPU_CELL = 5;

export const USAGE = `npm run bench [-- options]

  --scale S,M,L              scales to run (default S,L; M = 1,000,000 and L = 10,000,000 synthetic observations)
  --duration <s>             seconds of load per cell (default ${DEFAULT_DURATION})
  --warmup <s>               seconds of warm-up per target and query, after the statement count (default 1)
  --connections 1,10,50      connections through the hub and through Hive (default 50)
  --compare-connections 50   connections of the direct, SQL-floor and cache-on rows (default 50)
  --queries W1,W2,...        a subset of the workload (default all)
  --output <file>            default BENCHMARKS.md at the repository root
  --keep-databases           do not drop the wsis_bench_* databases at the end (with BENCH_DATABASE_URL)
  --note <text>              a note printed in BENCHMARKS.md (e.g. that the machine was shared)
  --report-only              write BENCHMARKS.md again from the last run's results (.data/bench-results.json)
  --sdmx-only                only stream one indicator through the SDMX data endpoint and measure the gateway's memory
                             (printed and kept in .data/bench-sdmx.json; BENCHMARKS.md is not rewritten)
  --baseline <file>          a previous run's results (a copy of .data/bench-results.json): CPU ms per request per
                             process of the two runs side by side (with --report-only too)
  --baseline-label <text>    what the baseline run was (e.g. the switches it ran with)
  --no-before                skip "before" (on by default): subgraphs with SUBGRAPH_EXECUTION=graphql-js and a gateway
                             with GATEWAY_SINGLE_FETCH_PASSTHROUGH=false, CPU ms per request per process of W1-W5 and
                             of the dashboard's own operations, next to the same cells "after"
  --no-dashboard-ops         skip the dashboard's own operations (gateway/dashboard persisted documents)
  --cpu-cell <s>             seconds of load per cell of the before/after CPU measurements (default ${DEFAULT_CPU_CELL})
  --after-execution <mode>   compiled or graphql-js: the "after" subgraphs' SUBGRAPH_EXECUTION (default: the
                             environment's SUBGRAPH_EXECUTION, else the code's default)

  Environment: BENCH_DATABASE_URL (a PostgreSQL server to create the wsis_bench_* databases on; default: an embedded
  server on BENCH_PG_PORT, 54339, with a throw-away data directory), BENCH_NOTE (same as --note).`;

function list(value: string, what: string): string[] {
  const items = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw new Error(`${what}: empty list`);
  return items;
}

function positiveNumbers(value: string, what: string): number[] {
  return list(value, what).map((item) => {
    const n = Number(item);
    if (!Number.isInteger(n) || n < 1 || n > 1000)
      throw new Error(`${what}: "${item}" is not a whole number between 1 and 1000`);
    return n;
  });
}

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const options: BenchOptions = {
    scales: ["S", "L"],
    durationSeconds: DEFAULT_DURATION,
    warmupSeconds: 1,
    connections: [50],
    compareConnections: [50],
    queries: WORKLOAD.map((q) => q.id),
    databaseUrl: env.BENCH_DATABASE_URL || undefined,
    embeddedPort: Number(env.BENCH_PG_PORT || 54339),
    embeddedDataDir: path.join(REPO_ROOT, ".data/bench-postgres"),
    output: path.join(REPO_ROOT, "BENCHMARKS.md"),
    keepDatabases: false,
    note: env.BENCH_NOTE || undefined,
    poolSize: 10,
    resultsFile: path.join(REPO_ROOT, ".data/bench-results.json"),
    reportOnly: false,
    sdmxOnly: false,
    before: true,
    dashboardOps: true,
    cpuCellSeconds: DEFAULT_CPU_CELL,
  };
  const args = [...argv];
  const value = (flag: string): string => {
    const v = args.shift();
    if (v === undefined || v.startsWith("--")) throw new Error(`${flag} needs a value`);
    return v;
  };
  while (args.length) {
    const arg = args.shift() as string;
    const [flag, inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined];
    const next = () => inline ?? value(flag);
    switch (flag) {
      case "--scale":
      case "--scales": {
        const scales = list(next().toUpperCase(), flag);
        for (const s of scales)
          if (!(s in SYNTHETIC_ROWS)) throw new Error(`${flag}: unknown scale "${s}" (S, M or L)`);
        options.scales = (["S", "M", "L"] as Scale[]).filter((s) => scales.includes(s));
        break;
      }
      case "--duration":
        options.durationSeconds = positiveNumbers(next(), flag)[0];
        break;
      case "--warmup":
        options.warmupSeconds = Number(next());
        if (!Number.isFinite(options.warmupSeconds) || options.warmupSeconds < 0)
          throw new Error(`${flag}: not a number of seconds`);
        break;
      case "--connections":
        options.connections = positiveNumbers(next(), flag);
        break;
      case "--compare-connections":
        options.compareConnections = positiveNumbers(next(), flag);
        break;
      case "--queries": {
        const ids = list(next().toUpperCase(), flag);
        for (const id of ids) if (!WORKLOAD.some((q) => q.id === id)) throw new Error(`${flag}: unknown query "${id}"`);
        options.queries = WORKLOAD.map((q) => q.id).filter((id) => ids.includes(id));
        break;
      }
      case "--output":
        options.output = path.resolve(next());
        break;
      case "--keep-databases":
        options.keepDatabases = true;
        break;
      case "--report-only":
        options.reportOnly = true;
        break;
      case "--sdmx-only":
        options.sdmxOnly = true;
        break;
      case "--note":
        options.note = next();
        break;
      case "--baseline":
        options.baselineFile = path.resolve(next());
        break;
      case "--baseline-label":
        options.baselineLabel = next();
        break;
      case "--before":
        options.before = true;
        break;
      case "--no-before":
        options.before = false;
        break;
      case "--no-dashboard-ops":
        options.dashboardOps = false;
        break;
      case "--cpu-cell":
        options.cpuCellSeconds = positiveNumbers(next(), flag)[0];
        break;
      case "--after-execution": {
        const mode = next();
        if (mode !== "compiled" && mode !== "graphql-js")
          throw new Error(`${flag}: "${mode}" is neither compiled nor graphql-js`);
        options.afterExecution = mode;
        break;
      }
      case "--help":
      case "-h":
        throw new HelpRequested();
      default:
        throw new Error(`unknown option ${arg}\n\n${USAGE}`);
    }
  }
  if (!Number.isInteger(options.embeddedPort) || options.embeddedPort < 1 || options.embeddedPort > 65535) {
    throw new Error("BENCH_PG_PORT is not a port number");
  }
  return options;
}

export class HelpRequested extends Error {
  constructor() {
    super(USAGE);
  }
}
