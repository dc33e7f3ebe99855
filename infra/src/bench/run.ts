/**
 * `npm run bench`: the dashboard workload (workload.ts) measured end to end against a benchmark database — through the
 * hub's gateway, through @graphql-hive/gateway over the same supergraph and subgraphs, straight to the subgraph, against
 * one hand-written SQL statement, and through the hub with its response cache on — at scales S, M (and L on request).
 * Writes BENCHMARKS.md. Every process it starts stops at the end and on Ctrl-C; everything listens on 127.0.0.1.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inRepoSubgraphs, readRegistry } from "@wsis/gateway/registry";
import { REPO_ROOT } from "../config";
import { runToCompletion } from "../processes";
import {
  benchDatabaseName,
  databaseFacts,
  dropBenchDatabase,
  provideBenchServer,
  recreateBenchDatabase,
  serverVersion,
  type BenchServer,
} from "./database";
import { measureDashboard } from "./dashboard";
import { linkSyntheticIndicator, measureSdmxStream } from "./sdmx";
import { runLoad, stopLoad, type LoadTarget } from "./load";
import { busyShare, describeMachine, measureCpu, type Machine } from "./machine";
import { HelpRequested, parseOptions, SYNTHETIC_ROWS, type BenchOptions, type Scale } from "./options";
import { assertRunning, checkAnswers, countStatements, quiesce, targetFor, type Targets } from "./checks";
import { writeReport } from "./report";
import type { Measurement, RunInfo, ScaleResult, StatementCounts, TargetKind } from "./results";
import {
  baseEnv,
  HIVE_CONFIG,
  memoryOf,
  rewriteSupergraph,
  sampleMemory,
  startFloorServer,
  startHiveGateway,
  startHubGateway,
  startSubgraphs,
  stopService,
  type Service,
} from "./services";
import { loadSynthetic, SYNTHETIC_DATASET } from "./synthetic";
import { WORKLOAD, type WorkloadQuery } from "./workload";

interface SavedRun {
  machine: Machine;
  info: RunInfo;
  results: ScaleResult[];
}

/** The results of a previous run to compare with (`--baseline`), or undefined. */
function readBaseline(options: BenchOptions): { label: string; results: ScaleResult[] } | undefined {
  if (!options.baselineFile) return undefined;
  const saved = JSON.parse(readFileSync(options.baselineFile, "utf8")) as SavedRun;
  return {
    label: options.baselineLabel ?? `the run of ${String(saved.info.startedAt).slice(0, 16)}`,
    results: saved.results,
  };
}

