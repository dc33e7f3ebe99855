import type { MigrationInterface, QueryRunner } from "typeorm";

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
  "REVIEW_OUTCOME",
].map((k) => `'${k}'`);
const KINDS = `(${KIND_VALUES.join(", ")})`;
const KIND_ARRAY = `ARRAY[${KIND_VALUES.join(", ")}]::text[]`;
const PARTIAL_DATE = `'^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'`;

/**
 * The review's outcome: a report kind for it (the General Assembly's resolution) and the role ADOPTED of an event; a
 * report's published documents (title, link, language, date) and decisions (paragraph, the source's words), each with
 * its source and verification flag; the public record of a status set from one (`status_source_id`).
 */
export class ReviewOutcome1765000000000 implements MigrationInterface {
  name = "ReviewOutcome1765000000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE report_series DROP CONSTRAINT report_series_kind_check,
      ADD CONSTRAINT report_series_kind_check CHECK (kind IN ${KINDS})`);
    await q.query(`ALTER TABLE report DROP CONSTRAINT report_kind_check, ADD CONSTRAINT report_kind_check CHECK (kind IN ${KINDS}),
      ADD COLUMN status_source_id text REFERENCES source(id)`);
    await q.query(`ALTER TABLE report_template DROP CONSTRAINT report_template_report_kinds_check,
      ADD CONSTRAINT report_template_report_kinds_check CHECK (report_kinds <@ ${KIND_ARRAY})`);
    await q.query(`ALTER TABLE report_event DROP CONSTRAINT report_event_role_check,
      ADD CONSTRAINT report_event_role_check CHECK (role IN ('INITIAL_COORDINATION', 'PREPARED_TOWARDS', 'DUE', 'PRESENTED', 'ADOPTED'))`);
    await q.query(`CREATE TABLE report_document (
      report_id text NOT NULL REFERENCES report(id) ON DELETE CASCADE,
      position int NOT NULL,
      title text NOT NULL,
      url text NOT NULL CHECK (url ~ '^https?://'),
      language text,
      published_date text CHECK (published_date ~ ${PARTIAL_DATE}),
      verified boolean NOT NULL,
      note text,
      source_id text NOT NULL REFERENCES source(id),
      PRIMARY KEY (report_id, position)
    )`);
    await q.query(`CREATE TABLE report_decision (
      report_id text NOT NULL REFERENCES report(id) ON DELETE CASCADE,
      position int NOT NULL,
      paragraph text,
      decision text NOT NULL,
      quote text NOT NULL,
      verified boolean NOT NULL,
      note text,
      source_id text NOT NULL REFERENCES source(id),
      PRIMARY KEY (report_id, position)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS report_decision`);
    await q.query(`DROP TABLE IF EXISTS report_document`);
    await q.query(`DELETE FROM report_event WHERE role = 'ADOPTED'`);
    await q.query(`DELETE FROM report WHERE kind = 'REVIEW_OUTCOME'`);
    await q.query(`DELETE FROM report_series WHERE kind = 'REVIEW_OUTCOME'`);
    await q.query(`ALTER TABLE report DROP COLUMN status_source_id`);
  }
}
