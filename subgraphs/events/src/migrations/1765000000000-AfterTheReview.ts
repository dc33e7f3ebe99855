import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The review's end and what follows it: an event's status may be HELD (a public record says it took place) or
 * POSTPONED, with the record that says so (`status_source_id`); a record the project's research checked says whether
 * every fact was read in a primary source (`verified`; null: not checked); award ceremonies are a kind of event.
 */
export class AfterTheReview1765000000000 implements MigrationInterface {
  name = "AfterTheReview1765000000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE event DROP CONSTRAINT event_status_check`);
    await q.query(`ALTER TABLE event
      ADD CONSTRAINT event_status_check CHECK (status IN ('SCHEDULED', 'CANCELLED', 'HELD', 'POSTPONED')),
      ADD COLUMN status_source_id text REFERENCES source(id),
      ADD COLUMN verified boolean,
      ADD CONSTRAINT event_status_source_check CHECK (status IN ('HELD', 'POSTPONED') OR status_source_id IS NULL),
      ADD CONSTRAINT event_held_sourced_check CHECK (status NOT IN ('HELD', 'POSTPONED') OR status_source_id IS NOT NULL)`);
    await q.query(`ALTER TABLE event DROP CONSTRAINT event_kind_check`);
    await q.query(`ALTER TABLE event ADD CONSTRAINT event_kind_check CHECK (kind IN ('FORUM', 'CONFERENCE', 'ASSEMBLY', 'MEETING',
      'SESSION', 'CONSULTATION', 'HIGH_LEVEL_MEETING', 'SUBMISSION', 'PREPARATORY_PROCESS', 'CEREMONY'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM event WHERE kind = 'CEREMONY'`);
    await q.query(`UPDATE event SET status = 'SCHEDULED' WHERE status IN ('HELD', 'POSTPONED')`);
    await q.query(`ALTER TABLE event DROP CONSTRAINT event_kind_check, DROP CONSTRAINT event_held_sourced_check,
      DROP CONSTRAINT event_status_source_check, DROP CONSTRAINT event_status_check, DROP COLUMN verified, DROP COLUMN status_source_id`);
    await q.query(`ALTER TABLE event ADD CONSTRAINT event_status_check CHECK (status IN ('SCHEDULED', 'CANCELLED')),
      ADD CONSTRAINT event_kind_check CHECK (kind IN ('FORUM', 'CONFERENCE', 'ASSEMBLY', 'MEETING', 'SESSION', 'CONSULTATION',
      'HIGH_LEVEL_MEETING', 'SUBMISSION', 'PREPARATORY_PROCESS'))`);
  }
}
