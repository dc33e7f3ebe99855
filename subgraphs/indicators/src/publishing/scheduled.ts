import {
  BadUserInputError,
  type Caller,
  ErrorCode,
  hasScope,
  NotFoundError,
  PublicError,
  type Logger,
} from "@wsis/shared";
import type { DataSource, EntityManager } from "typeorm";
import { normaliseDatasetId } from "../codes";
import { recordRequest } from "./idempotency";
import { ReleaseScheduledError } from "./publication.errors";
import type { PublicationOutcome, PublicationRequest } from "./publication.types";
import {
  importObservations,
  PUBLISH_SCOPE,
  publishObservations,
  requirePublisher,
  type RunOptions,
  withdrawObservations,
} from "./publishing.service";
import type { ImportObservationsInput, PublishObservationsInput, WithdrawObservationsInput } from "./publishing.types";

/**
 * Embargoed releases. A publication given a future `publishAt` is run at once as a dry run (every refusal as without
 * it, the counts it would have), then kept in `scheduled_release` with its input and the release number it reserves;
 * the dataset takes no other publication meanwhile. The observation tables never hold an embargoed value, so no public
 * read, and no cache of one, can show it early. At the moment, an indicators process (each polls; the dataset's lock
 * and the schedule's row make one of them win) runs the same publication as that release, dated `publishAt`.
 */

type Audit = PublicationRequest["audit"];
export type ScheduledOperation = "publishObservations" | "withdrawObservations" | "importObservations";
type AnyInput = PublishObservationsInput | WithdrawObservationsInput | ImportObservationsInput;

const RUNNERS: Record<
  ScheduledOperation,
  (ds: DataSource, caller: Caller, input: never, audit: Audit, options: RunOptions) => Promise<PublicationOutcome>
> = {
  publishObservations: publishObservations as never,
  withdrawObservations: withdrawObservations as never,
  importObservations: importObservations as never,
};

/** How far ahead a release may be scheduled. */
export const MAX_SCHEDULE_AHEAD_DAYS = 366;

export interface ScheduledOutcome extends PublicationOutcome {
  publishAt: Date | null;
}

export interface ScheduledReleaseRow {
  dataset_id: string;
  number: number;
  publish_at: Date;
  operation: ScheduledOperation;
  agency: string;
  subject: string;
  note: string | null;
  rows_read: number;
  inserted: number;
  revised: number;
  withdrawn: number;
  unchanged: number;
  scheduled_at: Date;
  failed_at: Date | null;
  failure: string | null;
}

export const SCHEDULED_COLUMNS = `dataset_id, number, publish_at, operation, agency, subject, note, rows_read, inserted, revised, withdrawn,
  unchanged, scheduled_at, failed_at, failure`;

/** Who may see (and cancel) a scheduled release: admin, or a publisher of the agency that scheduled it. */
export function maySeeScheduled(caller: Caller | null | undefined, row: Pick<ScheduledReleaseRow, "agency">): boolean {
  if (!caller || !hasScope(caller, PUBLISH_SCOPE)) return false;
  return hasScope(caller, "admin") || caller.agency === row.agency;
}

function checkPublishAt(publishAt: Date, now = new Date()): void {
  if (Number.isNaN(publishAt.getTime()))
    throw new BadUserInputError(`Argument "input.publishAt" is not a moment`, "input.publishAt");
  if (publishAt.getTime() <= now.getTime()) {
    throw new BadUserInputError(
      `Argument "input.publishAt" (${publishAt.toISOString()}) is not in the future; leave it out to publish at once`,
      "input.publishAt",
    );
  }
  if (publishAt.getTime() - now.getTime() > MAX_SCHEDULE_AHEAD_DAYS * 86_400_000) {
    throw new BadUserInputError(
      `Argument "input.publishAt" is more than ${MAX_SCHEDULE_AHEAD_DAYS} days ahead`,
      "input.publishAt",
    );
  }
}

/** A stored result of a scheduling (JSON) read back: its moment as a Date. */
function revivedOutcome(outcome: PublicationOutcome & { publishAt?: unknown }): ScheduledOutcome {
  const at = outcome.publishAt;
  return { ...outcome, publishAt: typeof at === "string" ? new Date(at) : at instanceof Date ? at : null };
}

