/**
 * The audit trail: every write records who (agency, subject, scopes), when, through which operation, on which record,
 * and the record before and after, in the subgraph's own `audit_log` table, in the SAME transaction as the change.
 *
 * Usage in a subgraph:
 * 1. A new migration: `await q.query(AUDIT_LOG_TABLE_DDL)` (down: `await q.query(AUDIT_LOG_DROP_DDL)`), and
 *    `AuditEntry` in the data source's entities.
 * 2. In a write, with the transaction's manager:
 *      await ds.transaction(async (m) => {
 *        const before = ...; // the record as it was (null for a creation)
 *        ... change it with m ...
 *        await recordAudit(m, { operation: "updateEvent", entityType: "Event", entityId: id, before, after, caller: ctx.caller });
 *      });
 *    (`recordAudits(m, [...])` records many changes in one statement; `requestId` defaults to the current request's.)
 *    It refuses a null caller (UNAUTHENTICATED): check authorization before writing anything.
 * 3. Reading, admin scope only: `auditLog: new AuditLogReader(ds)` in the per-request loaders, and the classes of
 *    `createAuditLogResolvers("events", "The events subgraph's audit trail")` in the schema's resolvers. Clients ask
 *    `{ auditLog { events(filter: { entityType: "Event", entityId: "wsis-forum-2025" }, first: 10) { edges { node {
 *    at operation agency subject before after } } } } }`.
 */
export * from "./audit-entry.entity";
export * from "./record-audit";
export * from "./audit-log";
