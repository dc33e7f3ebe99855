import { recordAudits } from "@wsis/shared";
import type { EntityManager } from "typeorm";
import type { AuditEntryInput } from "./publication.types";

/**
 * Records a publication in the subgraph's audit trail (shared recordAudits, table audit_log), with the manager of the
 * publication's transaction: the entries are committed with the change or not at all. One entry for the release (who,
 * when, counts, what the rows came from), and for the bounded API writes one per observation changed (before/after).
 */
export async function auditTrail(manager: EntityManager, entries: AuditEntryInput[]): Promise<void> {
  await recordAudits(manager, entries);
}
