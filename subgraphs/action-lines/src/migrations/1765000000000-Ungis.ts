import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * UNGIS: the part each agency plays in the United Nations Group on the Information Society over the years a source
 * names it (chair, vice-chair, member, secretariat), with the source's words and whether the source is primary.
 */
export class Ungis1765000000000 implements MigrationInterface {
  name = "Ungis1765000000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ungis_role (
      agency_id text NOT NULL REFERENCES agency(id),
      role text NOT NULL CHECK (role IN ('CHAIR', 'VICE_CHAIR', 'MEMBER', 'SECRETARIAT')),
      from_year int NOT NULL CHECK (from_year BETWEEN 1000 AND 9999),
      to_year int CHECK (to_year >= from_year AND to_year <= 9999),
      verified boolean NOT NULL,
      quote text,
      note text,
      source_id text NOT NULL REFERENCES source(id),
      PRIMARY KEY (agency_id, role, from_year, source_id)
    )`);
    await q.query(`CREATE INDEX ungis_role_years_idx ON ungis_role (from_year, (COALESCE(to_year, from_year)))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS ungis_role`);
  }
}
