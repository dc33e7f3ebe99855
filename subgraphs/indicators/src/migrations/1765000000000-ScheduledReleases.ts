import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Embargoed releases (#17): a publication given a future `publishAt` is validated at once and kept here, with its
 * input, until that moment; then any indicators process applies it as the release number reserved for it (the
 * dataset takes no other publication meanwhile). Until then it is visible only to admin and to callers with
 * `indicators:publish` of the agency that scheduled it; the observation tables never hold an embargoed value.
 */
export class ScheduledReleases1765000000000 implements MigrationInterface {
  name = "ScheduledReleases1765000000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE scheduled_release (
      dataset_id text PRIMARY KEY REFERENCES dataset (id),
      number int NOT NULL CHECK (number >= 1),
      publish_at timestamptz NOT NULL,
      operation text NOT NULL CHECK (operation IN ('publishObservations', 'withdrawObservations', 'importObservations')),
      input jsonb NOT NULL,
      caller jsonb NOT NULL,
      agency text NOT NULL,
      subject text NOT NULL,
      note text,
      rows_read int NOT NULL,
      inserted int NOT NULL,
      revised int NOT NULL,
      withdrawn int NOT NULL,
      unchanged int NOT NULL,
      scheduled_at timestamptz NOT NULL DEFAULT now(),
      failed_at timestamptz,
      failure text
    )`);
    await q.query(`CREATE INDEX scheduled_release_due ON scheduled_release (publish_at) WHERE failed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scheduled_release`);
  }
}
