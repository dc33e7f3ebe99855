import { createHash } from "node:crypto";
import { once } from "node:events";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { BadUserInputError, type Caller, ErrorCode, NotFoundError, PublicError } from "@wsis/shared";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { DataSource, EntityManager, QueryRunner } from "typeorm";
import { BREAKDOWN_CODES, BREAKDOWN_DIMENSIONS } from "../observation/breakdown";
import { KEY_ONLY_BREAKDOWN_SQL } from "../observation/key-dimensions";
import { OBSERVATION_INDEXES } from "../migrations/1764600000000-ObservationPartitions";
import { type ReleaseOperation } from "../release/release.entity";
import { CsvSyntaxError } from "./csv-records";
import { HeaderError } from "./formats";
import { STAGING_COLUMNS, STAGING_DDL, stagingLine, type StagingRow } from "./staging";
import { UNIT_RULES } from "./units";
import { refreshDatasetChoice } from "../dataset/dataset-choice";
import { publicationWarnings, type PublicationWarningRow, refreshStagedQualityFlags } from "../quality/quality.flags";
import { DECIMAL_SQL, MAX_REPORTED_PROBLEMS, problemsSql } from "./validation";

/** What a publication did. `release` is the release it created, null when nothing changed (no release is made). */
export interface PublicationOutcome {
  datasetId: string;
  release: number | null;
  rowsRead: number;
  inserted: number;
  revised: number;
  unchanged: number;
  withdrawn: number;
  /** True when an idempotency key returned the result of an earlier call (nothing was done this time). */
  replayed: boolean;
  /** Soft quality rules the rows written break (the first MAX_REPORTED_WARNINGS; they were published, flagged). */
  warnings: PublicationWarningRow[];
  warningCount: number;
}

/** One problem of one row: where (index among the rows, line of the file), which field, what. */
export interface InvalidRow {
  /** null for the header of a file */
  index: number | null;
  line: number | null;
  field: string;
  message: string;
}

/**
 * A publication refused because rows are invalid: nothing was written. BAD_USER_INPUT with every problem (the first
 * MAX_REPORTED_PROBLEMS in full) in `extensions.invalidRows`.
 */
export class InvalidRowsError extends BadUserInputError {
  constructor(
    readonly invalidRows: InvalidRow[],
    readonly problemCount: number,
    readonly rowCount: number,
    readonly rowsRead: number,
    argumentName: string,
  ) {
    const first = invalidRows[0];
    const where = first ? ` First: ${first.line !== null ? `line ${first.line}` : `index ${first.index}`}, ${first.field}: ${first.message}.` : "";
    super(
      `${rowCount} of ${rowsRead} row${rowsRead === 1 ? "" : "s"} ${rowCount === 1 ? "is" : "are"} invalid (${problemCount} problem${problemCount === 1 ? "" : "s"}); nothing was written.${where}`,
      argumentName,
      { invalidRows, invalidRowCount: rowCount, problemCount, rowsRead, reported: invalidRows.length },
    );
  }
}

/** The same idempotency key was used before with another payload. */
export class IdempotencyConflictError extends PublicError {
  constructor(key: string, operation: string) {
    super(
      `The idempotency key ${JSON.stringify(key)} was already used by ${operation} with a different payload; use a new key for a new publication`,
      ErrorCode.CONFLICT,
      { argumentName: "input.idempotencyKey" },
    );
  }
}

/**
 * Streams staging rows into the COPY of the staging table: each line is encoded straight into a buffer of a megabyte,
 * which goes to PostgreSQL when full; the writer waits while PostgreSQL catches up (back-pressure).
 */
export class StagingSink {
  private static readonly SIZE = 1024 * 1024;
  private buffer = Buffer.allocUnsafe(StagingSink.SIZE);
  private offset = 0;
  rows = 0;
  /** The COPY, opened with the first bytes to send: a file refused by its header never starts one. */
  private stream: Writable | null = null;

  constructor(private readonly open: () => Writable) {}

  private get copy(): Writable {
    this.stream ??= this.open();
    return this.stream;
  }

  /** Ends the COPY (opening it, empty, when nothing was staged) and waits until PostgreSQL has every row. */
  async end(): Promise<void> {
    const copy = this.copy;
    copy.end();
    await finished(copy);
  }

  /**
   * Stops a COPY that was opened. Its failure message (CopyFail) is a fixed short text: whatever went wrong is reported
   * to the client by the caller, and a long message in the protocol would cost the connection.
   */
  async abort(): Promise<void> {
    if (this.stream === null) return;
    this.stream.destroy(new Error("staging stopped"));
    await finished(this.stream).catch(() => undefined);
  }

