import "reflect-metadata";
import { userInfo } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { connectDataSource, describeDatabaseUrl, type Caller } from "@wsis/shared";
import type { DataSource } from "typeorm";
import { createIndicatorsDataSource } from "../data-source";
import { InvalidRowsError } from "../publishing/publication.errors";
import { ImportFormat } from "../publishing/formats";
import { importFile, type ImportFileOutcome } from "../publishing/import-file";
import { auditTrail } from "../publishing/audit";
import { PUBLISHING_LIMITS } from "../publishing/publishing.service";
import { mb, ProgressReporter } from "./progress";

/** The database `npm start` runs when DATABASE_URL is unset (the embedded server of infra/, database wsis). */
export const EMBEDDED_DATABASE_URL = "postgres://postgres:postgres@127.0.0.1:54329/wsis";

const HELP = `Usage: npm run import -- <file> --dataset <id> [options]

Imports a CSV or SDMX-CSV file of observations into a dataset of the indicators subgraph. The file is streamed (never
held in memory), COPYed into a staging table, validated set-based and applied in ONE transaction as the dataset's next
release: values that differ from the published ones become revisions, the same values change nothing. If any row is
invalid, the whole file is refused, every problem is listed with its line and column, and nothing is written.

Options:
  --dataset <id>           the dataset to import into (required), e.g. unsd-sdg-2023-12
  --format csv|sdmx-csv    the file's format (default: from its header; SDMX-CSV has SERIES, REF_AREA, TIME_PERIOD, OBS_VALUE)
  --agency <id>            the agency the release is recorded for (default: the dataset's publisher agency)
  --subject <name>         who runs the import (default: cli:<operating-system user>)
  --note <text>            a note recorded with the release
  --idempotency-key <key>  a key for this import: running it again with the same file returns the first result
  --quiet                  no progress output
  -h, --help               this help

Formats:
  CSV       header: indicator, economy, period (or year), value; optional sex, age, speed, location, unit, nature, footnote
  SDMX-CSV  SDMX-CSV 1.0 of the UN SDG data flows: SERIES (UNSD series), REF_AREA (M49), SEX (_T/F/M), AGE,
            URBANISATION, COMPOSITE_BREAKDOWN (IS_256KT2M, IS_2MT10M, IS_GE10M), TIME_PERIOD, OBS_VALUE,
            UNIT_MEASURE (PT, PER_100_POP), NATURE; FREQ A, REPORTING_TYPE G, the other dimensions _T

Database: DATABASE_URL, or when it is unset the embedded server that npm start runs:
  ${EMBEDDED_DATABASE_URL}
The database must be migrated (npm start, or npm run migrate -w @wsis/indicators).

Progress goes to stderr (a bar on a terminal, a line every 10 % otherwise); the summary to stdout.
Exit status: 0 imported (or nothing to change), 1 refused (invalid rows), 2 usage error, 3 failure (file, database).
`;

interface CliOptions {
  file: string;
  dataset: string;
  format: ImportFormat | null;
  agency: string | null;
  subject: string;
  note: string | null;
  idempotencyKey: string | null;
  quiet: boolean;
}

class UsageError extends Error {}

function parse(argv: string[]): CliOptions | "help" {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dataset: { type: "string" },
      format: { type: "string" },
      agency: { type: "string" },
      subject: { type: "string" },
      note: { type: "string" },
      "idempotency-key": { type: "string" },
      quiet: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help";
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0 ? "give the file to import" : `give one file (got ${positionals.length})`,
    );
  if (!values.dataset) throw new UsageError("--dataset <id> is required");
  let format: ImportFormat | null = null;
  if (values.format !== undefined) {
    const f = values.format.toLowerCase();
    if (f === "csv") format = ImportFormat.CSV;
    else if (f === "sdmx-csv" || f === "sdmx_csv" || f === "sdmx") format = ImportFormat.SDMX_CSV;
    else throw new UsageError(`--format must be csv or sdmx-csv (got ${values.format})`);
  }
  const key = values["idempotency-key"] ?? null;
  if (key !== null && !PUBLISHING_LIMITS.idempotencyKey.test(key)) {
    throw new UsageError("--idempotency-key must be 8 to 128 characters among letters, digits and . _ : -");
  }
  return {
    // npm runs workspace scripts in the workspace's folder; INIT_CWD is where the command was typed.
    file: path.resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]),
    dataset: values.dataset,
    format,
    agency: values.agency ?? null,
    subject: values.subject ?? `cli:${userInfo().username}`,
    note: values.note ?? null,
    idempotencyKey: key,
    quiet: values.quiet ?? false,
  };
}

function summary(lines: Array<[string, string | number]>): string {
  return lines.map(([k, v]) => `  ${k.padEnd(11)} ${v}`).join("\n") + "\n";
}

