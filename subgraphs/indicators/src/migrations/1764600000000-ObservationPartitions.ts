import type { MigrationInterface, QueryRunner } from "typeorm";
import { OBSERVATION_INDEXES } from "../observation/observation.indexes";

/**
 * `observation` becomes a table partitioned by dataset (LIST on dataset_id), so that a bulk import into a new dataset
 * can be loaded into a table of its own, indexed once at the end (a sort per index, not a btree insertion per row and
 * per index) and attached as that dataset's partition — what a million-row import needs. Every existing row, and
 * every dataset without a partition of its own, is in the default partition `observation_default`; reads are
 * unchanged (each query names its dataset, so it reads one partition through the same indexes).
 *
 * The table keeps its name, columns, checks, the names of its primary key and indexes, and the statement-level
 * reference checks of the Publishing migration.
 */
export class ObservationPartitions1764600000000 implements MigrationInterface {
  name = "ObservationPartitions1764600000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER observation_references_insert ON observation`);
    await q.query(`DROP TRIGGER observation_references_update ON observation`);
    await q.query(`ALTER TABLE observation RENAME TO observation_unpartitioned`);
    for (const suffix of Object.keys(OBSERVATION_INDEXES)) {
      await q.query(`ALTER INDEX observation_${suffix} RENAME TO observation_unpartitioned_${suffix}`);
    }
    await q.query(`CREATE TABLE observation (
      indicator_code text NOT NULL,
      dataset_id text NOT NULL,
      economy_code text NOT NULL,
      year int NOT NULL CHECK (year BETWEEN 1900 AND 2100),
      breakdown_key text NOT NULL,
      sex text,
      age text,
      speed text,
      location text,
      value numeric NOT NULL,
      value_text text NOT NULL CHECK (value_text ~ '^-?[0-9]+(\\.[0-9]+)?$'),
      unit_code text,
      nature text,
      footnote text,
      source_area_code text NOT NULL,
      source_id text NOT NULL,
      release int NOT NULL DEFAULT 1 CHECK (release >= 1),
      CHECK (value = value_text::numeric)
    ) PARTITION BY LIST (dataset_id)`);
    await q.query(`ALTER TABLE observation ADD CONSTRAINT observation_pkey ${OBSERVATION_INDEXES.pkey}`);
    for (const suffix of ["latest_idx", "economy_idx", "release_idx"] as const) {
      await q.query(`CREATE INDEX observation_${suffix} ON observation ${OBSERVATION_INDEXES[suffix]}`);
    }
    await q.query(`CREATE TABLE observation_default PARTITION OF observation DEFAULT`);
    await q.query(`INSERT INTO observation SELECT
        indicator_code, dataset_id, economy_code, year, breakdown_key, sex, age, speed, location, value, value_text, unit_code,
        nature, footnote, source_area_code, source_id, release
      FROM observation_unpartitioned`);
    await q.query(`DROP TABLE observation_unpartitioned`);
    await q.query(`CREATE TRIGGER observation_references_insert AFTER INSERT ON observation
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION observation_references_check()`);
    await q.query(`CREATE TRIGGER observation_references_update AFTER UPDATE ON observation
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION observation_references_check()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER observation_references_insert ON observation`);
    await q.query(`DROP TRIGGER observation_references_update ON observation`);
    await q.query(`ALTER TABLE observation RENAME TO observation_partitioned`);
    for (const suffix of Object.keys(OBSERVATION_INDEXES)) {
      await q.query(`ALTER INDEX observation_${suffix} RENAME TO observation_partitioned_${suffix}`);
    }
    await q.query(`CREATE TABLE observation (LIKE observation_partitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
    await q.query(`ALTER TABLE observation ADD CONSTRAINT observation_pkey ${OBSERVATION_INDEXES.pkey}`);
    for (const suffix of ["latest_idx", "economy_idx", "release_idx"] as const) {
      await q.query(`CREATE INDEX observation_${suffix} ON observation ${OBSERVATION_INDEXES[suffix]}`);
    }
    await q.query(`INSERT INTO observation SELECT * FROM observation_partitioned`);
    await q.query(`DROP TABLE observation_partitioned`);
    await q.query(`CREATE TRIGGER observation_references_insert AFTER INSERT ON observation
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION observation_references_check()`);
    await q.query(`CREATE TRIGGER observation_references_update AFTER UPDATE ON observation
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION observation_references_check()`);
  }
}
