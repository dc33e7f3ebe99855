import type { EntityManager } from "typeorm";
import type { Caller } from "../auth/caller";
import { recordAudit } from "../audit/record-audit";

/**
 * How one kind of record is kept in the audit trail: its type and how to read it, with its links, as clients see it.
 * A write reads the record before the change (`snapshot`), makes the change, then `recordChange` reads it after and
 * records both in the audit log — all with the transaction's manager, so the entry is committed with the change.
 */
export interface AuditedRecord<S> {
  entityType: string;
  snapshot(m: EntityManager, id: string): Promise<S>;
  /** Reads the record after the change and records the audit entry; returns what it read. */
  recordChange(
    m: EntityManager,
    change: { operation: string; id: string; before: S | null; caller: Caller; note?: Record<string, unknown> },
  ): Promise<S>;
}

/**
 * An AuditedRecord read by `snapshotSql`, one statement with the record's id as `$1` (see `jsonList` for its lists).
 * `note` adds fields to what the entry keeps after the change (e.g. the reason given for it).
 */
export function auditedRecord<S extends object>(entityType: string, snapshotSql: string): AuditedRecord<S> {
  const snapshot = async (m: EntityManager, id: string): Promise<S> => {
    const [row] = (await m.query(snapshotSql, [id])) as S[];
    return row;
  };
  return {
    entityType,
    snapshot,
    async recordChange(m, { operation, id, before, caller, note }) {
      const after = await snapshot(m, id);
      await recordAudit(m, {
        operation,
        entityType,
        entityId: id,
        before,
        after: note ? { ...after, ...note } : after,
        caller,
      });
      return after;
    },
  };
}

/**
 * A JSON list of a record's links for a snapshot query: `COALESCE((SELECT json_agg(<value> ORDER BY <orderBy>) FROM
 * <from> WHERE <where>), '[]')` — an empty list rather than null when there is none.
 */
export function jsonList(value: string, from: string, where: string, orderBy: string): string {
  return `COALESCE((SELECT json_agg(${value} ORDER BY ${orderBy}) FROM ${from} WHERE ${where}), '[]')`;
}
