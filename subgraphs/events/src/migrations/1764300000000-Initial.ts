import type { MigrationInterface, QueryRunner } from "typeorm";
import { SOURCE_TABLE_DDL } from "@wsis/shared";

const KINDS = [
  "FORUM",
  "CONFERENCE",
  "ASSEMBLY",
  "MEETING",
  "SESSION",
  "CONSULTATION",
  "HIGH_LEVEL_MEETING",
  "SUBMISSION",
  "PREPARATORY_PROCESS",
];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(", ");

export class Initial1764300000000 implements MigrationInterface {
  name = "Initial1764300000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(SOURCE_TABLE_DDL);
    await q.query(`CREATE TABLE known_agency (
      id text PRIMARY KEY,
      name text NOT NULL,
      source_id text NOT NULL REFERENCES source(id)
    )`);
    await q.query(`CREATE TABLE known_action_line (
      code text PRIMARY KEY,
      parent_code text REFERENCES known_action_line(code),
      sort_order int NOT NULL,
      source_id text NOT NULL REFERENCES source(id)
    )`);
    await q.query(`CREATE TABLE roadmap_track (
      id text PRIMARY KEY,
      sort_order int NOT NULL UNIQUE,
      name text NOT NULL,
      title text NOT NULL,
      roadmap_text text NOT NULL,
      source_id text NOT NULL REFERENCES source(id)
    )`);
    await q.query(`CREATE TABLE event (
      id text PRIMARY KEY CHECK (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      sort_order int NOT NULL UNIQUE,
      timeline_year int NOT NULL,
      title text NOT NULL,
      kind text NOT NULL CHECK (kind IN (${list(KINDS)})),
      roadmap_text text NOT NULL,
      start_date text NOT NULL,
      start_precision text NOT NULL CHECK (start_precision IN ('DAY', 'MONTH', 'YEAR')),
      end_date text,
      end_precision text CHECK (end_precision IN ('DAY', 'MONTH', 'YEAR')),
      span_start date NOT NULL,
      span_end date NOT NULL,
      location text,
      format text CHECK (format IN ('IN_PERSON', 'HYBRID', 'VIRTUAL')),
      host_economy_code text,
      part_of_id text REFERENCES event(id),
      note text,
      dates_source_id text NOT NULL REFERENCES source(id),
      location_source_id text REFERENCES source(id),
      source_id text NOT NULL REFERENCES source(id),
      CHECK (span_start <= span_end),
      CHECK ((end_date IS NULL) = (end_precision IS NULL)),
      CHECK (location_source_id IS NOT NULL OR (location IS NULL AND format IS NULL AND host_economy_code IS NULL))
    )`);
    await q.query(`CREATE INDEX event_span_idx ON event (span_start, sort_order)`);
    await q.query(`CREATE INDEX event_timeline_year_idx ON event (timeline_year, sort_order)`);
    await q.query(`CREATE INDEX event_part_of_idx ON event (part_of_id)`);
    await q.query(`CREATE INDEX event_host_economy_idx ON event (host_economy_code)`);
    await q.query(`CREATE TABLE event_track (
      event_id text NOT NULL REFERENCES event(id) ON DELETE CASCADE,
      track_id text NOT NULL REFERENCES roadmap_track(id),
      position int NOT NULL,
      source_id text NOT NULL REFERENCES source(id),
      PRIMARY KEY (event_id, track_id)
    )`);
    await q.query(`CREATE INDEX event_track_track_idx ON event_track (track_id)`);
    await q.query(`CREATE TABLE event_organiser (
      event_id text NOT NULL REFERENCES event(id) ON DELETE CASCADE,
      agency_id text NOT NULL REFERENCES known_agency(id),
      role text NOT NULL CHECK (role IN ('ORGANISER', 'CO_ORGANISER', 'CHAIR')),
      position int NOT NULL,
      source_id text NOT NULL REFERENCES source(id),
      PRIMARY KEY (event_id, agency_id)
    )`);
    await q.query(`CREATE INDEX event_organiser_agency_idx ON event_organiser (agency_id)`);
    await q.query(`CREATE TABLE event_action_line (
      event_id text NOT NULL REFERENCES event(id) ON DELETE CASCADE,
      action_line_code text NOT NULL REFERENCES known_action_line(code),
      position int NOT NULL,
      source_id text NOT NULL REFERENCES source(id),
      PRIMARY KEY (event_id, action_line_code)
    )`);
    await q.query(`CREATE INDEX event_action_line_code_idx ON event_action_line (action_line_code)`);
    await q.query(`CREATE TABLE roadmap_expectation (
      event_id text NOT NULL REFERENCES event(id) ON DELETE CASCADE,
      position int NOT NULL,
      section text NOT NULL,
      label text,
      text text NOT NULL,
      source_id text NOT NULL REFERENCES source(id),
      PRIMARY KEY (event_id, position)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      "roadmap_expectation",
      "event_action_line",
      "event_organiser",
      "event_track",
      "event",
      "roadmap_track",
      "known_action_line",
      "known_agency",
      "source",
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
