import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Publishing: numbered releases of each dataset, the history of every observation, the breakdown codes of each
 * indicator, and the idempotency keys of publications.
 *
 * - `observation` stays the table of current values (every unpinned read is unchanged and as fast as before); its new
 *   column `release` says which release of its dataset published the current value (1: the shipped data).
 * - `observation_revision` keeps each superseded or withdrawn version with the half-open range of releases
 *   [valid_from_release, valid_to_release) in which it was the published value. A read pinned to release n is the
 *   current rows with release <= n plus the revisions with valid_from_release <= n < valid_to_release: both are
 *   served by indexes that start with the read's own key (indicator, dataset, economy, year, breakdown).
 * - `dataset_release` numbers the publications of a dataset (1, 2, ...) with when, by whom (agency, token subject)
 *   and what (counts); `id` orders releases across datasets for `changes(since:)`.
 * - `indicator_breakdown_code`: the breakdown codes an indicator takes (publications are validated against them).
 * - `publication_request`: idempotency keys, with the hash of the payload and the result, in the database so every
 *   replica of the subgraph sees them.
 *
 * On a database seeded before this migration, release 1 of each dataset (the shipped data) and the breakdown codes
 * are derived from the rows already there; on a fresh database the seed writes them.
 */
/** The parents an observation (or a revision) refers to: its column, the parent table and the parent's key. */
const PARENTS = [
  ["indicator_code", "indicator", "code"],
  ["dataset_id", "dataset", "id"],
  ["economy_code", "economy", "code"],
  ["source_id", "source", "id"],
] as const;

const CHILDREN = ["observation", "observation_revision"] as const;

/**
 * Referential integrity for bulk loads. A foreign key checks (and locks) its parent row once per inserted row: four
 * index probes through SPI for each observation, which made a bulk import three times slower than the insert itself.
 * Here the same guarantee is checked once per statement, set-based, over the statement's transition table: the distinct
 * parents referenced (a few hundred for a million rows) are locked FOR KEY SHARE, as a foreign key locks them, so no
 * concurrent transaction can delete them before this one commits, and any that does not exist fails the statement
 * (SQLSTATE 23503, foreign_key_violation). On the parents' side, deleting (or re-keying) a row that an observation or a
 * revision still refers to fails the same way.
 */
