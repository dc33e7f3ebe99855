import type { MigrationInterface, QueryRunner } from "typeorm";
import { SOURCE_TABLE_DDL } from "@wsis/shared";

/**
 * Economies, indicators, datasets and observations.
 *
 * An observation is keyed by (indicator, dataset, economy, year, breakdown key): two sources of the same indicator are
 * two datasets, and a later release or revision of a source is a new dataset row (its `release` says which), so
 * neither needs a change of this key. The value is kept twice: `value_text` exactly as the source wrote it and `value`
 * as an exact `numeric` for ordering and aggregation (a CHECK keeps them equal).
 */
export class Initial1764300000000 implements MigrationInterface {
  name = "Initial1764300000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(SOURCE_TABLE_DDL);
    await q.query(`CREATE TABLE economy (
      code text PRIMARY KEY,
      m49 text NOT NULL UNIQUE CHECK (m49 ~ '^[0-9]{3}$'),
      iso2 text,
      iso3 text UNIQUE,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('COUNTRY', 'AGGREGATE')),
      region text,
      sub_region text,
      intermediate_region text,
      membership_known boolean NOT NULL DEFAULT false,
      membership_source_id text REFERENCES source(id),
      membership_note text,
      source_id text NOT NULL REFERENCES source(id)
    )`);
    await q.query(`CREATE INDEX economy_kind_name_idx ON economy (kind, name)`);
    await q.query(`CREATE TABLE economy_member (
      aggregate_code text NOT NULL REFERENCES economy(code),
      member_code text NOT NULL REFERENCES economy(code),
      source_id text NOT NULL REFERENCES source(id),
      PRIMARY KEY (aggregate_code, member_code)
    )`);
    await q.query(`CREATE INDEX economy_member_member_idx ON economy_member (member_code)`);
    await q.query(`CREATE TABLE dataset (
      id text PRIMARY KEY,
      title text NOT NULL,
      publisher text NOT NULL,
      publisher_agency_id text,
      release text NOT NULL,
      release_date date,
      licence text NOT NULL,
      citation text NOT NULL,
      url text,
      note text,
      source_id text NOT NULL REFERENCES source(id)
    )`);
    await q.query(`CREATE TABLE indicator (
      code text PRIMARY KEY,
      sort_order int NOT NULL UNIQUE,
      name text NOT NULL,
      unit text NOT NULL,
      description text,
      definition text,
      wdi_code text,
      unsd_series_code text,
      itu_datahub_code text,
      custodian_agency_id text,
      default_dataset_id text NOT NULL REFERENCES dataset(id),
      source_id text NOT NULL REFERENCES source(id)
    )`);
    await q.query(`CREATE TABLE indicator_sdg (
      indicator_code text NOT NULL REFERENCES indicator(code),
      sdg_indicator_code text NOT NULL,
      sdg_target_code text,
      source_id text NOT NULL REFERENCES source(id),
      PRIMARY KEY (indicator_code, sdg_indicator_code)
    )`);
    await q.query(`CREATE INDEX indicator_sdg_sdg_idx ON indicator_sdg (sdg_indicator_code)`);
    await q.query(`CREATE INDEX indicator_custodian_idx ON indicator (custodian_agency_id)`);
    await q.query(`CREATE TABLE indicator_dataset (
      indicator_code text NOT NULL REFERENCES indicator(code),
      dataset_id text NOT NULL REFERENCES dataset(id),
      series_code text,
      file text NOT NULL,
      last_updated date,
      source_id text NOT NULL REFERENCES source(id),
      PRIMARY KEY (indicator_code, dataset_id)
    )`);
    await q.query(`CREATE TABLE observation (
      indicator_code text NOT NULL REFERENCES indicator(code),
      dataset_id text NOT NULL REFERENCES dataset(id),
      economy_code text NOT NULL REFERENCES economy(code),
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
      source_id text NOT NULL REFERENCES source(id),
      PRIMARY KEY (indicator_code, dataset_id, economy_code, year, breakdown_key),
      CHECK (value = value_text::numeric)
    )`);
    // The map view: the latest year per economy of one indicator, dataset and breakdown (DISTINCT ON economy, year DESC).
    await q.query(
      `CREATE INDEX observation_latest_idx ON observation (indicator_code, dataset_id, breakdown_key, economy_code, year DESC)`,
    );
    // The economy profile: the latest value of every indicator for a few economies.
    await q.query(
      `CREATE INDEX observation_economy_idx ON observation (economy_code, breakdown_key, indicator_code, dataset_id, year DESC)`,
    );
    await q.query(`CREATE TABLE population (
      economy_code text NOT NULL REFERENCES economy(code),
      year int NOT NULL,
      value bigint NOT NULL CHECK (value >= 0),
      source_id text NOT NULL REFERENCES source(id),
      PRIMARY KEY (economy_code, year)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      "population",
      "observation",
      "indicator_dataset",
      "indicator_sdg",
      "indicator",
      "dataset",
      "economy_member",
      "economy",
      "source",
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