async function agencyOf(ds: DataSource, datasetId: string, given: string | null): Promise<string> {
  if (given) return given;
  const rows: Array<{ publisher_agency_id: string | null }> = await ds.query(
    `SELECT publisher_agency_id FROM dataset WHERE id = $1`,
    [datasetId],
  );
  if (rows.length === 0) throw new UsageError(`unknown dataset ${JSON.stringify(datasetId)}`);
  if (!rows[0].publisher_agency_id)
    throw new UsageError(`dataset ${datasetId} names no publisher agency: give --agency <id>`);
  return rows[0].publisher_agency_id;
}

async function main(argv: string[]): Promise<number> {
  let options: CliOptions | "help";
  try {
    options = parse(argv);
  } catch (error) {
    process.stderr.write(`import: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (options === "help") {
    process.stdout.write(HELP);
    return 0;
  }
  const url = process.env.DATABASE_URL || EMBEDDED_DATABASE_URL;
  const { dataSource } = createIndicatorsDataSource(url, { poolSize: 2 });
  const started = Date.now();
  // Made at the first chunk read (it needs the file's size); a holder, as callbacks set it.
  const ui: { progress: ProgressReporter | null } = { progress: null };
  try {
    await connectDataSource(dataSource);
    // showMigrations: true when a migration of this build has not run on the database.
    if (await dataSource.showMigrations()) {
      throw new Error(
        `the database at ${describeDatabaseUrl(url)} is not migrated to this version: run npm start, or npm run migrate -w @wsis/indicators`,
      );
    }
    const caller: Caller = {
      agency: await agencyOf(dataSource, options.dataset, options.agency),
      subject: options.subject,
      scopes: ["indicators:publish"],
    };
    const quiet = options.quiet;
    const outcome: ImportFileOutcome = await importFile(dataSource, {
      file: options.file,
      datasetId: options.dataset,
      format: options.format,
      caller,
      note: options.note,
      idempotencyKey: options.idempotencyKey,
      onProgress: (p) => {
        ui.progress ??= new ProgressReporter(process.stderr, p.totalBytes, !quiet);
        ui.progress.update(p.bytes, p.rows);
      },
      onPhase: (phase, { rows }) => {
        if (phase === "staged") ui.progress?.phase(`staged ${rows} rows; validating…`);
        if (phase === "validated") ui.progress?.phase(`valid; applying…`);
      },
      audit: auditTrail,
    });
    ui.progress?.finish();
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `${outcome.replayed ? "Already imported (same idempotency key and file): nothing was done" : "Imported"} ${options.file} ` +
        `(${outcome.format === ImportFormat.SDMX_CSV ? "SDMX-CSV" : "CSV"}, ${mb(outcome.bytes)}) into ${options.dataset} in ${seconds.toFixed(1)} s\n` +
        summary([
          ["rows read", outcome.rowsRead],
          ["inserted", outcome.inserted],
          ["revised", outcome.revised],
          ["unchanged", outcome.unchanged],
          ["rejected", 0],
          [
            "release",
            outcome.release === null
              ? "none (nothing changed)"
              : `${outcome.release} (recorded for ${caller.agency}, ${caller.subject})`,
          ],
          ["warnings", outcome.warningCount],
        ]) +
        outcome.warnings
          .slice(0, 20)
          .map((w) => `  warning, line ${w.line ?? "?"} (${w.rule}): ${w.message}\n`)
          .join("") +
        (outcome.warningCount > 20
          ? `  … and ${outcome.warningCount - 20} more warnings (published, flagged: see Dataset.qualityReport)\n`
          : ""),
    );
    return 0;
  } catch (error) {
    ui.progress?.finish();
    if (error instanceof InvalidRowsError) {
      const shown = error.invalidRows.slice(0, 50);
      process.stderr.write(
        `import: refused, nothing was written: ${error.rowCount} invalid row${error.rowCount === 1 ? "" : "s"}, ${error.problemCount} problem${error.problemCount === 1 ? "" : "s"}\n` +
          shown.map((r) => `  line ${r.line ?? "?"}, ${r.field}: ${r.message}\n`).join("") +
          (error.problemCount > shown.length ? `  … and ${error.problemCount - shown.length} more\n` : ""),
      );
      process.stdout.write(
        `Refused ${options.file}: nothing was written\n` +
          summary([
            ["rows read", error.rowsRead],
            ["inserted", 0],
            ["revised", 0],
            ["unchanged", 0],
            ["rejected", error.rowCount],
          ]),
      );
      return 1;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`import: ${error.message}\n`);
      return 2;
    }
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === "ENOENT"
        ? `no such file: ${options.file}`
        : code === "ECONNREFUSED"
          ? `cannot reach the database at ${describeDatabaseUrl(url)}`
          : (error as Error).message;
    process.stderr.write(`import: failed, nothing was written: ${message}\n`);
    return 3;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`import: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(3);
    },
  );
}