const REFERENCES_DDL = [
  `CREATE FUNCTION observation_references_check() RETURNS trigger LANGUAGE plpgsql AS $$
   DECLARE
     refs record;
     missing text;
   BEGIN
     SELECT array_agg(DISTINCT r.indicator_code) AS indicators, array_agg(DISTINCT r.dataset_id) AS datasets,
            array_agg(DISTINCT r.economy_code) AS economies, array_agg(DISTINCT r.source_id) AS sources
       INTO refs
       FROM (SELECT DISTINCT indicator_code, dataset_id, economy_code, source_id FROM new_rows) r;
     IF refs.indicators IS NULL THEN RETURN NULL; END IF;
     PERFORM 1 FROM indicator WHERE code = ANY (refs.indicators) FOR KEY SHARE;
     PERFORM 1 FROM dataset WHERE id = ANY (refs.datasets) FOR KEY SHARE;
     PERFORM 1 FROM economy WHERE code = ANY (refs.economies) FOR KEY SHARE;
     PERFORM 1 FROM source WHERE id = ANY (refs.sources) FOR KEY SHARE;
     SELECT m INTO missing FROM (
       SELECT 'indicator ' || quote_literal(v) AS m FROM unnest(refs.indicators) v WHERE NOT EXISTS (SELECT 1 FROM indicator WHERE code = v)
       UNION ALL SELECT 'dataset ' || quote_literal(v) FROM unnest(refs.datasets) v WHERE NOT EXISTS (SELECT 1 FROM dataset WHERE id = v)
       UNION ALL SELECT 'economy ' || quote_literal(v) FROM unnest(refs.economies) v WHERE NOT EXISTS (SELECT 1 FROM economy WHERE code = v)
       UNION ALL SELECT 'source ' || quote_literal(v) FROM unnest(refs.sources) v WHERE NOT EXISTS (SELECT 1 FROM source WHERE id = v)
     ) x LIMIT 1;
     IF missing IS NOT NULL THEN
       RAISE EXCEPTION 'insert or update on table "%" refers to % which does not exist', TG_TABLE_NAME, missing
         USING ERRCODE = 'foreign_key_violation';
     END IF;
     RETURN NULL;
   END $$`,
  // TG_ARGV: the parent's key column, then the child column that refers to it.
  `CREATE FUNCTION observation_referenced_check() RETURNS trigger LANGUAGE plpgsql AS $$
   DECLARE
     still text;
   BEGIN
     EXECUTE format(
       'SELECT o.%1$I::text FROM old_rows o
         WHERE %3$s
           AND (EXISTS (SELECT 1 FROM observation x WHERE x.%2$I = o.%1$I)
                OR EXISTS (SELECT 1 FROM observation_revision x WHERE x.%2$I = o.%1$I))
         LIMIT 1',
       TG_ARGV[0], TG_ARGV[1],
       CASE WHEN TG_OP = 'UPDATE' THEN format('NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.%1$I = o.%1$I)', TG_ARGV[0]) ELSE 'true' END)
       INTO still;
     IF still IS NOT NULL THEN
       RAISE EXCEPTION '% on table "%" would leave observations without their %: % is still referred to', lower(TG_OP), TG_TABLE_NAME, TG_TABLE_NAME, quote_literal(still)
         USING ERRCODE = 'foreign_key_violation';
     END IF;
     RETURN NULL;
   END $$`,
  ...CHILDREN.flatMap((child) => [
    `CREATE TRIGGER ${child}_references_insert AFTER INSERT ON ${child}
       REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION observation_references_check()`,
    `CREATE TRIGGER ${child}_references_update AFTER UPDATE ON ${child}
       REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION observation_references_check()`,
  ]),
  ...PARENTS.flatMap(([column, parent, key]) => [
    `CREATE TRIGGER ${parent}_observations_delete AFTER DELETE ON ${parent}
       REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION observation_referenced_check('${key}', '${column}')`,
    `CREATE TRIGGER ${parent}_observations_update AFTER UPDATE ON ${parent}
       REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION observation_referenced_check('${key}', '${column}')`,
  ]),
];

const REFERENCE_TRIGGERS: Array<[string, string]> = [
  ...CHILDREN.flatMap((child): Array<[string, string]> => [
    [`${child}_references_insert`, child],
    [`${child}_references_update`, child],
  ]),
  ...PARENTS.flatMap(([, parent]): Array<[string, string]> => [
    [`${parent}_observations_delete`, parent],
    [`${parent}_observations_update`, parent],
  ]),
];

