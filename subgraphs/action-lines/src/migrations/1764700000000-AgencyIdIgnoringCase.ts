import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Agency ids are case-insensitive on input (`agency(id: "itu")`): no two ids may differ only by case, and the lookup by
 * lower(id) has an index.
 */
export class AgencyIdIgnoringCase1764700000000 implements MigrationInterface {
  name = "AgencyIdIgnoringCase1764700000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX agency_id_lower_key ON agency (lower(id))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS agency_id_lower_key`);
  }
}