  /** `clean`: no text of the row needs escaping (see stagingLine). */
  add(row: StagingRow, clean = false): void {
    const line = stagingLine(row, clean);
    // At most 3 bytes per UTF-16 unit; a line longer than the buffer gets a buffer of its own.
    if (this.offset + line.length * 3 > this.buffer.length) {
      this.pending.push(this.buffer.subarray(0, this.offset));
      this.buffer = Buffer.allocUnsafe(Math.max(StagingSink.SIZE, line.length * 3));
      this.offset = 0;
    }
    this.offset += this.buffer.write(line, this.offset, "utf8");
    this.rows += 1;
  }

  private pending: Buffer[] = [];

  /** Writes the full buffers; waits while PostgreSQL catches up. */
  async maybeFlush(): Promise<void> {
    while (this.pending.length > 0) {
      const copy = this.copy;
      if (!copy.write(this.pending.shift()!)) await once(copy, "drain");
    }
  }

  /** Writes everything (the end of the rows). */
  async flush(): Promise<void> {
    if (this.offset > 0) {
      this.pending.push(this.buffer.subarray(0, this.offset));
      this.buffer = Buffer.allocUnsafe(StagingSink.SIZE);
      this.offset = 0;
    }
    await this.maybeFlush();
  }
}

export type PublicationMode = "upsert" | "withdraw";

export interface PublicationRequest {
  datasetId: string;
  mode: PublicationMode;
  operation: ReleaseOperation.PUBLISH | ReleaseOperation.IMPORT | ReleaseOperation.WITHDRAW;
  /** The name the audit trail records: the mutation, or "import (command line)". */
  auditOperation: string;
  caller: Caller;
  idempotencyKey: string | null;
  /** sha256 of the payload, when known before staging (the GraphQL mutations); else `stage` returns it. */
  payloadHash: string | null;
  note: string | null;
  /** What the rows came from, for the release's provenance record ("SDMX-CSV file x.csv, sha256 ..."). */
  describe: (payloadHash: string | null) => string;
  /** The argument named by a refusal ("input.observations", "input.content"). */
  argumentName: string;
  /** Names a field the way the input names it (a column of the file, a field of the input). */
  fieldName: (field: string) => string;
  /** SDMX-CSV names indicators by UNSD series code only (asked once the rows are staged: a file's format may come from its header). */
  seriesCodesOnly: () => boolean;
  /** Record one audit entry per changed observation (bounded inputs), besides the one of the release. */
  auditEachObservation: boolean;
  /** Feeds every row to the sink; may return the payload hash computed while reading. */
  stage: (sink: StagingSink) => Promise<{ payloadHash?: string } | void>;
  onPhase?: (phase: "staged" | "validated" | "applied", detail: { rows: number }) => void;
  /** Time spent in each step (ms), for the benchmark. */
  onStep?: (step: string, ms: number) => void;
  /** Records the audit trail in the transaction of the publication. */
  audit?: (manager: EntityManager, entries: AuditEntryInput[]) => Promise<void>;
}

/** One audit entry of a publication, ready for the shared audit trail. */
export interface AuditEntryInput {
  operation: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  caller: Caller;
}

/** A file that cannot be read (its header, its quoting) is refused like invalid rows: with the line and the field. */
function asInvalidRows(error: unknown, rowsRead: number, argumentName: string): unknown {
  if (error instanceof HeaderError) {
    return new InvalidRowsError(
      error.problems.map((p) => ({ index: null, line: p.line, field: p.field, message: p.message })),
      error.problems.length,
      1,
      rowsRead,
      argumentName,
    );
  }
  if (error instanceof CsvSyntaxError) {
    return new InvalidRowsError([{ index: rowsRead, line: error.line, field: "row", message: error.message.replace(/^line [0-9]+: /, "") }], 1, 1, rowsRead + 1, argumentName);
  }
  return error;
}

interface StoredRequest {
  operation: string;
  payload_sha256: string;
  /** Results stored before publications returned warnings have none. */
  result: Omit<PublicationOutcome, "replayed" | "warnings" | "warningCount"> & Partial<Pick<PublicationOutcome, "warnings" | "warningCount">>;
}

async function storedRequest(q: QueryRunner | DataSource, agency: string, key: string): Promise<StoredRequest | null> {
  const rows: StoredRequest[] = await q.query(
    `SELECT operation, payload_sha256, result FROM publication_request WHERE agency = $1 AND idempotency_key = $2`,
    [agency, key],
  );
  return rows[0] ?? null;
}

