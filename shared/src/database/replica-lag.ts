/**
 * The lag of a read replica, from WAL positions: the primary's `pg_current_wal_lsn()` sampled at every check, and the
 * replica's `pg_last_wal_replay_lsn()` (see replicas.ts).
 */
export interface LsnSample {
  at: number;
  lsn: bigint;
}

/** `16/B374D848` → a number that orders WAL positions. */
export function parseLsn(text: string): bigint {
  const [high, low] = text.split("/");
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/**
 * The lag of a replica that has replayed WAL up to `replayed`, from the primary's samples (oldest first, the last
 * taken just before the replica was asked): 0 when it has reached the last sample, else the time since the oldest
 * sample beyond what it replayed.
 */
export function lagFromSamples(samples: readonly LsnSample[], replayed: bigint, now: number): number {
  const latest = samples[samples.length - 1];
  if (!latest || replayed >= latest.lsn) return 0;
  const firstMissing = samples.find((s) => s.lsn > replayed) ?? latest;
  return Math.max(0, now - firstMissing.at);
}
