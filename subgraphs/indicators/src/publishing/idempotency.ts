import type { Caller } from "@wsis/shared";
import type { DataSource, QueryRunner } from "typeorm";
import { IdempotencyConflictError } from "./publication.errors";
import type { PublicationOutcome } from "./publication.types";

/**
 * Idempotency keys of publications: a key names one payload of one operation of an agency; calling again with the
 * same key and payload returns the stored outcome (nothing is done), with another payload is a CONFLICT.
 */

interface StoredRequest {
  operation: string;
  payload_sha256: string;
  /** Results stored before publications returned warnings have none. */
  result: Omit<PublicationOutcome, "replayed" | "warnings" | "warningCount"> &
    Partial<Pick<PublicationOutcome, "warnings" | "warningCount">>;
}

export async function storedRequest(
  q: QueryRunner | DataSource,
  agency: string,
  key: string,
): Promise<StoredRequest | null> {
  const rows: StoredRequest[] = await q.query(
    `SELECT operation, payload_sha256, result FROM publication_request WHERE agency = $1 AND idempotency_key = $2`,
    [agency, key],
  );
  return rows[0] ?? null;
}

export function replay(stored: StoredRequest, key: string, operation: string, payloadHash: string): PublicationOutcome {
  if (stored.payload_sha256 !== payloadHash || stored.operation !== operation)
    throw new IdempotencyConflictError(key, stored.operation);
  return {
    ...stored.result,
    warnings: stored.result.warnings ?? [],
    warningCount: stored.result.warningCount ?? 0,
    replayed: true,
  };
}

/**
 * Records the key with the outcome of this publication, in its transaction; false when the key was committed meanwhile
 * by another call (which this insert waited for): that call's result stands.
 */
export async function recordRequest(
  q: Pick<QueryRunner, "query">,
  caller: Caller,
  key: string,
  operation: string,
  payloadHash: string,
  outcome: PublicationOutcome,
): Promise<boolean> {
  const { replayed: _replayed, payloadHash: _payloadHash, ...result } = outcome;
  const inserted: unknown[] = await q.query(
    `INSERT INTO publication_request (agency, idempotency_key, operation, payload_sha256, result, subject)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (agency, idempotency_key) DO NOTHING RETURNING 1`,
    [caller.agency, key, operation, payloadHash, JSON.stringify(result), caller.subject],
  );
  return inserted.length > 0;
}

/** Stores the final outcome (with its warnings) under the key recorded earlier in the transaction. */
export async function updateRecordedResult(
  q: QueryRunner,
  caller: Caller,
  key: string,
  outcome: PublicationOutcome,
): Promise<void> {
  const { replayed: _replayed, payloadHash: _payloadHash, ...result } = outcome;
  await q.query(`UPDATE publication_request SET result = $3 WHERE agency = $1 AND idempotency_key = $2`, [
    caller.agency,
    key,
    JSON.stringify(result),
  ]);
}
