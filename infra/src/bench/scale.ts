import { writeFileSync } from "node:fs";
import path from "node:path";
import { inRepoSubgraphs, readRegistry } from "@wsis/gateway/registry";
import { REPO_ROOT } from "../config";
import { runToCompletion } from "../processes";
import { assertRunning, checkAnswers, countStatements, quiesce, targetFor, type Targets } from "./checks";
import { measureSide, type CpuOp } from "./cpu-cells";
import { measureDashboard } from "./dashboard";
import { dashboardOperations, operationBody } from "./dashboard-ops";
import {
  benchDatabaseName,
  databaseFacts,
  dropBenchDatabase,
  recreateBenchDatabase,
  storageFacts,
  type BenchServer,
} from "./database";
import { runLoad, type LoadTarget } from "./load";
import { measureCpu } from "./machine";
import { SYNTHETIC_ROWS, type BenchOptions, type Scale } from "./options";
import type { Measurement, ScaleResult, StatementCounts, TargetKind } from "./results";
import { linkSyntheticIndicator, measureSdmxStream } from "./sdmx";
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
import { afterSide, BEFORE, describeSide, type Side } from "./sides";
import { loadSynthetic, SYNTHETIC_DATASET } from "./synthetic";
import { requestBody, WORKLOAD, type WorkloadQuery } from "./workload";

/** One scale of `npm run bench`: its database, the measurements through every target, then before/after CPU. */

export interface ScaleContext {
  server: BenchServer;
  tmpDir: string;
  track: (s: Service) => void;
  stopped: () => boolean;
  say: (line: string) => void;
}

async function prepareDatabase(scale: Scale, ctx: ScaleContext): Promise<{ url: string; seconds: number }> {
  const began = Date.now();
  const name = benchDatabaseName(scale);
  ctx.say(`scale ${scale}: creating ${name}, migrating and seeding every subgraph (real reference data)`);
  const url = await recreateBenchDatabase(ctx.server.adminUrl, name);
  const env = { ...baseEnv(), DATABASE_URL: url };
  for (const s of inRepoSubgraphs(readRegistry())) {
    await runToCompletion(`${s.name} migrate`, path.join(s.hub.workspace as string, "dist/migrate.js"), env, REPO_ROOT);
  }
  const rows = SYNTHETIC_ROWS[scale];
  if (rows > 0) {
    ctx.say(
      `scale ${scale}: loading ${rows.toLocaleString("en")} synthetic observations into dataset "${SYNTHETIC_DATASET}"`,
    );
    await loadSynthetic(url, rows, ctx.say);
  }
  return { url, seconds: (Date.now() - began) / 1000 };
}

/** Starts the subgraphs and one hub gateway (cache off) of a side, over a supergraph file of their own. */
async function startSide(side: Side, url: string, scale: Scale, options: BenchOptions, ctx: ScaleContext) {
  const prefix = side.name === "before" ? "before-" : "";
  const subgraphs = await startSubgraphs(url, options.poolSize, ctx.track, side.subgraphEnv, prefix);
  const supergraphPath = path.join(ctx.tmpDir, `supergraph-${scale}-${side.name}.graphql`);
  writeFileSync(supergraphPath, rewriteSupergraph(subgraphs.urls));
  return { subgraphs, supergraphPath };
}

/** The operations of the before/after CPU cells: the workload's queries measured, and the dashboard's own. */
function cpuOps(queries: WorkloadQuery[], options: BenchOptions): CpuOp[] {
  return [
    ...queries.map((q) => ({ id: q.id, kind: "workload" as const, body: requestBody(q) })),
    ...(options.dashboardOps
      ? dashboardOperations().map((op) => ({ id: op.name, kind: "dashboard" as const, body: operationBody(op) }))
      : []),
  ];
}

