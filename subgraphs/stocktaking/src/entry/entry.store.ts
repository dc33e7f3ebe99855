import { jsonList, recordAudits, type Caller } from "@wsis/shared";
import type { EntityManager } from "typeorm";
import type { StocktakingEntry } from "./entry.entity";
import type { EntryFields } from "./entry-write.args";
import { ENTRY_COLUMNS, toEntry } from "./entry.sql";

/** The statements the entries' writes share (entry.service.ts, entry-import.service.ts), all with the write's manager. */

/** An entry with its links, as the audit trail keeps it. */
const SNAPSHOT = `SELECT e.id::text AS id, e.title, e.description, e.organisation, e.stakeholder_type AS "stakeholderType",
    e.start_date AS "startDate", e.end_date AS "endDate", e.status, e.rejection_reason AS "rejectionReason", e.url,
    e.submitted_by_agency AS "submittedBy", e.source_id AS "sourceId",
    ${jsonList("l.action_line_code", "stocktaking_entry_action_line l", "l.entry_id = e.id", "l.position")} AS "actionLines",
    ${jsonList("l.economy_code", "stocktaking_entry_economy l", "l.entry_id = e.id", "l.position")} AS economies,
    ${jsonList("l.goal_code", "stocktaking_entry_sdg_goal l", "l.entry_id = e.id", "l.position")} AS "sdgGoals"
  FROM stocktaking_entry e`;

/** The entries of `ids` as the audit trail keeps them, in the order of `ids`. */
export async function snapshots(m: EntityManager, ids: readonly string[]): Promise<Array<Record<string, unknown>>> {
  const rows: Array<Record<string, unknown> & { id: string }> = await m.query(
    `${SNAPSHOT} WHERE e.id = ANY($1::bigint[])`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!);
}

/** Records a change of each entry of `ids` (read after it) against what it was (`before`, by id; none: created). */
export async function auditEntries(
  m: EntityManager,
  operation: string,
  caller: Caller,
  ids: readonly string[],
  before: ReadonlyMap<string, unknown> = new Map(),
  note?: Record<string, unknown>,
): Promise<void> {
  const after = await snapshots(m, ids);
  await recordAudits(
    m,
    ids.map((id, i) => ({
      operation,
      entityType: "StocktakingEntry",
      entityId: id,
      before: before.get(id) ?? null,
      after: note ? { ...after[i], ...note } : after[i],
      caller,
    })),
  );
}

/**
 * Inserts entries (SUBMITTED, by the caller's agency, attributed to `sourceId`) with their links, set-based: one
 * statement for their ids, one for the entries, one per kind of link; returns their ids in the order given.
 */
export async function insertEntries(
  m: EntityManager,
  caller: Caller,
  entries: readonly EntryFields[],
  sourceId: string,
): Promise<string[]> {
  const ids: string[] = (
    (await m.query(
      `SELECT g, nextval('stocktaking_entry_id_seq')::text AS id FROM generate_series(1, $1) AS g ORDER BY g`,
      [entries.length],
    )) as Array<{ id: string }>
  ).map((r) => r.id);
  const column = <K extends keyof EntryFields>(key: K) => entries.map((e) => e[key]);
  await m.query(
    `INSERT INTO stocktaking_entry (id, title, description, organisation, stakeholder_type, start_date, end_date, url,
                                    submitted_by_agency, submitted_by_subject, source_id)
     SELECT t.*, $9, $10, $11 FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS t`,
    [
      ids,
      column("title"),
      column("description"),
      column("organisation"),
      column("stakeholderType"),
      column("startDate"),
      column("endDate"),
      column("url"),
      caller.agency,
      caller.subject,
      sourceId,
    ],
  );
  const links = [
    ["stocktaking_entry_action_line", "action_line_code", "actionLines"],
    ["stocktaking_entry_economy", "economy_code", "economies"],
    ["stocktaking_entry_sdg_goal", "goal_code", "sdgGoals"],
  ] as const;
  for (const [table, codeColumn, key] of links) {
    const rows = entries.flatMap((e, i) => e[key].map((code, p) => [ids[i], code, p + 1] as const));
    if (rows.length === 0) continue;
    await m.query(
      `INSERT INTO ${table} (entry_id, ${codeColumn}, position) SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[])`,
      [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
    );
  }
  return ids;
}

/** The entries of `ids`, in the order of `ids` (one statement). */
export async function readEntries(m: EntityManager, ids: readonly string[]): Promise<StocktakingEntry[]> {
  const rows = (
    (await m.query(`SELECT ${ENTRY_COLUMNS} FROM stocktaking_entry e WHERE e.id = ANY($1::bigint[])`, [
      ids,
    ])) as object[]
  ).map(toEntry);
  const byId = new Map(rows.map((e) => [String(e.id), e]));
  return ids.map((id) => byId.get(id)!);
}