/** An argument as a shell would need it written. */
const shellQuote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`);

const say = (line: string) => process.stdout.write(`[bench] ${line}\n`);

/** Everything started, so that Ctrl-C or a failure stops it all. */
const running = new Set<Service>();
const track = (s: Service) => {
  running.add(s);
  void s.exited.then(() => running.delete(s));
};
let server: BenchServer | undefined;
let tmpDir: string | undefined;
let stopping = false;

/** Stops everything once; every caller (Ctrl-C, a failure, the normal end) waits for the same clean-up. */
let cleaning: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleaning ??= doCleanUp();
  return cleaning;
}

async function doCleanUp(): Promise<void> {
  stopLoad();
  await Promise.all([...running].map((s) => stopService(s)));
  if (server) {
    const s = server;
    server = undefined;
    await s.stop().catch(() => undefined);
  }
  if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
}

async function prepareDatabase(scale: Scale, options: BenchOptions): Promise<{ url: string; seconds: number }> {
  if (!server) throw new Error("no database server");
  const began = Date.now();
  const name = benchDatabaseName(scale);
  say(`scale ${scale}: creating ${name}, migrating and seeding every subgraph (real reference data)`);
  const url = await recreateBenchDatabase(server.adminUrl, name);
  const env = { ...baseEnv(), DATABASE_URL: url };
  for (const s of inRepoSubgraphs(readRegistry())) {
    await runToCompletion(`${s.name} migrate`, path.join(s.hub.workspace as string, "dist/migrate.js"), env, REPO_ROOT);
  }
  const rows = SYNTHETIC_ROWS[scale];
  if (rows > 0) {
    say(
      `scale ${scale}: loading ${rows.toLocaleString("en")} synthetic observations into dataset "${SYNTHETIC_DATASET}"`,
    );
    await loadSynthetic(url, rows, say);
  }
  void options;
  return { url, seconds: (Date.now() - began) / 1000 };
}

async function runScale(scale: Scale, options: BenchOptions): Promise<ScaleResult> {
  const began = Date.now();
  const { url, seconds } = await prepareDatabase(scale, options);
  const facts = await databaseFacts(url, SYNTHETIC_DATASET);
  const result: ScaleResult = {
    scale,
    database: benchDatabaseName(scale),
    observations: facts.observations,
    syntheticObservations: facts.syntheticObservations,
    tableBytes: facts.tableBytes,
    setupSeconds: seconds,
    statements: {},
    checks: [],
    measurements: [],
    hwm: {},
    cache: {},
  };
  say(
    `scale ${scale}: ${facts.observations.toLocaleString("en")} observations (${facts.syntheticObservations.toLocaleString("en")} synthetic); starting the subgraphs and the gateways`,
  );
  const subgraphs = await startSubgraphs(url, options.poolSize, track);
  const supergraphPath = path.join(tmpDir as string, `supergraph-${scale}.graphql`);
  writeFileSync(supergraphPath, rewriteSupergraph(subgraphs.urls));
  if (options.sdmxOnly) {
    const gateway = await startHubGateway("gateway", supergraphPath, subgraphs, false, track);
    result.sdmx = await measureSdmx(scale, url, gateway.port, gateway.child.pid);
    for (const s of [gateway, ...subgraphs.services]) await stopService(s);
    if (!options.keepDatabases && server) await dropBenchDatabase(server.adminUrl, benchDatabaseName(scale));
    result.wallSeconds = (Date.now() - began) / 1000;
    return result;
  }
  const hiveConfigPath = path.join(tmpDir as string, "hive-gateway.config.mjs");
  writeFileSync(hiveConfigPath, HIVE_CONFIG);
  const t: Targets = {
    subgraphs,
    hub: await startHubGateway("gateway", supergraphPath, subgraphs, false, track),
    hive: await startHiveGateway(supergraphPath, hiveConfigPath, track),
    cache: await startHubGateway("gateway-cache", supergraphPath, subgraphs, true, track),
    floor: await startFloorServer(url, options.poolSize, track),
  };
  const kinds: TargetKind[] = ["hub", "hive", "direct", "floor", "cache"];
  const queries = WORKLOAD.filter((q) => options.queries.includes(q.id));
  const expected = await checkAnswers(queries, kinds, t, result);
  const loadTarget = (kind: TargetKind, q: WorkloadQuery): LoadTarget | null => {
    const target = targetFor(kind, q, t);
    return target ? { ...target, expectBody: expected.get(`${q.id}:${kind}`) } : null;
  };

  const maxConnections = Math.max(...options.connections, ...options.compareConnections);
  say(
    `scale ${scale}: statement counts and warm-up (${options.warmupSeconds} s per target and query at ${maxConnections} connections)`,
  );
  for (const q of queries) {
    const counts: Partial<Record<TargetKind, StatementCounts>> = {};
    for (const kind of kinds) {
      const target = loadTarget(kind, q);
      if (!target) continue;
      if (kind !== "floor") counts[kind] = await countStatements(target, subgraphs, maxConnections);
      if (options.warmupSeconds > 0) await runLoad(target, maxConnections, options.warmupSeconds);
      if (stopping) throw new Error("interrupted");
    }
    result.statements[q.id] = counts;
  }

  const gatewayPid: Partial<Record<TargetKind, number | undefined>> = {
    hub: t.hub.child.pid,
    hive: t.hive.child.pid,
    cache: t.cache.child.pid,
  };
  const subgraphPids = [...subgraphs.services, t.floor]
    .map((s) => s.child.pid)
    .filter((pid): pid is number => pid !== undefined);
  const subgraphNames = new Map(
    [...subgraphs.services, t.floor].flatMap((s) =>
      s.child.pid === undefined ? [] : [[s.child.pid, s.name] as const],
    ),
  );
  const levels = [...new Set([...options.connections, ...options.compareConnections])].sort((a, b) => a - b);
  let cellIndex = 0;
  for (const q of queries) {
    for (const connections of levels) {
      // The two gateways alternate which goes first, so a change in the background load of a shared machine does not
      // always fall on the same one.
      const order: TargetKind[] =
        cellIndex++ % 2 === 0
          ? ["hub", "hive", "direct", "floor", "cache"]
          : ["hive", "hub", "direct", "floor", "cache"];
      for (const kind of order) {
        const wanted = kind === "hub" || kind === "hive" ? options.connections : options.compareConnections;
        const target = loadTarget(kind, q);
        if (!target || !wanted.includes(connections)) continue;
        await quiesce(subgraphs);
        const metricsUrl =
          kind === "hub" || kind === "cache"
            ? `http://127.0.0.1:${(kind === "hub" ? t.hub : t.cache).port}/metrics`
            : undefined;
        const sampler = sampleMemory(gatewayPid[kind], connections === maxConnections ? metricsUrl : undefined);
        const cpu = measureCpu({
          gateway: gatewayPid[kind],
          subgraphs: subgraphPids,
          postgresMaster: server?.postmasterPid,
          names: subgraphNames,
        });
        const cell = await runLoad(target, connections, options.durationSeconds);
        const split = cpu.stop();
        const memory = await sampler.stop();
        if (stopping) throw new Error("interrupted");
        assertRunning(t);
        const isGateway = gatewayPid[kind] !== undefined;
        const measurement: Measurement = {
          query: q.id,
          target: kind,
          cell,
          peakRss: isGateway ? memory.rss : null,
          peakHeapUsed: memory.heapUsed,
          peakHeapTotal: memory.heapTotal,
          cpu: split,
        };
        result.measurements.push(measurement);
        say(
          `${scale} ${q.id} ${kind.padEnd(6)} c=${String(connections).padStart(2)}: ${cell.rps.toFixed(0).padStart(6)} req/s  ` +
            `p50 ${cell.p50.toFixed(1)}  p95 ${cell.p95.toFixed(1)}  p99 ${cell.p99.toFixed(1)} ms` +
            (cell.errors + cell.non2xx + cell.mismatches
              ? `  errors ${cell.errors} non-2xx ${cell.non2xx} wrong body ${cell.mismatches}`
              : ""),
        );
      }
    }
  }
  for (const kind of ["hub", "hive", "cache"] as const) result.hwm[kind] = memoryOf(gatewayPid[kind])?.hwm ?? null;
  say(`scale ${scale}: the dashboard in Chromium (cold load and a view switch)`);
  result.dashboard = await measureDashboard(`http://127.0.0.1:${t.cache.port}`);
  await quiesce(subgraphs);
  result.sdmx = await measureSdmx(scale, url, t.hub.port, t.hub.child.pid);

  for (const s of [t.hub, t.hive, t.cache, t.floor, ...subgraphs.services]) await stopService(s);
  if (!options.keepDatabases && server) await dropBenchDatabase(server.adminUrl, benchDatabaseName(scale));
  result.wallSeconds = (Date.now() - began) / 1000;
  return result;
}

