import type { MigrationInterface, QueryRunner } from "typeorm";

/** Reports created through the hub: their catalogue position comes after every seeded report. */
export class ReportWrites1764500000001 implements MigrationInterface {
  name = "ReportWrites1764500000001";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE report_created_sort_order_seq START WITH 1000000`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SEQUENCE IF EXISTS report_created_sort_order_seq`);
  }
}
