import type { MigrationInterface, QueryRunner } from "typeorm";
import { AUDIT_LOG_DROP_DDL, AUDIT_LOG_TABLE_DDL, SOURCE_TABLE_DDL } from "@wsis/shared";

// The values as of this migration (not imported from the enums: a migration must not change when the code does).
const list = (values: string[]) => `(${values.map((v) => `'${v}'`).join(", ")})`;
const STAKEHOLDER_TYPES = list([
  "GOVERNMENT",
  "PRIVATE_SECTOR",
  "CIVIL_SOCIETY",
  "ACADEMIA",
  "INTERNATIONAL_ORGANIZATION",
  "TECHNICAL_COMMUNITY",
  "OTHER",
]);
const STATUSES = list(["SUBMITTED", "UNDER_REVIEW", "PUBLISHED", "REJECTED"]);
const PHASES = list(["SUBMISSION", "NOMINATION", "ONLINE_VOTING", "CEREMONY"]);
const FIGURES = list([
  "SUBMISSIONS",
  "COUNTRIES",
  "VOTES",
  "NOMINATED_PROJECTS",
  "FINALISTS_PER_CATEGORY",
  "WINNERS",
  "CHAMPIONS",
  "CATEGORIES",
  "STAKEHOLDERS_SINCE_INCEPTION",
]);
/** ISO 8601 calendar date of reduced precision: YYYY, YYYY-MM or YYYY-MM-DD. */
const PARTIAL_DATE = `'^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'`;

/**
 * The stocktaking subgraph: Stocktaking entries (with their action lines, economies and SDG goals, kept as the owners'
 * codes), their full-text search (a generated tsvector over title and description, GIN-indexed), moderation, the
 * idempotency keys of writes, the WSIS Prizes (cycles, phases, categories, figures, awards), sources and the audit trail.
 */
export class Initial1765100000000 implements MigrationInterface {
  name = "Initial1765100000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(SOURCE_TABLE_DDL);
    await q.query(AUDIT_LOG_TABLE_DDL);
    await q.query(`CREATE SEQUENCE stocktaking_entry_id_seq`);
    await q.query(`CREATE TABLE stocktaking_entry (
      id bigint PRIMARY KEY DEFAULT nextval('stocktaking_entry_id_seq'),
      title text NOT NULL CHECK (title <> ''),
      description text NOT NULL CHECK (description <> ''),
      organisation text NOT NULL CHECK (organisation <> ''),
      stakeholder_type text NOT NULL CHECK (stakeholder_type IN ${STAKEHOLDER_TYPES}),
      start_date text CHECK (start_date ~ ${PARTIAL_DATE}),
      end_date text CHECK (end_date ~ ${PARTIAL_DATE}),
      start_year int GENERATED ALWAYS AS (CAST(substr(start_date, 1, 4) AS int)) STORED,
      status text NOT NULL DEFAULT 'SUBMITTED' CHECK (status IN ${STATUSES}),
      rejection_reason text,
      url text CHECK (url ~ '^https?://'),
      submitted_by_agency text NOT NULL,
      submitted_by_subject text NOT NULL,
      submitted_at timestamptz NOT NULL DEFAULT now(),
      review_started_at timestamptz,
      published_at timestamptz,
      rejected_at timestamptz,
      source_id text NOT NULL REFERENCES source(id),
      search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', description), 'B')
      ) STORED,
      CHECK (end_date IS NULL OR start_date IS NOT NULL),
      CHECK ((status = 'PUBLISHED') = (published_at IS NOT NULL)),
      CHECK ((status = 'REJECTED') = (rejected_at IS NOT NULL AND rejection_reason IS NOT NULL)),
      CHECK (status = 'SUBMITTED' OR review_started_at IS NOT NULL)
    )`);
    await q.query(`ALTER SEQUENCE stocktaking_entry_id_seq OWNED BY stocktaking_entry.id`);
    await q.query(`CREATE INDEX stocktaking_entry_search_idx ON stocktaking_entry USING GIN (search)`);
    await q.query(`CREATE INDEX stocktaking_entry_status_idx ON stocktaking_entry (status, id)`);
    await q.query(`CREATE INDEX stocktaking_entry_agency_idx ON stocktaking_entry (submitted_by_agency, id)`);
    await q.query(`CREATE INDEX stocktaking_entry_start_year_idx ON stocktaking_entry (start_year)`);
    await q.query(`CREATE INDEX stocktaking_entry_stakeholder_idx ON stocktaking_entry (stakeholder_type)`);
    for (const [table, column] of [
      ["stocktaking_entry_action_line", "action_line_code"],
      ["stocktaking_entry_economy", "economy_code"],
      ["stocktaking_entry_sdg_goal", "goal_code"],
    ]) {
      await q.query(`CREATE TABLE ${table} (
        entry_id bigint NOT NULL REFERENCES stocktaking_entry(id) ON DELETE CASCADE,
        ${column} text NOT NULL,
        position int NOT NULL,
        PRIMARY KEY (entry_id, ${column})
      )`);
      await q.query(`CREATE INDEX ${table}_code_idx ON ${table} (${column}, entry_id)`);
    }
    await q.query(`CREATE TABLE write_request (
      agency text NOT NULL,
      idempotency_key text NOT NULL,
      operation text NOT NULL,
      payload_sha256 text NOT NULL CHECK (payload_sha256 ~ '^[0-9a-f]{64}$'),
      result jsonb,
      subject text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (agency, idempotency_key)
    )`);

