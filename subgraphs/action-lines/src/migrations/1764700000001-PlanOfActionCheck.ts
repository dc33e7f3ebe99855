import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * What the check of each action line's Plan of Action text found: whether its opening was verified in a primary
 * source quoting the Geneva Plan of Action, and a note saying against what it was checked and what was corrected.
 */
export class PlanOfActionCheck1764700000001 implements MigrationInterface {
  name = "PlanOfActionCheck1764700000001";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE action_line
      ADD COLUMN plan_of_action_verified boolean NOT NULL DEFAULT false,
      ADD COLUMN plan_of_action_note text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE action_line DROP COLUMN plan_of_action_note, DROP COLUMN plan_of_action_verified`);
  }
}
