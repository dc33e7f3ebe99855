import type { MigrationInterface, QueryRunner } from "typeorm";
import { SOURCE_TABLE_DDL } from "@wsis/shared";

export class Initial1764270000000 implements MigrationInterface {
  name = "Initial1764270000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(SOURCE_TABLE_DDL);
    await q.query(`CREATE TABLE agency (
      id text PRIMARY KEY,
      name text NOT NULL,
      kind text NOT NULL,
      url text,
      source_id text NOT NULL REFERENCES source(id)
    )`);
    await q.query(`CREATE TABLE action_line (
      code text PRIMARY KEY,
      parent_code text REFERENCES action_line(code),
      sort_order int NOT NULL,
      title text NOT NULL,
      matrix_name text,
      short_name text,
      plan_of_action text,
      source_id text NOT NULL REFERENCES source(id)
    )`);
    await q.query(`CREATE INDEX action_line_parent_idx ON action_line (parent_code)`);
    await q.query(`CREATE TABLE facilitation (
      action_line_code text NOT NULL REFERENCES action_line(code),
      agency_id text NOT NULL REFERENCES agency(id),
      position int NOT NULL,
      verified boolean NOT NULL,
      evidence text,
      source_id text NOT NULL REFERENCES source(id),
      PRIMARY KEY (action_line_code, agency_id)
    )`);
    await q.query(`CREATE INDEX facilitation_agency_idx ON facilitation (agency_id)`);
    await q.query(`CREATE TABLE sdg_goal (
      code text PRIMARY KEY,
      sort_order int NOT NULL,
      short_title text NOT NULL,
      title text NOT NULL,
      source_id text NOT NULL REFERENCES source(id)
    )`);
    await q.query(`CREATE TABLE sdg_target (
      code text PRIMARY KEY,
      goal_code text NOT NULL REFERENCES sdg_goal(code),
      sort_order int NOT NULL,
      title text NOT NULL,
      source_id text NOT NULL REFERENCES source(id)
    )`);
    await q.query(`CREATE INDEX sdg_target_goal_idx ON sdg_target (goal_code)`);
    await q.query(`CREATE TABLE sdg_indicator (
      code text PRIMARY KEY,
      target_code text NOT NULL REFERENCES sdg_target(code),
      goal_code text NOT NULL REFERENCES sdg_goal(code),
      sort_order int NOT NULL,
      title text NOT NULL,
      status text NOT NULL CHECK (status IN ('current', 'deleted')),
      status_note text,
      unsd_series_codes text[] NOT NULL DEFAULT '{}',
      source_id text NOT NULL REFERENCES source(id)
    )`);
    await q.query(`CREATE INDEX sdg_indicator_target_idx ON sdg_indicator (target_code)`);
    await q.query(`CREATE TABLE matrix_link (
      id text PRIMARY KEY,
      action_line_code text NOT NULL REFERENCES action_line(code),
      goal_code text NOT NULL REFERENCES sdg_goal(code),
      target_code text REFERENCES sdg_target(code),
      sort_order int NOT NULL,
      rationale text NOT NULL,
      note text,
      source_id text NOT NULL REFERENCES source(id),
      UNIQUE NULLS NOT DISTINCT (action_line_code, goal_code, target_code)
    )`);
    await q.query(`CREATE INDEX matrix_link_goal_idx ON matrix_link (goal_code)`);
    await q.query(`CREATE INDEX matrix_link_target_idx ON matrix_link (target_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      "matrix_link",
      "sdg_indicator",
      "sdg_target",
      "sdg_goal",
      "facilitation",
      "action_line",
      "agency",
      "source",
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