    await q.query(`CREATE TABLE prize_cycle (
      year int PRIMARY KEY CHECK (year BETWEEN 2000 AND 9999),
      title text NOT NULL,
      verified boolean NOT NULL,
      note text,
      source_id text NOT NULL REFERENCES source(id),
      edited_at timestamptz
    )`);
    await q.query(`CREATE TABLE prize_phase (
      cycle_year int NOT NULL REFERENCES prize_cycle(year) ON DELETE CASCADE,
      position int NOT NULL,
      phase text NOT NULL CHECK (phase IN ${PHASES}),
      label text NOT NULL,
      start_date text CHECK (start_date ~ ${PARTIAL_DATE}),
      end_date text CHECK (end_date ~ ${PARTIAL_DATE}),
      event_id text,
      place text,
      verified boolean NOT NULL,
      quote text,
      note text,
      source_id text NOT NULL REFERENCES source(id),
      PRIMARY KEY (cycle_year, position),
      CHECK (end_date IS NULL OR start_date IS NOT NULL)
    )`);
    await q.query(`CREATE TABLE prize_category (
      cycle_year int NOT NULL REFERENCES prize_cycle(year) ON DELETE CASCADE,
      category_key text NOT NULL,
      position int NOT NULL,
      name text NOT NULL,
      name_verified boolean NOT NULL,
      name_source_id text NOT NULL REFERENCES source(id),
      verified boolean NOT NULL,
      note text,
      source_id text NOT NULL REFERENCES source(id),
      PRIMARY KEY (cycle_year, category_key)
    )`);
    await q.query(`CREATE TABLE prize_figure (
      cycle_year int NOT NULL REFERENCES prize_cycle(year) ON DELETE CASCADE,
      position int NOT NULL,
      kind text NOT NULL CHECK (kind IN ${FIGURES}),
      value int NOT NULL CHECK (value >= 0),
      qualifier text NOT NULL CHECK (qualifier IN ('EXACT', 'MORE_THAN')),
      planned boolean NOT NULL,
      verified boolean NOT NULL,
      quote text,
      note text,
      source_id text NOT NULL REFERENCES source(id),
      PRIMARY KEY (cycle_year, position)
    )`);
    await q.query(`CREATE TABLE prize_award (
      id bigserial PRIMARY KEY,
      cycle_year int NOT NULL,
      category_key text NOT NULL,
      rank text NOT NULL CHECK (rank IN ('WINNER', 'CHAMPION')),
      entry_id bigint NOT NULL REFERENCES stocktaking_entry(id),
      verified boolean NOT NULL,
      announcement_url text CHECK (announcement_url ~ '^https?://'),
      note text,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      source_id text NOT NULL REFERENCES source(id),
      FOREIGN KEY (cycle_year, category_key) REFERENCES prize_category(cycle_year, category_key),
      UNIQUE (cycle_year, category_key, entry_id)
    )`);
    await q.query(`CREATE INDEX prize_award_cycle_idx ON prize_award (cycle_year, category_key, rank, id)`);
    await q.query(`CREATE INDEX prize_award_entry_idx ON prize_award (entry_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      "prize_award",
      "prize_figure",
      "prize_category",
      "prize_phase",
      "prize_cycle",
      "write_request",
      "stocktaking_entry_sdg_goal",
      "stocktaking_entry_economy",
      "stocktaking_entry_action_line",
      "stocktaking_entry",
      "source",
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(AUDIT_LOG_DROP_DDL);
  }
}
