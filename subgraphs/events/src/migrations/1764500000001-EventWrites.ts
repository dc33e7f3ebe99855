import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Events written through the hub: a status (SCHEDULED or CANCELLED, with the reason and when), the time of the last
 * edit through the hub (the seed leaves edited events alone from then on), a sequence for the timeline position of
 * events created through the hub (after every roadmap event), and no roadmap line for those.
 */
export class EventWrites1764500000001 implements MigrationInterface {
  name = "EventWrites1764500000001";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE event
      ADD COLUMN status text NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED', 'CANCELLED')),
      ADD COLUMN cancelled_reason text,
      ADD COLUMN cancelled_at timestamptz,
      ADD COLUMN edited_at timestamptz,
      ADD CONSTRAINT event_cancellation_check
        CHECK ((status = 'CANCELLED') = (cancelled_reason IS NOT NULL AND cancelled_at IS NOT NULL))`);
    await q.query(`ALTER TABLE event ALTER COLUMN roadmap_text DROP NOT NULL`);
    await q.query(`CREATE INDEX event_status_idx ON event (status)`);
    await q.query(`CREATE SEQUENCE event_created_sort_order_seq START WITH 1000000`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SEQUENCE IF EXISTS event_created_sort_order_seq`);
    await q.query(`DROP INDEX IF EXISTS event_status_idx`);
    await q.query(`DELETE FROM event WHERE roadmap_text IS NULL`);
    await q.query(`ALTER TABLE event ALTER COLUMN roadmap_text SET NOT NULL`);
    await q.query(`ALTER TABLE event DROP CONSTRAINT event_cancellation_check,
      DROP COLUMN edited_at, DROP COLUMN cancelled_at, DROP COLUMN cancelled_reason, DROP COLUMN status`);
  }
}