export async function runScale(scale: Scale, options: BenchOptions, ctx: ScaleContext): Promise<ScaleResult> {
  const began = Date.now();
  const { say, track } = ctx;
  const { url, seconds } = await prepareDatabase(scale, ctx);
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
    storage: await storageFacts(url),
  };
  const after = afterSide(options.afterExecution);
  say(
    `scale ${scale}: ${facts.observations.toLocaleString("en")} observations (${facts.syntheticObservations.toLocaleString("en")} synthetic); starting the subgraphs and the gateways — after: ${describeSide(after)}`,
  );
  const { subgraphs, supergraphPath } = await startSide(after, url, scale, options, ctx);
  if (options.sdmxOnly) {
    const gateway = await startHubGateway("gateway", supergraphPath, subgraphs, false, track, after.gatewayEnv);
    result.sdmx = await measureSdmx(scale, url, gateway.port, gateway.child.pid, say);
    for (const s of [gateway, ...subgraphs.services]) await stopService(s);
    await dropDatabase(scale, options, ctx);
    result.wallSeconds = (Date.now() - began) / 1000;
    return result;
  }
  const hiveConfigPath = path.join(ctx.tmpDir, "hive-gateway.config.mjs");
  writeFileSync(hiveConfigPath, HIVE_CONFIG);
  const t: Targets = {
    subgraphs,
    hub: await startHubGateway("gateway", supergraphPath, subgraphs, false, track, after.gatewayEnv),
    hive: await startHiveGateway(supergraphPath, hiveConfigPath, track),
    cache: await startHubGateway("gateway-cache", supergraphPath, subgraphs, true, track, after.gatewayEnv),
    floor: await startFloorServer(url, options.poolSize, track),
  };
  const queries = WORKLOAD.filter((q) => options.queries.includes(q.id));
  await measureTargets(scale, queries, t, result, options, ctx);

  const cpuArgs = {
    ops: cpuOps(queries, options),
    connections: Math.max(...options.connections),
    seconds: options.cpuCellSeconds,
    warmupSeconds: options.warmupSeconds,
    postgresMaster: ctx.server.postmasterPid,
    say: (line: string) => say(`${scale} ${line}`),
    stopped: ctx.stopped,
  };
  say(`scale ${scale}: CPU per request, after (${describeSide(after)})`);
  const afterRun = await measureSide({ ...cpuArgs, side: after, gateway: t.hub, subgraphs });
  result.sides = [afterRun.result];

  for (const kind of ["hub", "hive", "cache"] as const) result.hwm[kind] = memoryOf(t[kind].child.pid)?.hwm ?? null;
  say(`scale ${scale}: the dashboard in Chromium (cold load and a view switch)`);
  result.dashboard = await measureDashboard(`http://127.0.0.1:${t.cache.port}`);
  await quiesce(subgraphs);
  // The stream reads one indicator of the synthetic dataset: only at the scales that have one (M, L).
  if (result.syntheticObservations > 0) result.sdmx = await measureSdmx(scale, url, t.hub.port, t.hub.child.pid, say);
  for (const s of [t.hub, t.hive, t.cache, t.floor, ...subgraphs.services]) await stopService(s);

  if (options.before) {
    say(`scale ${scale}: CPU per request, before (${describeSide(BEFORE)})`);
    const b = await startSide(BEFORE, url, scale, options, ctx);
    const gateway = await startHubGateway("before-gateway", b.supergraphPath, b.subgraphs, false, track, {
      ...BEFORE.gatewayEnv,
    });
    const beforeRun = await measureSide({
      ...cpuArgs,
      side: BEFORE,
      gateway,
      subgraphs: b.subgraphs,
      reference: afterRun.answers,
    });
    result.sides.push(beforeRun.result);
    for (const s of [gateway, ...b.subgraphs.services]) await stopService(s);
  }
  await dropDatabase(scale, options, ctx);
  result.wallSeconds = (Date.now() - began) / 1000;
  return result;
}

async function dropDatabase(scale: Scale, options: BenchOptions, ctx: ScaleContext): Promise<void> {
  if (!options.keepDatabases) await dropBenchDatabase(ctx.server.adminUrl, benchDatabaseName(scale));
}

/** Every target (hub, Hive, straight, floor, cache) and query: answers checked, statements counted, then measured. */
async function measureTargets(
  scale: Scale,
  queries: WorkloadQuery[],
  t: Targets,
  result: ScaleResult,
  options: BenchOptions,
  ctx: ScaleContext,
): Promise<void> {
  const { subgraphs } = t;
  const kinds: TargetKind[] = ["hub", "hive", "direct", "floor", "cache"];
  const expected = await checkAnswers(queries, kinds, t, result);
  const loadTarget = (kind: TargetKind, q: WorkloadQuery): LoadTarget | null => {
    const target = targetFor(kind, q, t);
    return target ? { ...target, expectBody: expected.get(`${q.id}:${kind}`) } : null;
  };

  const maxConnections = Math.max(...options.connections, ...options.compareConnections);
  ctx.say(
    `scale ${scale}: statement counts and warm-up (${options.warmupSeconds} s per target and query at ${maxConnections} connections)`,
  );
  for (const q of queries) {
    const counts: Partial<Record<TargetKind, StatementCounts>> = {};
    for (const kind of kinds) {
      const target = loadTarget(kind, q);
      if (!target) continue;
      if (kind !== "floor") counts[kind] = await countStatements(target, subgraphs, maxConnections);
      if (options.warmupSeconds > 0) await runLoad(target, maxConnections, options.warmupSeconds);
      if (ctx.stopped()) throw new Error("interrupted");
    }
    result.statements[q.id] = counts;
  }

  const gatewayPid: Partial<Record<TargetKind, number | undefined>> = {
    hub: t.hub.child.pid,
    hive: t.hive.child.pid,
    cache: t.cache.child.pid,
  };
  const processes = [...subgraphs.services, t.floor];
  const subgraphPids = processes.map((s) => s.child.pid).filter((pid): pid is number => pid !== undefined);
  const subgraphNames = new Map(
    processes.flatMap((s) => (s.child.pid === undefined ? [] : [[s.child.pid, s.name] as const])),
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
          postgresMaster: ctx.server.postmasterPid,
          names: subgraphNames,
        });
        const cell = await runLoad(target, connections, options.durationSeconds);
        const split = cpu.stop();
        const memory = await sampler.stop();
        if (ctx.stopped()) throw new Error("interrupted");
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
        ctx.say(
          `${scale} ${q.id} ${kind.padEnd(6)} c=${String(connections).padStart(2)}: ${cell.rps.toFixed(0).padStart(6)} req/s  ` +
            `p50 ${cell.p50.toFixed(1)}  p95 ${cell.p95.toFixed(1)}  p99 ${cell.p99.toFixed(1)} ms` +
            (cell.errors + cell.non2xx + cell.mismatches
              ? `  errors ${cell.errors} non-2xx ${cell.non2xx} wrong body ${cell.mismatches}`
              : ""),
        );
      }
    }
  }
}

/** One indicator of the synthetic dataset streamed through the SDMX data endpoint (cache off), its memory sampled. */
async function measureSdmx(
  scale: Scale,
  databaseUrl: string,
  port: number,
  pid: number | undefined,
  say: (line: string) => void,
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
