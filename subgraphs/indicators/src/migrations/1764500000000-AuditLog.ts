import type { MigrationInterface, QueryRunner } from "typeorm";
import { AUDIT_LOG_DROP_DDL, AUDIT_LOG_TABLE_DDL } from "@wsis/shared";

/** The audit trail of this subgraph's writes (shared/src/audit): publications, imports and withdrawals of observations. */
export class AuditLog1764500000000 implements MigrationInterface {
  name = "AuditLog1764500000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(AUDIT_LOG_TABLE_DDL);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(AUDIT_LOG_DROP_DDL);
  }
}
