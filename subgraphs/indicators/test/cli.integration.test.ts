import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { indicatorsModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";
import { createEmptyDataset, databaseState } from "./helpers";

const ROOT = path.resolve(__dirname, "..");
const CLI = path.join(ROOT, "dist/cli/import.js");
const SDMX_FILE = path.join(ROOT, "data/sdmx/derived_sdmx-csv_IT_USE_II99_IT_NET_BBND.csv");

/** The newest modification time of the files under a folder. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

/** The command is run from its build, as `npm run import` runs it: build first when the sources are newer. */
function ensureBuilt(): void {
  let built = 0;
  try {
    built = statSync(CLI).mtimeMs;
  } catch {
    built = 0;
  }
  if (built < newest(path.join(ROOT, "src"))) {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
      cwd: ROOT,
      stdio: "inherit",
    });
  }
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env.PATH ?? "", ...env }, cwd: ROOT, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let sg: TestSubgraph<SeedCounts>;
let db: Record<string, string>;
let scratch: string;

beforeAll(async () => {
  ensureBuilt();
  sg = await startTestSubgraph(indicatorsModule);
  db = { DATABASE_URL: sg.database.url };
  await createEmptyDataset(sg, "cli-import", ["internet_users_pct", "fixed_broadband_per100"]);
  scratch = mkdtempSync(path.join(tmpdir(), "wsis-cli-import-"));
}, 180_000);
afterAll(async () => {
  await sg?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("npm run import -- <file> --dataset <id>", () => {
  it("imports the real SDMX-CSV file into an empty dataset: every row inserted, with progress and a summary", async () => {
    const r = await run([SDMX_FILE, "--dataset", "cli-import", "--subject", "cli-test"], db);
    expect(r.stderr).not.toMatch(/failed|refused/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Imported .*derived_sdmx-csv_IT_USE_II99_IT_NET_BBND\.csv \(SDMX-CSV, 1\.6 MB\) into cli-import in [0-9.]+ s\n/,
    );
    expect(r.stdout).toContain(
      "  rows read   16542\n  inserted    16542\n  revised     0\n  unchanged   0\n  rejected    0\n  release     1 (recorded for ITU, cli-test)\n",
    );
    // Not a terminal: plain progress lines, up to the whole file.
    expect(r.stderr).toMatch(/read 100% \(1\.6 MB of 1\.6 MB\), 16542 rows/);
    expect(r.stderr).toContain("staged 16542 rows; validating…");
    const [{ n }] = await sg.dataSource.query(
      `SELECT count(*)::int AS n FROM observation WHERE dataset_id = 'cli-import'`,
    );
    expect(n).toBe(16542);
    const [release] = await sg.dataSource.query(
      `SELECT operation, published_by_agency, published_by_subject, rows_read, inserted FROM dataset_release WHERE dataset_id = 'cli-import'`,
    );
    expect(release).toEqual({
      operation: "IMPORT",
      published_by_agency: "ITU",
      published_by_subject: "cli-test",
      rows_read: 16542,
      inserted: 16542,
    });
    const [audit] = await sg.dataSource.query(
      `SELECT operation, entity_id, agency, subject, after->>'inserted' AS inserted FROM audit_log WHERE entity_id = 'cli-import#1'`,
    );
    expect(audit).toEqual({
      operation: "import",
      entity_id: "cli-import#1",
      agency: "ITU",
      subject: "cli-test",
      inserted: "16542",
    });
  });

  it("importing the same file again changes nothing", async () => {
    const before = await databaseState(sg);
    const r = await run([SDMX_FILE, "--dataset", "cli-import", "--quiet"], db);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "  rows read   16542\n  inserted    0\n  revised     0\n  unchanged   16542\n  rejected    0\n  release     none (nothing changed)\n",
    );
    expect(r.stderr).toBe("");
    const after = await databaseState(sg);
    for (const table of ["observations", "observations_md5", "revisions", "revisions_md5", "releases"])
      expect(after[table]).toEqual(before[table]);
  });

  it("into the UNSD dataset, whose release 1 the file equals, every row is unchanged; the release is recorded for the dataset's publisher by default", async () => {
    const r = await run([SDMX_FILE, "--dataset", "unsd-sdg-2023-12", "--quiet"], db);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("unchanged   16542");
    const [{ agency }] = await sg.dataSource.query(
      `SELECT agency FROM audit_log WHERE entity_id = 'unsd-sdg-2023-12' ORDER BY id DESC LIMIT 1`,
    );
    expect(agency).toBe("UNDESA");
  });

  it("refuses a file with one bad row in the middle, naming its line and column; the database is unchanged", async () => {
    const lines = readFileSync(SDMX_FILE, "utf8").split("\r\n");
    const header = lines[0].split(",");
    const fields = lines[8271].split(",");
    fields[header.indexOf("OBS_VALUE")] = "12,5".replace(",", ";");
    lines[8271] = fields.join(",");
    const bad = path.join(scratch, "bad.csv");
    writeFileSync(bad, lines.join("\r\n"));
    const before = await databaseState(sg);
    const r = await run([bad, "--dataset", "cli-import"], db);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'import: refused, nothing was written: 1 invalid row, 1 problem\n  line 8272, OBS_VALUE: "12;5" is not a plain decimal number (e.g. 12.5)\n',
    );
    expect(r.stdout).toContain("Refused");
    expect(r.stdout).toContain(
      "  rows read   16542\n  inserted    0\n  revised     0\n  unchanged   0\n  rejected    1\n",
    );
    expect(await databaseState(sg)).toEqual(before);
  });

  it("reads the hub's CSV too, and revises values", async () => {
    const file = path.join(scratch, "revisions.csv");
    writeFileSync(
      file,
      "indicator,economy,year,value,nature\nIT_USE_II99,KEN,2021,29.9,E\nIT_USE_II99,BRA,2023,84.1,E\n",
    );
    const r = await run([file, "--dataset", "cli-import", "--quiet", "--note", "two values"], db);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\(CSV, 0\.0 MB\)/);
    expect(r.stdout).toContain(
      "  rows read   2\n  inserted    1\n  revised     1\n  unchanged   0\n  rejected    0\n  release     2 ",
    );
  });

  it("explains itself, and fails clearly on bad usage, a missing file or a database it cannot reach", async () => {
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: npm run import -- <file> --dataset <id> [options]");
    expect(help.stdout).toContain(
      "Database: DATABASE_URL, or when it is unset the embedded server that npm start runs:\n  postgres://postgres:postgres@127.0.0.1:54329/wsis",
    );
    const usage = await run([SDMX_FILE], db);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("--dataset <id> is required");
    expect((await run([SDMX_FILE, "--dataset", "cli-import", "--format", "xml"], db)).code).toBe(2);
    const missing = await run([path.join(scratch, "nope.csv"), "--dataset", "cli-import"], db);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain("import: failed, nothing was written: no such file");
    const unknown = await run([SDMX_FILE, "--dataset", "no-such-dataset"], db);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown dataset "no-such-dataset"');
    const down = await run([SDMX_FILE, "--dataset", "cli-import"], {
      DATABASE_URL: "postgres://postgres@127.0.0.1:1/none",
    });
    expect(down.code).toBe(3);
    expect(down.stderr).toContain("cannot reach the database");
  });
});