/** One indicator streamed through the SDMX data endpoint of the hub's gateway (cache off), its memory sampled. */
async function measureSdmx(
  scale: Scale,
  databaseUrl: string,
  port: number,
  pid: number | undefined,
): Promise<ScaleResult["sdmx"]> {
  const indicator = await linkSyntheticIndicator(databaseUrl);
  say(`scale ${scale}: ${indicator.code} of the synthetic dataset streamed by GET /sdmx/data (the gateway's memory)`);
  const m = await measureSdmxStream(port, pid, indicator.series);
  const mib = (b: number | null) => (b === null ? "?" : `${(b / 2 ** 20).toFixed(0)} MiB`);
  say(
    `${scale} SDMX ${m.series}: ${m.status}, ${m.observations.toLocaleString("en")} observations, ${(m.bytes / 2 ** 20).toFixed(1)} MiB in ${m.seconds.toFixed(1)} s; gateway RSS ${mib(m.rssBefore)} before, ${mib(m.rssPeak)} peak`,
  );
  return m;
}

async function main(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = "true";
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof HelpRequested) {
      process.stdout.write(`${error.message}\n`);
      process.exit(0);
    }
    process.stderr.write(`[bench] error: ${(error as Error).message}\n`);
    process.exit(2);
  }
  if (options.reportOnly) {
    const saved = JSON.parse(readFileSync(options.resultsFile, "utf8"), (key, value) =>
      (key === "startedAt" || key === "finishedAt") && typeof value === "string" ? new Date(value) : value,
    ) as SavedRun;
    if (options.note) saved.info.note = options.note;
    const baseline = readBaseline(options);
    if (baseline) saved.info.baseline = baseline;
    writeReport(options.output, saved.machine, saved.info, saved.results);
    say(`wrote ${options.output} from ${options.resultsFile}`);
    return;
  }
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    say("interrupted: stopping everything");
    void cleanUp().finally(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const startedAt = new Date();
  const machine = describeMachine();
  say(
    `${machine.cores} cores, ${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB, Node ${machine.node}; scales ${options.scales.join(", ")}`,
  );
  const loadBefore = os.loadavg();
  const backgroundCpuBefore = await busyShare();
  tmpDir = mkdtempSync(path.join(os.tmpdir(), "wsis-bench-"));
  server = await provideBenchServer(options, say);
  const postgresVersion = await serverVersion(server.adminUrl);
  const results: ScaleResult[] = [];
  for (const scale of options.scales) {
    results.push(await runScale(scale, options));
  }
  const description = server.description;
  await cleanUp();
  if (options.sdmxOnly) {
    const file = path.join(path.dirname(options.resultsFile), "bench-sdmx.json");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      JSON.stringify(
        {
          machine,
          startedAt,
          finishedAt: new Date(),
          results: results.map((r) => ({ scale: r.scale, observations: r.observations, sdmx: r.sdmx })),
        },
        null,
        1,
      ),
    );
    say(`SDMX only: kept in ${path.relative(process.cwd(), file)}; BENCHMARKS.md not rewritten`);
    return;
  }
  const backgroundCpuAfter = await busyShare();
  const info: RunInfo = {
    startedAt,
    finishedAt: new Date(),
    command: [
      "npm run bench",
      ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2).map(shellQuote)] : []),
    ].join(" "),
    durationSeconds: options.durationSeconds,
    warmupSeconds: options.warmupSeconds,
    connections: options.connections,
    compareConnections: options.compareConnections,
    poolSize: options.poolSize,
    database: description,
    postgresVersion,
    note: options.note,
    baseline: readBaseline(options),
    loadBefore,
    loadAfter: os.loadavg(),
    backgroundCpuBefore,
    backgroundCpuAfter,
  };
  mkdirSync(path.dirname(options.resultsFile), { recursive: true });
  writeFileSync(options.resultsFile, JSON.stringify({ machine, info, results } satisfies SavedRun, null, 1));
  writeReport(options.output, machine, info, results);
  say(
    `wrote ${path.relative(process.cwd(), options.output) || options.output} (${((Date.now() - startedAt.getTime()) / 60000).toFixed(1)} min)`,
  );
}

main().catch(async (error: Error) => {
  const interrupted = stopping;
  if (!interrupted) process.stderr.write(`[bench] error: ${error.message}\n`);
  stopping = true;
  await cleanUp();
  process.exit(interrupted ? 130 : 1);
});