function replay(stored: StoredRequest, key: string, operation: string, payloadHash: string): PublicationOutcome {
  if (stored.payload_sha256 !== payloadHash || stored.operation !== operation) throw new IdempotencyConflictError(key, stored.operation);
  return { ...stored.result, warnings: stored.result.warnings ?? [], warningCount: stored.result.warningCount ?? 0, replayed: true };
}

/** The breakdown codes of every indicator (without the total), its unit's bounds, and whether the dataset publishes it. */
function indicatorInfoSql(): string {
  const dims = BREAKDOWN_DIMENSIONS.map((d) => {
    const total = BREAKDOWN_CODES[d].total;
    return `ARRAY(SELECT b.code FROM indicator_breakdown_code b
                   WHERE b.indicator_code = i.code AND b.dimension = '${d}'${total ? ` AND b.code <> '${total}'` : ""} ORDER BY b.code) AS ${d}_codes,
            ${total ? `(SELECT b.code FROM indicator_breakdown_code b WHERE b.indicator_code = i.code AND b.dimension = '${d}' AND b.code = '${total}')` : "NULL::text"} AS ${d}_total`;
  });
  return `CREATE TEMP TABLE import_indicator ON COMMIT DROP AS
    SELECT i.code, i.unit,
           EXISTS (SELECT 1 FROM indicator_dataset l WHERE l.indicator_code = i.code AND l.dataset_id = $1) AS linked,
           ${KEY_ONLY_BREAKDOWN_SQL} AS key_only_breakdown,
           u.unit_code, u.vmin, u.vmax, u.range_rule,
           ${dims.join(",\n           ")}
      FROM indicator i
      LEFT JOIN unnest($2::text[], $3::text[], $4::numeric[], $5::numeric[], $6::text[]) AS u(unit, unit_code, vmin, vmax, range_rule) ON u.unit = i.unit`;
}

function aliasSql(seriesCodesOnly: boolean): string {
  const branches = [`SELECT lower(unsd_series_code) AS alias, code, 1 AS prio FROM indicator WHERE unsd_series_code IS NOT NULL`];
  if (!seriesCodesOnly) {
    branches.push(`SELECT lower(code), code, 0 FROM indicator`, `SELECT lower(wdi_code), code, 2 FROM indicator WHERE wdi_code IS NOT NULL`);
  }
  return `CREATE TEMP TABLE import_alias ON COMMIT DROP AS
    SELECT DISTINCT ON (alias) alias, code FROM (${branches.join(" UNION ALL ")}) a ORDER BY alias, prio`;
}

const KEY_JOIN = (o: string, r: string) =>
  `${o}.indicator_code = ${r}.indicator_code AND ${o}.dataset_id = $1 AND ${o}.economy_code = ${r}.economy_code AND ${o}.year = ${r}.year AND ${o}.breakdown_key = ${r}.breakdown_key`;

/**
 * Resolves every staged row: the indicator and economy it names, the year, the value as a number, the breakdown key,
 * and what it would do — I insert, R revise, U nothing (same value, nature and footnote) in upsert mode; W withdraw or
 * X nothing to withdraw in withdraw mode. A dataset without observations (a first load) needs no comparison. Rows keep the order of the input (no sort: a file sorted by key inserts in
 * key order).
 */
function resolveSql(mode: PublicationMode, datasetEmpty: boolean): string {
  const status = datasetEmpty
    ? `'${mode === "upsert" ? "I" : "X"}'::text`
    : mode === "upsert"
      ? `CASE WHEN o.indicator_code IS NULL THEN 'I'
              WHEN (o.value_text, o.nature, o.footnote) IS DISTINCT FROM (k.value, k.nature, k.footnote) THEN 'R'
              ELSE 'U' END`
      : `CASE WHEN o.indicator_code IS NULL THEN 'X' ELSE 'W' END`;
  return `CREATE TEMP TABLE import_resolved ON COMMIT DROP AS
    SELECT k.*, ${status} AS status
      FROM (
        SELECT s.*,
               a.code AS indicator_code,
               COALESCE(e1.code, e2.code) AS economy_code,
               CASE WHEN s.period ~ '^[0-9]{4}$' THEN s.period::int END AS year,
               CASE WHEN s.value ~ ${DECIMAL_SQL} THEN s.value::numeric END AS num,
               CASE WHEN s.age = '' AND s.location = '' AND s.sex = '' AND s.speed = '' THEN '_T'
                    WHEN s.age IS NOT NULL AND s.location IS NOT NULL AND s.sex IS NOT NULL AND s.speed IS NOT NULL THEN
                 COALESCE(NULLIF(concat_ws(';', 'age=' || NULLIF(s.age, ''), 'location=' || NULLIF(s.location, ''),
                                                'sex=' || NULLIF(s.sex, ''), 'speed=' || NULLIF(s.speed, '')), ''), '_T')
               END AS breakdown_key
          FROM import_staging s
          LEFT JOIN import_alias a ON a.alias = lower(s.indicator)
          LEFT JOIN economy e1 ON e1.code = s.economy
          LEFT JOIN economy e2 ON e2.m49 = s.economy
      ) k
      ${datasetEmpty ? "" : `LEFT JOIN observation o ON ${KEY_JOIN("o", "k")}`}`;
}