/** Schedules a publication for `input.publishAt` (see the module's comment); the result says what it will do. */
export async function schedulePublication(
  ds: DataSource,
  operation: ScheduledOperation,
  caller: Caller | null,
  input: AnyInput,
  audit: Audit,
  onScheduled?: (publishAt: Date) => void,
): Promise<ScheduledOutcome> {
  const who = requirePublisher(caller, operation);
  const publishAt = input.publishAt as Date;
  checkPublishAt(publishAt);
  const { publishAt: _publishAt, ...rest } = input;
  const checked = await RUNNERS[operation](ds, who, rest as never, audit, { dryRun: true });
  if (checked.replayed) return revivedOutcome(checked);
  // Nothing would change: nothing to schedule (as a publication that changes nothing creates no release).
  if (checked.release === null) return { ...checked, publishAt: null };
  const datasetId = checked.datasetId;
  const outcome: ScheduledOutcome = { ...checked, publishAt };
  await ds.transaction(async (m) => {
    await m.query(`SELECT id FROM dataset WHERE id = $1 FOR UPDATE`, [datasetId]);
    const [{ next }]: Array<{ next: number }> = await m.query(
      `SELECT COALESCE(max(number), 0)::int + 1 AS next FROM dataset_release WHERE dataset_id = $1`,
      [datasetId],
    );
    if (next !== checked.release) {
      throw new PublicError(
        `Dataset ${JSON.stringify(datasetId)} received release ${next - 1} while this publication was being checked; send it again`,
        ErrorCode.CONFLICT,
        { argumentName: "input.dataset" },
      );
    }
    const inserted: unknown[] = await m.query(
      `INSERT INTO scheduled_release (dataset_id, number, publish_at, operation, input, caller, agency, subject, note,
                                      rows_read, inserted, revised, withdrawn, unchanged)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (dataset_id) DO NOTHING RETURNING 1`,
      [
        datasetId,
        checked.release,
        publishAt,
        operation,
        JSON.stringify(rest),
        JSON.stringify(who),
        who.agency,
        who.subject,
        (rest as { note?: string | null }).note?.trim() || null,
        checked.rowsRead,
        checked.inserted,
        checked.revised,
        checked.withdrawn,
        checked.unchanged,
      ],
    );
    if (inserted.length === 0) {
      const [pending]: Array<{ number: number; publish_at: Date }> = await m.query(
        `SELECT number, publish_at FROM scheduled_release WHERE dataset_id = $1`,
        [datasetId],
      );
      throw new ReleaseScheduledError(datasetId, pending.number, pending.publish_at);
    }
    if (input.idempotencyKey && checked.payloadHash) {
      if (!(await recordRequest(m, who, input.idempotencyKey, operation, checked.payloadHash, outcome))) {
        throw new PublicError(
          `The idempotency key was used meanwhile by another call; send this one again to see its result`,
          ErrorCode.CONFLICT,
          {
            argumentName: "input.idempotencyKey",
          },
        );
      }
    }
    await audit?.(m, [
      {
        operation: `${operation} (scheduled)`,
        entityType: "DatasetRelease",
        entityId: `${datasetId}#${checked.release}`,
        before: null,
        after: {
          dataset: datasetId,
          release: checked.release,
          publishAt: publishAt.toISOString(),
          rowsRead: checked.rowsRead,
        },
        caller: who,
      },
    ]);
  });
  onScheduled?.(publishAt);
  return outcome;
}

/** Withdraws a dataset's scheduled release (nothing of it was ever public); returns what was scheduled. */
export async function cancelScheduledRelease(
  ds: DataSource,
  caller: Caller | null,
  dataset: string,
  audit: Audit,
): Promise<ScheduledReleaseRow> {
  const who = requirePublisher(caller, "cancelScheduledRelease");
  const datasetId = normaliseDatasetId(dataset, "dataset");
  return ds.transaction(async (m: EntityManager) => {
    const rows: ScheduledReleaseRow[] = await m.query(
      `SELECT ${SCHEDULED_COLUMNS} FROM scheduled_release WHERE dataset_id = $1 FOR UPDATE`,
      [datasetId],
    );
    const row = rows[0];
    // Another agency's schedule is not revealed: it does not exist for this caller.
    if (!row || !maySeeScheduled(who, row)) {
      throw new NotFoundError(
        `Dataset ${JSON.stringify(datasetId)} has no scheduled release that this caller may see`,
        { argumentName: "dataset" },
      );
    }
    await m.query(`DELETE FROM scheduled_release WHERE dataset_id = $1`, [datasetId]);
    await audit?.(m, [
      {
        operation: "cancelScheduledRelease",
        entityType: "DatasetRelease",
        entityId: `${datasetId}#${row.number}`,
        before: { dataset: datasetId, release: row.number, publishAt: row.publish_at.toISOString() },
        after: null,
        caller: who,
      },
    ]);
    return row;
  });
}

class AlreadyApplied extends Error {}

/**
 * Applies every scheduled release whose moment has come (as its reserved number, dated its moment). A release that
 * can no longer be applied is marked failed with the reason (its publisher sees it on Dataset.scheduledRelease).
 */
export async function applyDueReleases(ds: DataSource, audit: Audit, log: Logger): Promise<number> {
  const due: Array<ScheduledReleaseRow & { input: unknown; caller: Caller }> = await ds.query(
    `SELECT ${SCHEDULED_COLUMNS}, input, caller FROM scheduled_release
      WHERE failed_at IS NULL AND publish_at <= now() ORDER BY publish_at LIMIT 20`,
  );
  let applied = 0;
  for (const row of due) {
    try {
      await RUNNERS[row.operation](ds, row.caller, row.input as never, audit, {
        scheduled: {
          publishAt: row.publish_at,
          beforeCommit: async (q, release) => {
            const gone: unknown[] = await q.query(
              `DELETE FROM scheduled_release WHERE dataset_id = $1 AND number = $2 RETURNING 1`,
              [row.dataset_id, row.number],
            );
            if (gone.length === 0) throw new AlreadyApplied();
            if (release !== row.number)
              throw new Error(`it would have been release ${release ?? "none (nothing changes)"}, not ${row.number}`);
          },
        },
      });
      applied += 1;
      log.info(
        { dataset: row.dataset_id, release: row.number, publishAt: row.publish_at },
        "scheduled release published",
      );
    } catch (error) {
      if (error instanceof AlreadyApplied) continue;
      const failure = error instanceof Error ? error.message : String(error);
      log.error(
        { dataset: row.dataset_id, release: row.number, err: failure },
        "scheduled release could not be published",
      );
      await ds.query(
        `UPDATE scheduled_release SET failed_at = now(), failure = $3 WHERE dataset_id = $1 AND number = $2`,
        [row.dataset_id, row.number, failure.slice(0, 2000)],
      );
    }
  }
  return applied;
}
