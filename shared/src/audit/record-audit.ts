import type { EntityManager } from "typeorm";
import type { Caller } from "../auth/caller";
import { requireCaller } from "../auth/scopes";
import { currentRequestId } from "../http/request-id";

/** One change to record. `before`/`after` are plain JSON values (a row, with its links if they changed). */
export interface AuditRecord {
  /** The GraphQL operation that made the change, e.g. "updateEvent", "publishObservations". */
  operation: string;
  /** The type of the record changed, e.g. "Event", "Report", "Observation", "Release". */
  entityType: string;
  entityId: string;
  /** null for a creation. */
  before: unknown;
  /** null for a deletion. */
  after: unknown;
  caller: Caller | null;
  /** Defaults to the id of the request being served. */
  requestId?: string | null;
}

/** JSON that jsonb accepts: Dates become ISO strings, undefined becomes null. */
function toJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value);
}

/**
 * Records one change in the subgraph's `audit_log`, with `manager` — the manager of the transaction that makes the
 * change, so the entry is committed with it or not at all. Refuses (UNAUTHENTICATED) without a caller: every write has
 * an author. Returns the entry's id.
 */
export async function recordAudit(manager: EntityManager, record: AuditRecord): Promise<string> {
  const [id] = await recordAudits(manager, [record]);
  return id;
}

/** Like recordAudit for many changes at once, in one statement (a publication of many records). Returns the ids. */
export async function recordAudits(manager: EntityManager, records: readonly AuditRecord[]): Promise<string[]> {
  if (records.length === 0) return [];
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error("recordAudit must be given the manager of the transaction that makes the change");
  }
  const ids: string[] = [];
  // 9 parameters a row; PostgreSQL takes at most 65535 parameters per statement.
  for (let start = 0; start < records.length; start += 5000)
    ids.push(...(await insertChunk(manager, records.slice(start, start + 5000))));
  return ids;
}

async function insertChunk(manager: EntityManager, records: readonly AuditRecord[]): Promise<string[]> {
  const columns = [
    "operation",
    "entity_type",
    "entity_id",
    "agency",
    "subject",
    "scopes",
    "request_id",
    "before",
    "after",
  ];
  const params: unknown[] = [];
  const tuples = records.map((r) => {
    const caller = requireCaller(r.caller);
    if (r.before == null && r.after == null)
      throw new Error(`audit of ${r.entityType} ${r.entityId}: before and after are both empty`);
    const values = [
      r.operation,
      r.entityType,
      r.entityId,
      caller.agency,
      caller.subject,
      caller.scopes,
      r.requestId ?? currentRequestId() ?? null,
      toJson(r.before),
      toJson(r.after),
    ];
    const placeholders = values.map((v, i) => {
      params.push(v);
      const n = params.length;
      return i === 5 ? `$${n}::text[]` : i >= 7 ? `$${n}::jsonb` : `$${n}`;
    });
    return `(${placeholders.join(", ")})`;
  });
  const rows: Array<{ id: string }> = await manager.query(
    `INSERT INTO "audit_log" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")} RETURNING "id"`,
    params,
  );
  return rows.map((r) => String(r.id));
}