/** Rows whose key is complete, for the duplicate checks. */
const KEYED = `indicator_code IS NOT NULL AND economy_code IS NOT NULL AND year IS NOT NULL AND breakdown_key IS NOT NULL AND NOT broken`;

/** Whether two rows share a key: one hash aggregate over the keys (no sort of the rows). */
const HAS_DUPLICATES_SQL = `SELECT EXISTS (
    SELECT 1 FROM import_resolved WHERE ${KEYED}
     GROUP BY indicator_code, economy_code, year, breakdown_key HAVING count(*) > 1
  ) AS found`;

/** The rows that repeat the key of an earlier row, with that row (only run when there are some). */
export const DUPLICATES_SQL = `SELECT d.ord, d.line, d.first_ord, d.first_line FROM (
    SELECT ord, line, first_value(ord) OVER w AS first_ord, first_value(line) OVER w AS first_line
      FROM import_resolved WHERE ${KEYED}
    WINDOW w AS (PARTITION BY indicator_code, economy_code, year, breakdown_key ORDER BY ord)
  ) d WHERE d.ord <> d.first_ord`;

const OBSERVATION_COLUMNS = `indicator_code, dataset_id, economy_code, year, breakdown_key, sex, age, speed, location, value, value_text,
  unit_code, nature, footnote, source_area_code, source_id`;

interface Counts {
  inserted: number;
  revised: number;
  unchanged: number;
  withdrawn: number;
}

async function countStatuses(q: QueryRunner): Promise<Counts> {
  const rows: Array<{ status: string; n: number }> = await q.query(`SELECT status, count(*)::int AS n FROM import_resolved GROUP BY status`);
  const n = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
  return { inserted: n("I"), revised: n("R"), unchanged: n("U"), withdrawn: n("W") };
}

/** Connections whose temp_buffers were raised (it can only be set before a session first uses a temporary table). */
const tempBuffersRaised = new WeakSet<PoolClient>();

/**
 * Lets the staging tables of a large import stay in memory instead of going through the operating system's files:
 * local buffers are allocated as they are needed, up to this, and only by sessions that import.
 */
async function largeTempBuffers(q: QueryRunner, client: PoolClient): Promise<void> {
  if (tempBuffersRaised.has(client)) return;
  tempBuffersRaised.add(client);
  try {
    await q.query(`SET temp_buffers = '256MB'`);
  } catch {
    // This session has used temporary tables already: it keeps its setting.
  }
}

/** Raised when the primary key of a bulk-loaded partition finds rows that share a key. */
class DuplicateKeys extends Error {}

/** A bulk load into a new dataset is worth its own partition from this many rows. */
export const BULK_PARTITION_ROWS = 10_000;

/** The name of the partition of `observation` that holds one dataset (deterministic, at most 63 characters). */
export function partitionName(datasetId: string): string {
  const slug = datasetId.replace(/[^a-z0-9]/g, "_").slice(0, 36);
  return `observation_${slug}_${createHash("md5").update(datasetId).digest("hex").slice(0, 8)}`;
}

/** The new rows, as observation rows: the total of a dimension the indicator has is stored as its total code (BOTHSEX, ANYS). */
const NEW_ROWS_SELECT = `SELECT r.indicator_code, $1::text, r.economy_code, r.year, r.breakdown_key,
            ${(["sex", "age", "speed", "location"] as const).map((d) => `CASE WHEN r.${d} = '' THEN ii.${d}_total ELSE r.${d} END`).join(", ")},
            r.num, r.value, COALESCE(NULLIF(r.unit, ''), ii.unit_code), r.nature, r.footnote, r.economy_raw, $3::text, $2::int
       FROM import_resolved r JOIN import_indicator ii ON ii.code = r.indicator_code
      WHERE r.status = 'I'`;

