import type { MigrationInterface, QueryRunner } from "typeorm";
import { SOURCE_TABLE_DDL } from "@wsis/shared";

// The values as of this migration (not imported from the enums: a migration must not change when the code does).
const KIND_VALUES = [
  "PROGRESS_REPORT",
  "ACTION_LINE_REVIEW",
  "STAKEHOLDER_REPORT",
  "NATIONAL_REVIEW",
  "STOCKTAKING_REPORT",
  "STOCKTAKING_SUCCESS_STORIES",
  "UNGIS_REVIEW",
  "CONTRIBUTIONS_2030_AGENDA",
].map((k) => `'${k}'`);
const KINDS = `(${KIND_VALUES.join(", ")})`;
const KIND_ARRAY = `ARRAY[${KIND_VALUES.join(", ")}]::text[]`;
const STATUSES = `('PLANNED', 'DRAFTING', 'SUBMITTED', 'PUBLISHED', 'WITHDRAWN')`;
/** ISO 8601 calendar date of reduced precision: YYYY, YYYY-MM or YYYY-MM-DD. */
const PARTIAL_DATE = `'^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'`;
const SLUG = `'^[a-z0-9]+(-[a-z0-9]+)*$'`;

export class Initial1764400000000 implements MigrationInterface {
  name = "Initial1764400000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(SOURCE_TABLE_DDL);
    await q.query(`CREATE TABLE report_series (
      id text PRIMARY KEY CHECK (id ~ ${SLUG}),
      kind text NOT NULL UNIQUE CHECK (kind IN ${KINDS}),
      position int NOT NULL,
      title text NOT NULL,
      catalogue_text text NOT NULL,
      quotes text[] NOT NULL DEFAULT '{}',
      source_id text NOT NULL REFERENCES source(id),
      UNIQUE (id, kind)
    )`);
    // Agencies, action lines, economies, indicators and events belong to other subgraphs: their codes are kept as text,
    // without foreign keys (no subgraph reads another's tables).
    await q.query(`CREATE TABLE report (
      id text PRIMARY KEY CHECK (id ~ ${SLUG}),
      series_id text NOT NULL,
      kind text NOT NULL CHECK (kind IN ${KINDS}),
      sort_order int NOT NULL,
      title text NOT NULL,
      status text NOT NULL DEFAULT 'PLANNED' CHECK (status IN ${STATUSES}),
      stakeholder_group text CHECK (stakeholder_group IN ('CIVIL_SOCIETY', 'PRIVATE_SECTOR', 'ACADEMIA', 'TECHNICAL_COMMUNITY')),
      economy_code text,
      due_date text CHECK (due_date ~ ${PARTIAL_DATE}),
      submitted_date text CHECK (submitted_date ~ ${PARTIAL_DATE}),
      published_date text CHECK (published_date ~ ${PARTIAL_DATE}),
      note text,
      source_id text NOT NULL REFERENCES source(id),
      FOREIGN KEY (series_id, kind) REFERENCES report_series(id, kind)
    )`);
    await q.query(`CREATE INDEX report_order_idx ON report (sort_order, id)`);
    await q.query(`CREATE INDEX report_kind_idx ON report (kind)`);
    await q.query(`CREATE INDEX report_status_idx ON report (status)`);
    await q.query(`CREATE INDEX report_series_idx ON report (series_id)`);
    await q.query(`CREATE INDEX report_economy_idx ON report (economy_code)`);
    await q.query(`CREATE TABLE report_agency (
      report_id text NOT NULL REFERENCES report(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('COORDINATOR', 'AUTHOR')),
      agency_id text NOT NULL,
      position int NOT NULL,
      verified boolean NOT NULL,
      quotes text[] NOT NULL DEFAULT '{}',
      source_id text NOT NULL REFERENCES source(id),
      PRIMARY KEY (report_id, role, agency_id)
    )`);
    await q.query(`CREATE INDEX report_agency_agency_idx ON report_agency (agency_id)`);
    await q.query(`CREATE TABLE report_action_line (
      report_id text NOT NULL REFERENCES report(id) ON DELETE CASCADE,
      action_line_code text NOT NULL,
      position int NOT NULL,
      source_id text NOT NULL REFERENCES source(id),
      PRIMARY KEY (report_id, action_line_code)
    )`);
    await q.query(`CREATE INDEX report_action_line_code_idx ON report_action_line (action_line_code)`);
    await q.query(`CREATE TABLE report_indicator (
      report_id text NOT NULL REFERENCES report(id) ON DELETE CASCADE,
      indicator_code text NOT NULL,
      position int NOT NULL,
      source_id text NOT NULL REFERENCES source(id),
      PRIMARY KEY (report_id, indicator_code)
    )`);
    await q.query(`CREATE INDEX report_indicator_code_idx ON report_indicator (indicator_code)`);
    await q.query(`CREATE TABLE report_event (
      report_id text NOT NULL REFERENCES report(id) ON DELETE CASCADE,
      event_id text NOT NULL,
      role text NOT NULL CHECK (role IN ('INITIAL_COORDINATION', 'PREPARED_TOWARDS', 'DUE', 'PRESENTED')),
      quotes text[] NOT NULL DEFAULT '{}',
      source_id text NOT NULL REFERENCES source(id),
      PRIMARY KEY (report_id, event_id, role)
    )`);
    await q.query(`CREATE INDEX report_event_event_idx ON report_event (event_id)`);
    await q.query(`CREATE TABLE report_status_change (
      id bigserial PRIMARY KEY,
      report_id text NOT NULL REFERENCES report(id) ON DELETE CASCADE,
      from_status text NOT NULL CHECK (from_status IN ${STATUSES}),
      to_status text NOT NULL CHECK (to_status IN ${STATUSES}),
      at timestamptz NOT NULL DEFAULT now(),
      by_agency text NOT NULL,
      by_subject text NOT NULL,
      note text
    )`);
    await q.query(`CREATE INDEX report_status_change_report_idx ON report_status_change (report_id, at, id)`);
    await q.query(`CREATE TABLE report_template (
      id text PRIMARY KEY CHECK (id ~ ${SLUG}),
      position int NOT NULL,
      title text NOT NULL,
      prepared_by text,
      draft boolean NOT NULL,
      event_id text,
      report_kinds text[] NOT NULL CHECK (report_kinds <@ ${KIND_ARRAY}),
      seed_text text[] NOT NULL DEFAULT '{}',
      source_id text NOT NULL REFERENCES source(id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      "report_template",
      "report_status_change",
      "report_event",
      "report_indicator",
      "report_action_line",
      "report_agency",
      "report",
      "report_series",
      "source",
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
