import { GraphQLJSON } from "graphql-scalars";
import { Directive, Field, GraphQLISODateTime, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * One write, as the audit trail keeps it: who (agency and token subject), when, through which operation, on which
 * record, and the record before and after. The same value type in every subgraph (each keeps its own `audit_log`
 * table in its own schema), so it is shareable in the supergraph. Rows are append-only (a trigger refuses UPDATE,
 * DELETE and TRUNCATE).
 */
@Entity({ name: "audit_log" })
@ObjectType({
  description: "One write recorded by the audit trail: who, when, which operation, and the record before and after",
})
@Directive("@shareable")
export class AuditEntry {
  /** bigserial: pg returns it as a string. */
  @PrimaryColumn({ type: "bigint" })
  @Field(() => ID, { description: "Position in the subgraph's audit trail (increasing)" })
  id: string;

  @Column("timestamptz")
  @Field(() => GraphQLISODateTime, { description: "When the change was committed (the time of its transaction)" })
  at: Date;

  @Column("text")
  @Field({ description: 'The GraphQL operation (mutation) that made the change, e.g. "updateEvent"' })
  operation: string;

  @Column("text", { name: "entity_type" })
  @Field({ description: 'The type of the record changed, e.g. "Event", "Report"' })
  entityType: string;

  @Column("text", { name: "entity_id" })
  @Field({ description: "The id (key) of the record changed" })
  entityId: string;

  @Column("text")
  @Field({ description: "The agency the caller acted for (from its token)" })
  agency: string;

  @Column("text")
  @Field({ description: "The token's subject: the person or service account that made the change" })
  subject: string;

  @Column("text", { array: true })
  @Field(() => [String], { description: "The scopes the caller's token granted" })
  scopes: string[];

  @Column("text", { name: "request_id", nullable: true })
  @Field(() => String, { nullable: true, description: "The id of the request (x-request-id), to find it in the logs" })
  requestId: string | null;

  @Column("jsonb", { nullable: true })
  @Field(() => GraphQLJSON, { nullable: true, description: "The record before the change (null when it was created)" })
  before: unknown;

  @Column("jsonb", { nullable: true })
  @Field(() => GraphQLJSON, { nullable: true, description: "The record after the change (null when it was deleted)" })
  after: unknown;
}

/**
 * The `audit_log` table and its append-only guard, for a subgraph's own migration (like SOURCE_TABLE_DDL). Several
 * statements, sent as one simple query.
 */
export const AUDIT_LOG_TABLE_DDL = `CREATE TABLE "audit_log" (
  "id" bigserial PRIMARY KEY,
  "at" timestamptz NOT NULL DEFAULT now(),
  "operation" text NOT NULL CHECK ("operation" <> ''),
  "entity_type" text NOT NULL CHECK ("entity_type" <> ''),
  "entity_id" text NOT NULL CHECK ("entity_id" <> ''),
  "agency" text NOT NULL CHECK ("agency" <> ''),
  "subject" text NOT NULL CHECK ("subject" <> ''),
  "scopes" text[] NOT NULL DEFAULT '{}',
  "request_id" text,
  "before" jsonb,
  "after" jsonb,
  CHECK ("before" IS NOT NULL OR "after" IS NOT NULL)
);
CREATE INDEX "audit_log_entity_idx" ON "audit_log" ("entity_type", "entity_id", "id");
CREATE INDEX "audit_log_agency_idx" ON "audit_log" ("agency", "id");
CREATE INDEX "audit_log_at_idx" ON "audit_log" ("at", "id");
CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
END
$$;
CREATE TRIGGER "audit_log_no_update" BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"()`;

/** Undoes AUDIT_LOG_TABLE_DDL (for a migration's `down`). */
export const AUDIT_LOG_DROP_DDL = `DROP TABLE IF EXISTS "audit_log"; DROP FUNCTION IF EXISTS "audit_log_append_only"()`;
