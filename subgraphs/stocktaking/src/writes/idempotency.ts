import { createHash } from "node:crypto";
import { BadUserInputError, ErrorCode, PublicError, type Caller } from "@wsis/shared";
import type { EntityManager } from "typeorm";

/**
 * Idempotency keys of the writes (as the indicators' publications have them): a client that sends the same write
 * twice with the same key — a retry after a lost answer — gets the first write's result, and nothing is written again.
 * Keys are per agency; the same key with another payload is CONFLICT. The key is claimed in the write's own
 * transaction (a concurrent call with the same key waits for it, then replays it), so a refused write leaves the key
 * free.
 */

const KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/** The problem with an idempotency key argument, or null (none given is fine). */
export function idempotencyKeyProblem(key: string | null | undefined, argumentName: string): string | null {
  if (key == null || KEY.test(key)) return null;
  return `Argument "${argumentName}" must be 8 to 128 characters among letters, digits and . _ : - (a UUID will do)`;
}

export function checkIdempotencyKey(key: string | null | undefined, argumentName: string): string | null {
  const problem = idempotencyKeyProblem(key, argumentName);
  if (problem) throw new BadUserInputError(problem, argumentName);
  return key ?? null;
}

export interface IdempotentWrite<R> {
  caller: Caller;
  key: string | null;
  argumentName: string;
  /** The mutation, e.g. "submitStocktakingEntry". */
  operation: string;
  /** What identifies the request: the same key with another payload is refused. */
  payload: unknown;
  /** The write (in the transaction `m`). */
  run: () => Promise<R>;
  /** What to keep of its result (JSON) to answer a replay. */
  keep: (result: R) => unknown;
  /** The answer to a replay, from what was kept. */
  replay: (kept: unknown) => Promise<R>;
}

/** Runs `write.run` once per (agency, key), in the transaction of `m`; a repeat answers `write.replay` of the first. */
export async function idempotent<R>(
  m: EntityManager,
  write: IdempotentWrite<R>,
): Promise<{ result: R; replayed: boolean }> {
  if (write.key === null) return { result: await write.run(), replayed: false };
  const { caller, key } = write;
  const hash = createHash("sha256")
    .update(JSON.stringify([write.operation, write.payload]))
    .digest("hex");
  const claimed: unknown[] = await m.query(
    `INSERT INTO write_request (agency, idempotency_key, operation, payload_sha256, subject) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (agency, idempotency_key) DO NOTHING RETURNING 1`,
    [caller.agency, key, write.operation, hash, caller.subject],
  );
  if (claimed.length === 0) {
    const [stored]: Array<{ operation: string; payload_sha256: string; result: unknown }> = await m.query(
      `SELECT operation, payload_sha256, result FROM write_request WHERE agency = $1 AND idempotency_key = $2`,
      [caller.agency, key],
    );
    if (stored.operation !== write.operation || stored.payload_sha256 !== hash) {
      throw new PublicError(
        `The idempotency key ${JSON.stringify(key)} was already used by ${stored.operation} with a different request; use a new key for a new write`,
        ErrorCode.CONFLICT,
        { argumentName: write.argumentName },
      );
    }
    return { result: await write.replay(stored.result), replayed: true };
  }
  const result = await write.run();
  await m.query(`UPDATE write_request SET result = $3 WHERE agency = $1 AND idempotency_key = $2`, [
    caller.agency,
    key,
    JSON.stringify(write.keep(result)),
  ]);
  return { result, replayed: false };
}