/**
 * Whether the rows go in bulk into a partition of their own: a large first load of a dataset that has no observation
 * yet (nor a partition). Loading a table of its own and indexing it once (a sort per index) is several times faster
 * than inserting each row into the three btrees of the shared table.
 */
async function bulkPartition(q: QueryRunner, mode: PublicationMode, datasetId: string, counts: Counts): Promise<string | null> {
  if (mode !== "upsert" || counts.inserted < BULK_PARTITION_ROWS || counts.revised > 0) return null;
  const name = partitionName(datasetId);
  const [row]: Array<{ exists: boolean; rows: boolean }> = await q.query(
    `SELECT to_regclass($1) IS NOT NULL AS exists, EXISTS (SELECT 1 FROM observation WHERE dataset_id = $2) AS rows`,
    [name, datasetId],
  );
  return row.exists || row.rows ? null : name;
}

/**
 * Loads the new rows of a new dataset into a table of its own, indexed once they are in, then attaches it as the
 * dataset's partition of `observation` (a lock that lets reads and writes of the other datasets go on). The parent's
 * statement-level reference checks do not see rows loaded this way, so the rows they refer to are locked here as they
 * would: every indicator and economy comes from the validation's joins, the dataset row is locked already, and the
 * release's source row was written by this transaction.
 */
