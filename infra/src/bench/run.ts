/**
 * `npm run bench`: the dashboard workload (workload.ts) measured end to end against a benchmark database — through the
 * hub's gateway, through @graphql-hive/gateway over the same supergraph and subgraphs, straight to the subgraph, against
 * one hand-written SQL statement, and through the hub with its response cache on — at scales S and L (M on request);
 * then CPU per request per process "after" and "before" issue #19's levers (sides.ts), for W1–W5 and the dashboard's
 * own operations. The work of one scale is in scale.ts. Writes BENCHMARKS.md. Every process it starts stops at the end and on Ctrl-C; everything listens on 127.0.0.1.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { provideBenchServer, serverVersion, type BenchServer } from "./database";
import { stopLoad } from "./load";
import { busyShare, describeMachine, type Machine } from "./machine";
import { HelpRequested, parseOptions, type BenchOptions } from "./options";
import { writeReport } from "./report";
import type { RunInfo, ScaleResult } from "./results";
import { runScale } from "./scale";
import { stopService, type Service } from "./services";
import { afterSide, BEFORE, describeSide } from "./sides";

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
  say(`after: ${describeSide(afterSide(options.afterExecution))}`);
  say(options.before ? `before: ${describeSide(BEFORE)}` : "before: not measured (--no-before)");
  const results: ScaleResult[] = [];
  const ctx = {
    server,
    tmpDir,
    track,
    stopped: () => stopping,
    say,
  };
  for (const scale of options.scales) {
    results.push(await runScale(scale, options, ctx));
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
    cpuCellSeconds: options.cpuCellSeconds,
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
