import { BadUserInputError, NotFoundError } from "@wsis/shared";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { DataSource, QueryRunner } from "typeorm";
import { refreshDatasetChoice } from "../dataset/dataset-choice";
import { publicationWarnings, refreshStagedQualityFlags } from "../quality/quality.flags";
import { apply, changedObservations, countStatuses } from "./apply";
import { recordRequest, replay, storedRequest, updateRecordedResult } from "./idempotency";
import { bulkPartition, partitionName } from "./partition";
import { asInvalidRows, DuplicateKeys, InvalidRowsError, ReleaseScheduledError } from "./publication.errors";
import type { AuditEntryInput, PublicationOutcome, PublicationRequest } from "./publication.types";
import { aliasSql, DUPLICATES_SQL, HAS_DUPLICATES_SQL, indicatorInfoSql, resolveSql } from "./resolve.sql";
import { STAGING_COLUMNS, STAGING_DDL } from "./staging";
import { StagingSink } from "./staging-sink";
import { UNIT_RULES } from "./units";
import { MAX_REPORTED_PROBLEMS, problemsSql } from "./validation";

/**
 * The publication engine: runs one publication from staging to commit. Its parts, one job each: staging-sink.ts (the
 * COPY of the rows), resolve.sql.ts (resolving and checking them set-based), validation.ts (the problems of each row),
 * partition.ts and apply.ts (writing them as the next release), idempotency.ts (keys and replays),
 * publication.errors.ts (refusals) and publication.types.ts (what goes in and comes out).
 */

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

/**
 * Runs one publication — publishObservations, withdrawObservations, or an import — in ONE transaction: the rows are
 * COPYed into a temporary staging table, resolved and validated set-based (every problem of every row is reported,
 * and then nothing is written), and applied set-based as the next release of the dataset, with revisions for the
 * values replaced or withdrawn, the provenance record of the release, the idempotency key and the audit trail. A
 * publication that changes nothing makes no release. Publications of one dataset are serialised by a lock on its row.
 */
export async function runPublication(ds: DataSource, req: PublicationRequest): Promise<PublicationOutcome> {
  const { caller } = req;
  // A scheduled release being applied was checked against its key when it was scheduled.
  const idempotencyKey = req.scheduled ? null : req.idempotencyKey;
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
    const sink = new StagingSink(() =>
      client.query(copyFrom(`COPY import_staging (${STAGING_COLUMNS.join(", ")}) FROM STDIN`)),
    );
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
    if (rowsRead === 0)
      throw new BadUserInputError(`There are no observations to publish: the input has no rows`, req.argumentName);

    // 2. Resolve and validate, set-based, with the dataset locked (publications of one dataset are serialised).
    await q.query(`SELECT id FROM dataset WHERE id = $1 FOR UPDATE`, [req.datasetId]);
    if (!req.scheduled) {
      const pending: Array<{ number: number; publish_at: Date }> = await q.query(
        `SELECT number, publish_at FROM scheduled_release WHERE dataset_id = $1`,
        [req.datasetId],
      );
      if (pending[0]) throw new ReleaseScheduledError(req.datasetId, pending[0].number, pending[0].publish_at);
    }
    // The dataset is locked: whether it has observations cannot change until this transaction ends.
    const [{ empty }]: Array<{ empty: boolean }> = await q.query(
      `SELECT NOT EXISTS (SELECT 1 FROM observation WHERE dataset_id = $1) AS empty`,
      [req.datasetId],
    );
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
    type Problems = {
      total: number;
      rows: number;
      first: Array<{ ord: number; line: number | null; field: string; message: string }>;
    };
    const problemsOf = async (withDuplicates: boolean): Promise<Problems> =>
      (
        await q.query(problemsSql(req.mode, req.seriesCodesOnly(), withDuplicates ? DUPLICATES_SQL : null), [
          req.datasetId,
          MAX_REPORTED_PROBLEMS,
        ])
      )[0];
    const refuse = (problems: Problems): never => {
      const invalid = problems.first.map((p) => ({
        index: p.ord,
        line: p.line,
        field: req.fieldName(p.field),
        message: p.message,
      }));
      throw new InvalidRowsError(invalid, problems.total, problems.rows, rowsRead, req.argumentName);
    };
    // Every problem of every row; when there is one, the rows that repeat a key are reported with them.
    if ((await problemsOf(false)).total > 0) refuse(await problemsOf(true));
    // A first load inserts every (valid) row.
    const counts =
      empty && req.mode === "upsert"
        ? { inserted: rowsRead, revised: 0, unchanged: 0, withdrawn: 0 }
        : await countStatuses(q);
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
      payloadHash,
    };
    if (idempotencyKey !== null && !req.dryRun) {
      if (payloadHash === null) throw new Error("an idempotency key needs the hash of the payload");
      if (!(await recordRequest(q, caller, idempotencyKey, req.auditOperation, payloadHash, outcome))) {
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
      await q.query(`INSERT INTO source (id, title, publisher, url, licence, note) VALUES ($1, $2, $3, NULL, $4, $5)`, [
        sourceId,
        `${dataset.title} — release ${next} (${req.operation.toLowerCase()})`,
        `${caller.agency} (${caller.subject}), through the WSIS Hub`,
        dataset.licence,
        [req.describe(payloadHash), req.note].filter(Boolean).join(". "),
      ]);
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
        await refreshDatasetChoice(
          q,
          touched.map((t) => t.code),
        );
      }
      if (idempotencyKey !== null && !req.dryRun) await updateRecordedResult(q, caller, idempotencyKey, outcome);
      step("quality flags, warnings, default datasets");
      if (req.auditEachObservation) {
        for (const c of await changedObservations(q, req.datasetId, next)) {
          audits.push({
            operation: req.auditOperation,
            entityType: "Observation",
            entityId: c.id,
            before: c.before,
            after: c.after,
            caller,
          });
        }
      }
      // Last, so that its moment is as close to the commit as can be.
      await q.query(
        `INSERT INTO dataset_release (dataset_id, number, published_at, published_by_agency, published_by_subject, operation, note,
                                      source_id, rows_read, inserted, revised, withdrawn, unchanged)
         VALUES ($1, $2, COALESCE($13::timestamptz, clock_timestamp()), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          req.datasetId,
          next,
          caller.agency,
          caller.subject,
          req.operation,
          req.note,
          sourceId,
          rowsRead,
          counts.inserted,
          counts.revised,
          counts.withdrawn,
          counts.unchanged,
          req.scheduled?.publishAt ?? null,
        ],
      );
    }
    audits.unshift({
      operation: req.auditOperation,
      entityType: changed ? "DatasetRelease" : "Dataset",
      entityId: changed ? `${req.datasetId}#${next}` : req.datasetId,
      before: null,
      after: {
        dataset: req.datasetId,
        release: outcome.release,
        rowsRead,
        ...counts,
        note: req.note,
        input: req.describe(payloadHash),
      },
      caller,
    });
    if (req.audit) await req.audit(q.manager, audits);
    req.onPhase?.("applied", { rows: rowsRead });
    step("release, audit");
    if (req.dryRun) {
      await q.rollbackTransaction();
      return outcome;
    }
    await req.scheduled?.beforeCommit(q, outcome.release);
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
