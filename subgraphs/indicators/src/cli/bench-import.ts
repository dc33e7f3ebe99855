import "reflect-metadata";
import { existsSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { connectDataSource, createLogger, migrate } from "@wsis/shared";
import { Client } from "pg";
import type { DataSource } from "typeorm";
import { createIndicatorsDataSource, SCHEMA } from "../data-source";
import { auditTrail } from "../publishing/audit";
import { ImportFormat } from "../publishing/formats";
import { importFile, type ImportFileOutcome } from "../publishing/import-file";
import { seed } from "../seed/seed";
import {
  BENCH_DATABASE,
  datasetOf,
  FIRST_LOADS,
  generate,
  prepareSynthetic,
  SYNTHETIC_INDICATORS,
} from "./bench-synthetic";
import { EMBEDDED_DATABASE_URL } from "./import";
import { MemoryWatch } from "./memory-watch";

/**
 * The import benchmark (not a test): generates N synthetic observations as a CSV file (streamed to disk), and imports
 * it through the same path as `npm run import` (streamed read, COPY into staging, set-based validation and apply, one
 * transaction) into a SEPARATE database, `wsis_bench_import`, created for the run and dropped after it. Synthetic
 * rows go to a synthetic dataset of synthetic indicators of that database only: they never meet real data. It
 * measures rows per second and the peak memory of the process, imports the file a second time (every row unchanged),
 * and writes the figures to BENCHMARKS.md between the markers below (the rest of the file is left as it is).
 */

const START = "<!-- import-benchmark:start -->";
const END = "<!-- import-benchmark:end -->";
const TARGET = { rowsPerSecond: 50_000, peakRssMb: 300 };
const REPO_ROOT = path.resolve(__dirname, "../../../..");

const HELP = `Usage: npm run bench:import [-- --rows <n>] [--output <file>] [--note <text>]

Generates <n> synthetic observations (default 1,000,000) as a CSV file and imports them through the import command's
path into a separate database, ${BENCH_DATABASE} (created, then dropped), on the server of BENCH_DATABASE_URL or
DATABASE_URL (or the embedded server of npm start, ${EMBEDDED_DATABASE_URL.replace(/\/wsis$/, "")}). Writes the figures to
BENCHMARKS.md (only the section between ${START} and ${END}).
`;

interface Run {
  label: string;
  /** 1-minute load average of the machine when the run started and ended. */
  load: [number, number];
  steps: Array<[string, number]>;
  outcome: ImportFileOutcome;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
}

async function timedImport(ds: DataSource, file: string, datasetId: string, label: string): Promise<Run> {
  const watch = new MemoryWatch();
  const loadBefore = os.loadavg()[0];
  const steps: Array<[string, number]> = [];
  watch.start();
  const started = process.hrtime.bigint();
  const outcome = await importFile(ds, {
    file,
    datasetId,
    format: ImportFormat.CSV,
    caller: { agency: "ITU", subject: "bench:import", scopes: ["indicators:publish"] },
    note: "import benchmark (synthetic data)",
    idempotencyKey: null,
    audit: auditTrail,
    onStep: (name, ms) => {
      steps.push([name, ms]);
      process.stdout.write(`  ${name}: ${(ms / 1000).toFixed(2)} s\n`);
    },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const memory = watch.stop();
  const peakRssMb = Math.max(memory.sampledMb, memory.hwmMb ?? 0);
  const rowsPerSecond = outcome.rowsRead / seconds;
  process.stdout.write(
    `${label}: ${outcome.rowsRead} rows in ${seconds.toFixed(2)} s = ${Math.round(rowsPerSecond)} rows/s ` +
      `(inserted ${outcome.inserted}, revised ${outcome.revised}, unchanged ${outcome.unchanged}); peak RSS ${peakRssMb.toFixed(0)} MB\n`,
  );
  return { label, outcome, seconds, rowsPerSecond, peakRssMb, load: [loadBefore, os.loadavg()[0]], steps };
}

function adminUrl(): URL {
  const given = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || EMBEDDED_DATABASE_URL;
  return new URL(given);
}

function withDatabase(url: URL, database: string): string {
  const copy = new URL(url.toString());
  copy.pathname = `/${database}`;
  return copy.toString();
}

async function admin(url: URL, sql: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function render(args: {
  runs: Run[];
  rows: number;
  fileBytes: number;
  pgVersion: string;
  server: string;
  command: string;
  note: string | null;
}): string {
  const cpus = os.cpus();
  const first = args.runs[0];
  const loads = args.runs
    .slice(0, FIRST_LOADS)
    .map((r) => r.rowsPerSecond)
    .sort((a, b) => a - b);
  const median = loads[Math.floor(loads.length / 2)];
  const pass = (ok: boolean) => (ok ? "met" : "NOT met");
  const lines = [
    START,
    "## Bulk import of observations",
    "",
    "Written by `subgraphs/indicators/src/cli/bench-import.ts` (do not edit by hand; run the command again).",
    "",
    `- Command: \`${args.command}\``,
    `- When: ${new Date().toISOString()}`,
    `- Machine: ${os.availableParallelism()} cores (${cpus[0]?.model.trim() ?? "unknown CPU"}), ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB memory, ${os.type()} ${os.release()}`,
    `- Node ${process.version}; PostgreSQL ${args.pgVersion} (${args.server}, default settings; the import sets work_mem = 128MB for its own transaction)`,
    `- Data: ${args.rows.toLocaleString("en")} synthetic observations (${SYNTHETIC_INDICATORS} synthetic percentage indicators × economies × years × sex), a CSV file of ${(args.fileBytes / 1024 / 1024).toFixed(1)} MB, imported ${FIRST_LOADS} times, each into a new synthetic dataset (\`${datasetOf(1)}\`…), then once more into the last one, in a separate database, \`${BENCH_DATABASE}\`, created with the real reference data (migrations and seed) and dropped after the run`,
    "- Path measured: exactly the import command's (`importFile`): the file streamed from disk, parsed, COPYed into a temporary staging table, resolved and validated set-based, applied set-based as one release with its audit entry, in one transaction; from opening the file to the commit",
    "",
    "| run | rows | inserted | revised | unchanged | seconds | rows/s | peak RSS (MB) | load average (start → end) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ...args.runs.map(
      (r) =>
        `| ${r.label} | ${r.outcome.rowsRead.toLocaleString("en")} | ${r.outcome.inserted.toLocaleString("en")} | ${r.outcome.revised.toLocaleString("en")} | ${r.outcome.unchanged.toLocaleString("en")} | ${r.seconds.toFixed(2)} | ${Math.round(r.rowsPerSecond).toLocaleString("en")} | ${r.peakRssMb.toFixed(0)} | ${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)} |`,
    ),
    "",
    "Where the time goes (seconds):",
    "",
    `| step | ${args.runs.map((r) => r.label).join(" | ")} |`,
    `|---|${args.runs.map(() => "---:").join("|")}|`,
    ...[...new Set(args.runs.flatMap((r) => r.steps.map(([name]) => name)))].map(
      (name) =>
        `| ${name.trim()} | ${args.runs
          .map((r) => {
            const found = r.steps.find(([n]) => n === name);
            return found ? (found[1] / 1000).toFixed(2) : "";
          })
          .join(" | ")} |`,
    ),
    "",
    `Targets: at least ${TARGET.rowsPerSecond.toLocaleString("en")} rows/s for the import of 1,000,000 observations (the median of the ${FIRST_LOADS} first loads: ${Math.round(median).toLocaleString("en")} rows/s) — ${pass(median >= TARGET.rowsPerSecond)}; peak memory of the importing process under ${TARGET.peakRssMb} MB (in every run: at most ${Math.max(...args.runs.map((r) => r.peakRssMb)).toFixed(0)} MB) — ${pass(args.runs.every((r) => r.peakRssMb < TARGET.peakRssMb))}. ` +
      `Peak RSS is the larger of the sampled \`process.memoryUsage().rss\` (every 20 ms) and the kernel's VmHWM (reset before each run); it is the Node process's, PostgreSQL's own memory is not in it.`,
    "",
    `Peak RSS of the first load: ${first.peakRssMb.toFixed(0)} MB for a ${(args.fileBytes / 1024 / 1024).toFixed(1)} MB file: the file is never held in memory.`,
    "",
    `A first load of a dataset puts its rows into a partition of their own, indexed once loaded (see src/publishing/partition.ts); an import into a dataset that already has observations compares every row with the current values and inserts or revises row by row (the last run reads every row, resolves, validates and compares it, and finds nothing to change). ` +
      `The machine is shared: other work (test suites and benchmarks of other parts of the hub) may run at the same time, which the load averages show (a load of 2 fills the ${os.availableParallelism()} cores); the figures are those of this run, not of an idle machine.`,
    ...(args.note ? ["", `Note: ${args.note}`] : []),
    END,
  ];
  return lines.join("\n");
}

export function writeSection(file: string, section: string): void {
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  const start = existing.indexOf(START);
  const end = existing.indexOf(END);
  let next: string;
  if (start !== -1 && end > start) next = existing.slice(0, start) + section + existing.slice(end + END.length);
  else if (existing.trim() === "") next = `# Benchmarks\n\n${section}\n`;
  else next = `${existing.replace(/\s*$/, "")}\n\n${section}\n`;
  writeFileSync(file, next);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      rows: { type: "string" },
      output: { type: "string" },
      note: { type: "string" },
      keep: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const rows = values.rows ? Number(values.rows.replace(/[_,]/g, "")) : 1_000_000;
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`--rows must be a positive integer`);
  const output = values.output ?? path.join(REPO_ROOT, "BENCHMARKS.md");
  const server = adminUrl();
  const file = path.join(os.tmpdir(), `wsis-bench-import-${process.pid}.csv`);
  process.stdout.write(`bench:import: database ${BENCH_DATABASE} on ${server.host}; ${rows} synthetic rows\n`);
  await admin(server, `DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
  await admin(server, `CREATE DATABASE ${BENCH_DATABASE}`);
  const { dataSource } = createIndicatorsDataSource(withDatabase(server, BENCH_DATABASE), {
    log: createLogger("bench-import", "warn"),
    poolSize: 2,
  });
  try {
    await migrate(dataSource, SCHEMA);
    await connectDataSource(dataSource);
    await seed(dataSource);
    await prepareSynthetic(dataSource);
    const economies: Array<{ code: string }> = await dataSource.query(`SELECT code FROM economy ORDER BY code`);
    await generate(
      file,
      rows,
      economies.map((e) => e.code),
    );
    const fileBytes = statSync(file).size;
    process.stdout.write(`generated ${file} (${(fileBytes / 1024 / 1024).toFixed(1)} MB)\n`);
    const [{ server_version: pgVersion }]: Array<{ server_version: string }> =
      await dataSource.query(`SHOW server_version`);
    const runs: Run[] = [];
    for (let d = 1; d <= FIRST_LOADS; d++)
      runs.push(await timedImport(dataSource, file, datasetOf(d), `first load ${d} (every row new)`));
    runs.push(await timedImport(dataSource, file, datasetOf(FIRST_LOADS), "the same file again (every row unchanged)"));
    const counts: Array<{ n: number }> = await dataSource.query(
      `SELECT count(o.dataset_id)::int AS n FROM dataset d LEFT JOIN observation o ON o.dataset_id = d.id WHERE d.id LIKE 'bench-synthetic-%' GROUP BY d.id`,
    );
    if (counts.length !== FIRST_LOADS || counts.some((c) => c.n !== rows)) {
      throw new Error(
        `the benchmark datasets hold ${counts.map((c) => c.n).join(", ")} observations; expected ${rows} each`,
      );
    }
    const command = `npm run bench:import${values.rows ? ` -- --rows ${values.rows}` : ""}`;
    writeSection(
      output,
      render({ runs, rows, fileBytes, pgVersion, server: server.host, command, note: values.note ?? null }),
    );
    process.stdout.write(`wrote the import section of ${output}\n`);
    return 0;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    rmSync(file, { force: true });
    if (!values.keep) await admin(server, `DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      writeSync(2, `bench:import: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