async function loadPartition(
  q: QueryRunner,
  name: string,
  datasetId: string,
  release: number,
  sourceId: string,
  step: (name: string) => void,
): Promise<void> {
  const literal = `'${datasetId.replace(/'/g, "''")}'`;
  await q.query(`SET LOCAL maintenance_work_mem = '256MB'`);
  await q.query(`CREATE TABLE ${name} (LIKE observation INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
  await q.query(`INSERT INTO ${name} (${OBSERVATION_COLUMNS}, release) ${NEW_ROWS_SELECT}`, [datasetId, release, sourceId]);
  step("  load the new partition");
  await q.query(`SELECT 1 FROM indicator WHERE code IN (SELECT DISTINCT indicator_code FROM import_resolved) FOR KEY SHARE`);
  await q.query(`SELECT 1 FROM economy WHERE code IN (SELECT DISTINCT economy_code FROM import_resolved) FOR KEY SHARE`);
  // The primary key first: it is also the check that no two rows share a key (DuplicateKeys: they are reported).
  await q.query(`SAVEPOINT import_primary_key`);
  try {
    await q.query(`ALTER TABLE ${name} ADD CONSTRAINT ${name}_pkey ${OBSERVATION_INDEXES.pkey}`);
  } catch (error) {
    const code = (error as { driverError?: { code?: string } }).driverError?.code;
    if (code !== "23505") throw error;
    await q.query(`ROLLBACK TO SAVEPOINT import_primary_key`);
    throw new DuplicateKeys();
  }
  await q.query(`RELEASE SAVEPOINT import_primary_key`);
  step("  index pkey");
  for (const suffix of ["latest_idx", "economy_idx", "release_idx"] as const) {
    await q.query(`CREATE INDEX ${name}_${suffix} ON ${name} ${OBSERVATION_INDEXES[suffix]}`);
    step(`  index ${suffix}`);
  }
  // The partition's bound as a constraint, so attaching it need not scan it again.
  await q.query(`ALTER TABLE ${name} ADD CONSTRAINT ${name}_dataset CHECK (dataset_id = ${literal})`);
  await q.query(`ALTER TABLE observation ATTACH PARTITION ${name} FOR VALUES IN (${literal})`);
  step("  check and attach");
}

/** Applies the resolved rows as release $2 (source $3) of dataset $1, set-based. */
async function apply(
  q: QueryRunner,
  mode: PublicationMode,
  datasetId: string,
  release: number,
  sourceId: string,
  partition: string | null,
  step: (name: string) => void,
): Promise<"bulk" | "rows"> {
  const params = [datasetId, release, sourceId];
  if (partition !== null) {
    await loadPartition(q, partition, datasetId, release, sourceId, step);
    return "bulk";
  }
  if (mode === "withdraw") {
    await q.query(
      `INSERT INTO observation_revision (${OBSERVATION_COLUMNS}, valid_from_release, valid_to_release, withdrawn)
       SELECT ${prefixed("o")}, o.release, $2, true
         FROM observation o JOIN import_resolved r ON r.status = 'W' AND ${KEY_JOIN("o", "r")}`,
      [datasetId, release],
    );
    await q.query(`DELETE FROM observation o USING import_resolved r WHERE r.status = 'W' AND ${KEY_JOIN("o", "r")}`, [datasetId]);
    return "rows";
  }
  // The versions being replaced become revisions, valid until this release.
  await q.query(
    `INSERT INTO observation_revision (${OBSERVATION_COLUMNS}, valid_from_release, valid_to_release, withdrawn)
     SELECT ${prefixed("o")}, o.release, $2, false
       FROM observation o JOIN import_resolved r ON r.status = 'R' AND ${KEY_JOIN("o", "r")}`,
    [datasetId, release],
  );
  await q.query(
    `UPDATE observation o
        SET value = r.num, value_text = r.value, nature = r.nature, footnote = r.footnote,
            source_area_code = r.economy_raw, source_id = $3, release = $2
       FROM import_resolved r
      WHERE r.status = 'R' AND ${KEY_JOIN("o", "r")}`,
    params,
  );
  await q.query(`INSERT INTO observation (${OBSERVATION_COLUMNS}, release) ${NEW_ROWS_SELECT}`, params);
  return "rows";
}

// The column order of OBSERVATION_COLUMNS with a table alias (sex..location sit between breakdown_key and value).
function prefixed(alias: string): string {
  return OBSERVATION_COLUMNS.split(",")
    .map((c) => `${alias}.${c.trim()}`)
    .join(", ");
}

/** The observations a bounded publication changed, before and after, for the audit trail. */
async function changedObservations(q: QueryRunner, datasetId: string, release: number) {
  const rows: Array<{
    id: string;
    status: string;
    before_value: string | null;
    before_nature: string | null;
    before_footnote: string | null;
    before_release: number | null;
    value: string | null;
    nature: string | null;
    footnote: string | null;
  }> = await q.query(
    `SELECT concat_ws('|', r.indicator_code, $1::text, r.economy_code, r.year, r.breakdown_key) AS id, r.status,
            v.value_text AS before_value, v.nature AS before_nature, v.footnote AS before_footnote, v.valid_from_release AS before_release,
            r.value, r.nature, r.footnote
       FROM import_resolved r
       LEFT JOIN observation_revision v ON ${KEY_JOIN("v", "r")} AND v.valid_to_release = $2
      WHERE r.status IN ('I', 'R', 'W')
      ORDER BY r.ord`,
    [datasetId, release],
  );
  return rows.map((r) => ({
    id: r.id,
    before:
      r.status === "I" ? null : { valueText: r.before_value, nature: r.before_nature, footnote: r.before_footnote, release: r.before_release },
    after: r.status === "W" ? null : { valueText: r.value, nature: r.nature, footnote: r.footnote, release },
  }));
}

/**
 * Runs one publication — publishObservations, withdrawObservations, or an import — in ONE transaction: the rows are
 * COPYed into a temporary staging table, resolved and validated set-based (every problem of every row is reported,
 * and then nothing is written), and applied set-based as the next release of the dataset, with revisions for the
 * values replaced or withdrawn, the provenance record of the release, the idempotency key and the audit trail. A
 * publication that changes nothing makes no release. Publications of one dataset are serialised by a lock on its row.
 */
export async function runPublication(ds: DataSource, req: PublicationRequest): Promise<PublicationOutcome> {
  const { caller, idempotencyKey } = req;
  if (idempotencyKey !== null && req.payloadHash !== null) {
    const stored = await storedRequest(ds, caller.agency, idempotencyKey);
    if (stored) return replay(stored, idempotencyKey, req.auditOperation, req.payloadHash);
  }
  const datasets: Array<{ id: string; title: string; licence: string }> = await ds.query(
    `SELECT id, title, licence FROM dataset WHERE id = $1`,
    [req.datasetId],
  );
  const dataset = datasets[0];
  if (!dataset) {
    throw new NotFoundError(`Unknown dataset ${JSON.stringify(req.datasetId)}; the list is at { datasets { id } }`, {
      argumentName: "input.dataset",
      codes: [req.datasetId],
    });
  }

  const q = ds.createQueryRunner();
  const client = (await q.connect()) as PoolClient;
  await largeTempBuffers(q, client);
  let clock = Date.now();
  const step = (name: string) => {
    const now = Date.now();
    req.onStep?.(name, now - clock);
    clock = now;
  };
  try {
    await q.startTransaction();
    // Sorts and hashes over a large file stay in memory (this transaction only).
    await q.query(`SET LOCAL work_mem = '128MB'`);
    // Compiling the large statements below costs more than it saves (JIT takes about a second each).
    await q.query(`SET LOCAL jit = off`);
    await q.query(STAGING_DDL);

    // 1. Stage: COPY every row into the staging table, streamed.
    const sink = new StagingSink(() => client.query(copyFrom(`COPY import_staging (${STAGING_COLUMNS.join(", ")}) FROM STDIN`)));
    let staged: { payloadHash?: string } | void;
    try {
      staged = await req.stage(sink);
      await sink.flush();
      await sink.end();
    } catch (error) {
      await sink.abort();
      throw asInvalidRows(error, sink.rows, req.argumentName);
    }
    const rowsRead = sink.rows;
    const payloadHash = req.payloadHash ?? staged?.payloadHash ?? null;
    step("stage (read, parse, COPY)");
    req.onPhase?.("staged", { rows: rowsRead });
    if (rowsRead === 0) throw new BadUserInputError(`There are no observations to publish: the input has no rows`, req.argumentName);

    // 2. Resolve and validate, set-based, with the dataset locked (publications of one dataset are serialised).
    await q.query(`SELECT id FROM dataset WHERE id = $1 FOR UPDATE`, [req.datasetId]);
    // The dataset is locked: whether it has observations cannot change until this transaction ends.
    const [{ empty }]: Array<{ empty: boolean }> = await q.query(`SELECT NOT EXISTS (SELECT 1 FROM observation WHERE dataset_id = $1) AS empty`, [
      req.datasetId,
    ]);
    // Statistics for the comparison with the current values (a join whose plan depends on the sizes); a first load has none.
    if (!empty) await q.query(`ANALYZE import_staging`);
    await q.query(indicatorInfoSql(), [
      req.datasetId,
      UNIT_RULES.map((u) => u.unit),
      UNIT_RULES.map((u) => u.code),
      UNIT_RULES.map((u) => u.min),
      UNIT_RULES.map((u) => u.max),
      UNIT_RULES.map((u) => u.rangeRule),
    ]);
    await q.query(aliasSql(req.seriesCodesOnly()));
    await q.query(`ANALYZE import_indicator, import_alias`);
    step("analyze staging, lock dataset, indicators");
    await q.query(resolveSql(req.mode, empty), empty ? [] : [req.datasetId]);
    step("resolve (codes, keys, duplicates, status)");
    type Problems = { total: number; rows: number; first: Array<{ ord: number; line: number | null; field: string; message: string }> };
    const problemsOf = async (withDuplicates: boolean): Promise<Problems> =>
      (await q.query(problemsSql(req.mode, req.seriesCodesOnly(), withDuplicates ? DUPLICATES_SQL : null), [req.datasetId, MAX_REPORTED_PROBLEMS]))[0];
    const refuse = (problems: Problems): never => {
      const invalid = problems.first.map((p) => ({ index: p.ord, line: p.line, field: req.fieldName(p.field), message: p.message }));
      throw new InvalidRowsError(invalid, problems.total, problems.rows, rowsRead, req.argumentName);
    };
    // Every problem of every row; when there is one, the rows that repeat a key are reported with them.
    if ((await problemsOf(false)).total > 0) refuse(await problemsOf(true));
    // A first load inserts every (valid) row.
    const counts = empty && req.mode === "upsert" ? { inserted: rowsRead, revised: 0, unchanged: 0, withdrawn: 0 } : await countStatuses(q);
    // Rows that repeat a key: a hash aggregate over the keys — except for a bulk load into a partition of its own,
    // whose primary key (built anyway) finds them.
    const partition = await bulkPartition(q, req.mode, req.datasetId, counts);
    if (partition === null) {
      const [{ found }]: Array<{ found: boolean }> = await q.query(HAS_DUPLICATES_SQL);
      if (found) refuse(await problemsOf(true));
    }
    step("validate");
    req.onPhase?.("validated", { rows: rowsRead });

    // 3. Apply as the next release, if anything changes.
    const changed = counts.inserted + counts.revised + counts.withdrawn > 0;
    const [{ next }]: Array<{ next: number }> = await q.query(
      `SELECT COALESCE(max(number), 0)::int + 1 AS next FROM dataset_release WHERE dataset_id = $1`,
      [req.datasetId],
    );
    const outcome: PublicationOutcome = {
      datasetId: req.datasetId,
      release: changed ? next : null,
      rowsRead,
      ...counts,
      replayed: false,
      warnings: [],
      warningCount: 0,
    };
    if (idempotencyKey !== null) {
      if (payloadHash === null) throw new Error("an idempotency key needs the hash of the payload");
      const { replayed: _replayed, ...result } = outcome;
      const inserted: unknown[] = await q.query(
        `INSERT INTO publication_request (agency, idempotency_key, operation, payload_sha256, result, subject)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (agency, idempotency_key) DO NOTHING RETURNING 1`,
        [caller.agency, idempotencyKey, req.auditOperation, payloadHash, JSON.stringify(result), caller.subject],
      );
      if (inserted.length === 0) {
        // The key was committed meanwhile by another call (which this insert waited for): its result stands.
        await q.rollbackTransaction();
        const stored = await storedRequest(ds, caller.agency, idempotencyKey);
        if (!stored) throw new Error(`idempotency key ${idempotencyKey} vanished`);
        return replay(stored, idempotencyKey, req.auditOperation, payloadHash);
      }
    }
    const audits: AuditEntryInput[] = [];
    let loaded: "bulk" | "rows" | null = null;
    if (changed) {
      const sourceId = `release:${req.datasetId}:${next}`;
      await q.query(
        `INSERT INTO source (id, title, publisher, url, licence, note) VALUES ($1, $2, $3, NULL, $4, $5)`,
        [
          sourceId,
          `${dataset.title} — release ${next} (${req.operation.toLowerCase()})`,
          `${caller.agency} (${caller.subject}), through the WSIS Hub`,
          dataset.licence,
          [req.describe(payloadHash), req.note].filter(Boolean).join(". "),
        ],
      );
      step("count, idempotency, source");
      try {
        loaded = await apply(q, req.mode, req.datasetId, next, sourceId, partition, step);
      } catch (error) {
        if (!(error instanceof DuplicateKeys)) throw error;
        refuse(await problemsOf(true));
      }
      step(loaded === "bulk" ? "apply (new partition: load, index, attach)" : "apply (revisions, updates, inserts)");
      // Fresh statistics after a large change, so that the checks below and the reads after the commit plan with them.
      if (loaded === "bulk") {
        await q.query(`ANALYZE ${partitionName(req.datasetId)}`);
        step("analyze the new partition");
      } else if (counts.inserted + counts.revised + counts.withdrawn >= 10_000) {
        await q.query(`ANALYZE observation`);
        step("analyze observation");
      }
      // The soft quality rules, re-checked over what the release touched: the flags are kept, the rows it wrote that
      // break one are returned as warnings. Then the default dataset of the indicators whose coverage it changed.
      await refreshStagedQualityFlags(q, req.datasetId);
      const { warnings, count } = await publicationWarnings(q, req.datasetId, empty && req.mode === "upsert");
      outcome.warnings = warnings;
      outcome.warningCount = count;
      if (counts.inserted + counts.withdrawn > 0) {
        const touched: Array<{ code: string }> = await q.query(
          `SELECT DISTINCT indicator_code AS code FROM import_resolved WHERE status IN ('I', 'W')`,
        );
        await refreshDatasetChoice(q, touched.map((t) => t.code));
      }
      if (idempotencyKey !== null) {
        const { replayed: _replayed, ...result } = outcome;
        await q.query(`UPDATE publication_request SET result = $3 WHERE agency = $1 AND idempotency_key = $2`, [
          caller.agency,
          idempotencyKey,
          JSON.stringify(result),
        ]);
      }
      step("quality flags, warnings, default datasets");
      if (req.auditEachObservation) {
        for (const c of await changedObservations(q, req.datasetId, next)) {
          audits.push({ operation: req.auditOperation, entityType: "Observation", entityId: c.id, before: c.before, after: c.after, caller });
        }
      }
      // Last, so that its moment is as close to the commit as can be.
      await q.query(
        `INSERT INTO dataset_release (dataset_id, number, published_at, published_by_agency, published_by_subject, operation, note,
                                      source_id, rows_read, inserted, revised, withdrawn, unchanged)
         VALUES ($1, $2, clock_timestamp(), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [req.datasetId, next, caller.agency, caller.subject, req.operation, req.note, sourceId, rowsRead, counts.inserted, counts.revised, counts.withdrawn, counts.unchanged],
      );
    }
    audits.unshift({
      operation: req.auditOperation,
      entityType: changed ? "DatasetRelease" : "Dataset",
      entityId: changed ? `${req.datasetId}#${next}` : req.datasetId,
      before: null,
      after: { dataset: req.datasetId, release: outcome.release, rowsRead, ...counts, note: req.note, input: req.describe(payloadHash) },
      caller,
    });
    if (req.audit) await req.audit(q.manager, audits);
    req.onPhase?.("applied", { rows: rowsRead });
    step("release, audit");
    await q.commitTransaction();
    step("commit");
    return outcome;
  } catch (error) {
    if (q.isTransactionActive) await q.rollbackTransaction();
    throw error;
  } finally {
    await q.release();
  }
}
