import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Data quality and the choice of default datasets (#12):
 *
 * - `observation_quality_flag`: the quality rules an observation breaks (src/quality/quality.rules.ts), one row per
 *   observation and rule, with the release of the value checked and a message. The seed and every publication keep it
 *   up to date, so reading the flags of a page, or a dataset's quality report, is one statement.
 * - `indicator_dataset` gains what the default-dataset rule (src/dataset/dataset-choice.ts) computes per dataset of an
 *   indicator: its latest complete year, the countries it covers in that year, its rank among the indicator's datasets
 *   (1: the default), whether it publishes aggregates, and the breakdown keys it has. `indicator.aggregate_dataset_id`
 *   is the best-ranked dataset with aggregates (served when a read asks for aggregates only).
 * - Area code 57 of the UN SDG database's ITU series is the Federated States of Micronesia (M49 583), not the
 *   sub-region Micronesia (057): rows seeded under 057 from those files move to FSM (data/SOURCES.md).
 */
export class DataQuality1764700000000 implements MigrationInterface {
  name = "DataQuality1764700000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE observation_quality_flag (
      indicator_code text NOT NULL,
      dataset_id text NOT NULL,
      economy_code text NOT NULL,
      year int NOT NULL,
      breakdown_key text NOT NULL,
      rule text NOT NULL CHECK (rule ~ '^[A-Z][A-Z0-9_]*$'),
      release int NOT NULL CHECK (release >= 1),
      message text NOT NULL,
      -- in the order of Dataset.qualityReport: a dataset's flags by rule, in key order
      PRIMARY KEY (dataset_id, rule, indicator_code, economy_code, year, breakdown_key)
    )`);
    // The flags of an observation (Observation.qualityFlags), and a publication's refresh: the flags of the (indicator,
    // economy, year) it touched, in every dataset. Two indexes in all: a large publication writes every flag into both.
    await q.query(
      `CREATE INDEX observation_quality_flag_scope_idx ON observation_quality_flag (indicator_code, economy_code, year)`,
    );

    await q.query(`ALTER TABLE indicator_dataset
      ADD COLUMN rank int CHECK (rank >= 1),
      ADD COLUMN latest_complete_year int,
      ADD COLUMN economies_in_latest_year int NOT NULL DEFAULT 0,
      ADD COLUMN has_aggregates boolean NOT NULL DEFAULT false,
      ADD COLUMN breakdown_keys text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE indicator ADD COLUMN aggregate_dataset_id text REFERENCES dataset(id)`);

    for (const table of ["observation", "observation_revision"]) {
      await q.query(
        `UPDATE ${table} SET economy_code = 'FSM'
          WHERE economy_code = '057' AND source_area_code = '57' AND source_id LIKE 'file:unsd\\_sdg\\_it\\_%'
            AND EXISTS (SELECT 1 FROM economy WHERE code = 'FSM')`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["observation", "observation_revision"]) {
      await q.query(
        `UPDATE ${table} SET economy_code = '057'
          WHERE economy_code = 'FSM' AND source_area_code = '57' AND source_id LIKE 'file:unsd\\_sdg\\_it\\_%'`,
      );
    }
    await q.query(`ALTER TABLE indicator DROP COLUMN aggregate_dataset_id`);
    await q.query(`ALTER TABLE indicator_dataset DROP COLUMN rank, DROP COLUMN latest_complete_year, DROP COLUMN economies_in_latest_year,
      DROP COLUMN has_aggregates, DROP COLUMN breakdown_keys`);
    await q.query(`DROP TABLE observation_quality_flag`);
  }
}
