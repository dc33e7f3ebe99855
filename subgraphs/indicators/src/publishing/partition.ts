import { createHash } from "node:crypto";
import type { QueryRunner } from "typeorm";
import { OBSERVATION_INDEXES } from "../observation/observation.indexes";
import { versionColumns } from "../observation/observation.rows";
import { DuplicateKeys } from "./publication.errors";
import type { Counts, PublicationMode } from "./publication.types";
import { NEW_ROWS_SELECT } from "./resolve.sql";

/** A bulk load into a new dataset is worth its own partition from this many rows. */
export const BULK_PARTITION_ROWS = 10_000;

/** The name of the partition of `observation` that holds one dataset (deterministic, at most 63 characters). */
export function partitionName(datasetId: string): string {
  const slug = datasetId.replace(/[^a-z0-9]/g, "_").slice(0, 36);
  return `observation_${slug}_${createHash("md5").update(datasetId).digest("hex").slice(0, 8)}`;
}

/**
 * Whether the rows go in bulk into a partition of their own: a large first load of a dataset that has no observation
 * yet (nor a partition). Loading a table of its own and indexing it once (a sort per index) is several times faster
 * than inserting each row into the three btrees of the shared table.
 */
export async function bulkPartition(
  q: QueryRunner,
  mode: PublicationMode,
  datasetId: string,
  counts: Counts,
): Promise<string | null> {
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
export async function loadPartition(
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
  await q.query(`INSERT INTO ${name} (${versionColumns()}, release) ${NEW_ROWS_SELECT}`, [
    datasetId,
    release,
    sourceId,
  ]);
  step("  load the new partition");
  await q.query(
    `SELECT 1 FROM indicator WHERE code IN (SELECT DISTINCT indicator_code FROM import_resolved) FOR KEY SHARE`,
  );
  await q.query(
    `SELECT 1 FROM economy WHERE code IN (SELECT DISTINCT economy_code FROM import_resolved) FOR KEY SHARE`,
  );
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