export class Publishing1764400000000 implements MigrationInterface {
  name = "Publishing1764400000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE dataset_release (
      dataset_id text NOT NULL REFERENCES dataset(id),
      number int NOT NULL CHECK (number >= 1),
      id bigserial NOT NULL UNIQUE,
      published_at timestamptz NOT NULL,
      published_by_agency text,
      published_by_subject text NOT NULL CHECK (published_by_subject <> ''),
      operation text NOT NULL CHECK (operation IN ('SEED', 'PUBLISH', 'IMPORT', 'WITHDRAW')),
      note text,
      source_id text NOT NULL REFERENCES source(id),
      rows_read int NOT NULL DEFAULT 0 CHECK (rows_read >= 0),
      inserted int NOT NULL DEFAULT 0 CHECK (inserted >= 0),
      revised int NOT NULL DEFAULT 0 CHECK (revised >= 0),
      withdrawn int NOT NULL DEFAULT 0 CHECK (withdrawn >= 0),
      unchanged int NOT NULL DEFAULT 0 CHECK (unchanged >= 0),
      PRIMARY KEY (dataset_id, number)
    )`);
    // changes(since:): the releases published after a moment, in order.
    await q.query(`CREATE INDEX dataset_release_published_idx ON dataset_release (published_at, id)`);

    // Existing rows were published by release 1 (the default also serves the seed, which writes release 1 only).
    await q.query(`ALTER TABLE observation ADD COLUMN release int NOT NULL DEFAULT 1 CHECK (release >= 1)`);
    // changes(since:): the current values a release published. A release's rows are written together, so they sit in
    // a few block ranges of the table: a BRIN index finds them and costs next to nothing to keep up during a bulk insert
    // (a btree would add a fourth tree to maintain for every row inserted).
    await q.query(
      `CREATE INDEX observation_release_idx ON observation USING brin (release) WITH (pages_per_range = 16)`,
    );

    await q.query(`CREATE TABLE observation_revision (
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
      valid_from_release int NOT NULL CHECK (valid_from_release >= 1),
      valid_to_release int NOT NULL,
      withdrawn boolean NOT NULL,
      PRIMARY KEY (indicator_code, dataset_id, economy_code, year, breakdown_key, valid_from_release),
      CHECK (valid_to_release > valid_from_release),
      CHECK (value = value_text::numeric)
    )`);
    // changes(since:): the versions a release replaced or withdrew, and those it published that were replaced since.
    await q.query(`CREATE INDEX observation_revision_to_idx ON observation_revision (dataset_id, valid_to_release)`);
    await q.query(
      `CREATE INDEX observation_revision_from_idx ON observation_revision (dataset_id, valid_from_release)`,
    );

    // Referential integrity of observation and observation_revision, checked once per statement instead of once per row.
    for (const sql of REFERENCES_DDL) await q.query(sql);
    for (const fk of ["indicator_code", "dataset_id", "economy_code", "source_id"]) {
      await q.query(`ALTER TABLE observation DROP CONSTRAINT observation_${fk}_fkey`);
    }

    await q.query(`CREATE TABLE indicator_breakdown_code (
      indicator_code text NOT NULL REFERENCES indicator(code),
      dimension text NOT NULL CHECK (dimension IN ('age', 'location', 'sex', 'speed')),
      code text NOT NULL CHECK (code ~ '^[A-Z0-9_]+$'),
      source_id text NOT NULL REFERENCES source(id),
      PRIMARY KEY (indicator_code, dimension, code)
    )`);

    await q.query(`CREATE TABLE publication_request (
      agency text NOT NULL,
      idempotency_key text NOT NULL,
      operation text NOT NULL,
      payload_sha256 text NOT NULL CHECK (payload_sha256 ~ '^[0-9a-f]{64}$'),
      result jsonb NOT NULL,
      subject text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (agency, idempotency_key)
    )`);

    // A database seeded before this migration: its data is release 1 of each dataset.
    await q.query(`INSERT INTO dataset_release
        (dataset_id, number, published_at, published_by_agency, published_by_subject, operation, note, source_id, rows_read, inserted)
      SELECT d.id, 1, COALESCE(d.release_date::timestamptz, now()), d.publisher_agency_id, 'seed', 'SEED',
             'Release 1: the data files shipped with the hub (data/SOURCES.md), loaded by the seed', d.source_id, n.rows, n.rows
        FROM dataset d
        JOIN (SELECT dataset_id, count(*)::int AS rows FROM observation GROUP BY dataset_id) n ON n.dataset_id = d.id
       ORDER BY d.id`);
    for (const dimension of ["age", "location", "sex", "speed"]) {
      await q.query(`INSERT INTO indicator_breakdown_code (indicator_code, dimension, code, source_id)
        SELECT DISTINCT ON (indicator_code, ${dimension}) indicator_code, '${dimension}', ${dimension}, source_id
          FROM observation WHERE ${dimension} IS NOT NULL
         ORDER BY indicator_code, ${dimension}, source_id`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      "publication_request",
      "indicator_breakdown_code",
      "observation_revision",
      "dataset_release",
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    for (const [trigger, table] of REFERENCE_TRIGGERS) await q.query(`DROP TRIGGER IF EXISTS ${trigger} ON ${table}`);
    await q.query(`DROP FUNCTION IF EXISTS observation_references_check(), observation_referenced_check()`);
    await q.query(`ALTER TABLE observation ADD FOREIGN KEY (indicator_code) REFERENCES indicator(code),
      ADD FOREIGN KEY (dataset_id) REFERENCES dataset(id), ADD FOREIGN KEY (economy_code) REFERENCES economy(code),
      ADD FOREIGN KEY (source_id) REFERENCES source(id)`);
    await q.query(`DROP INDEX IF EXISTS observation_release_idx`);
    await q.query(`ALTER TABLE observation DROP COLUMN IF EXISTS release`);
  }
}
