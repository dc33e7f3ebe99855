import {
  Arg,
  Authorized,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  GraphQLISODateTime,
  InputType,
  Int,
  ObjectType,
  Query,
  Resolver,
} from "type-graphql";
import type { DataSource } from "typeorm";
import { BadUserInputError } from "../errors";
import type { RequestContext } from "../graphql/context";
import { cursorCodec } from "../graphql/cursor";
import { AuditEntry } from "./audit-entry.entity";

export const AUDIT_DEFAULT_PAGE_SIZE = 20;
export const AUDIT_MAX_PAGE_SIZE = 100;

@InputType({ description: "Which audit entries: every given condition must hold" })
export class AuditFilter {
  @Field(() => String, { nullable: true, description: 'The type of the record, e.g. "Event"' })
  entityType?: string | null;

  @Field(() => String, { nullable: true, description: "The id of the record (with entityType)" })
  entityId?: string | null;

  @Field(() => String, { nullable: true, description: 'The agency of the caller, e.g. "ITU"' })
  agency?: string | null;

  @Field(() => String, { nullable: true, description: 'The operation, e.g. "updateEvent"' })
  operation?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: "Only entries at or after this moment" })
  since?: Date | null;
}

@ObjectType({ description: "An audit entry and its cursor" })
@Directive("@shareable")
export class AuditEntryEdge {
  @Field()
  cursor: string;

  @Field(() => AuditEntry)
  node: AuditEntry;
}

@ObjectType({ description: "Where a page of audit entries ends" })
@Directive("@shareable")
export class AuditPageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ObjectType({ description: "A page of audit entries, newest first" })
@Directive("@shareable")
export class AuditEntryConnection {
  @Field(() => [AuditEntryEdge])
  edges: AuditEntryEdge[];

  @Field(() => AuditPageInfo)
  pageInfo: AuditPageInfo;
}

const TEXT_FILTER_MAX = 200;

/**
 * Opaque cursors: the position (bigint id, as decimal text) of the last entry of a page, validated on the way in, so a
 * forged id beyond PostgreSQL's bigint never reaches SQL. (Cursors of the earlier "audit:<id>" encoding are refused:
 * page tokens are short-lived.)
 */
const AUDIT_CURSOR = cursorCodec("audit", [{ kind: "bigint" }]);

function encodeCursor(id: string): string {
  return AUDIT_CURSOR.encode([id]);
}

function decodeCursor(cursor: string): string {
  return AUDIT_CURSOR.decode(cursor, "after", "pass the endCursor of the previous page")[0];
}

/** Reads a subgraph's audit trail, newest first, a page at a time (one statement a page). */
export class AuditLogReader {
  constructor(private readonly ds: DataSource) {}

  async list(filter: AuditFilter | null | undefined, first: number, after: string | null | undefined): Promise<AuditEntryConnection> {
    if (!Number.isInteger(first) || first < 0 || first > AUDIT_MAX_PAGE_SIZE) {
      throw new BadUserInputError(`Argument "first" has an invalid value ${first}; expected 0 to ${AUDIT_MAX_PAGE_SIZE}`, "first");
    }
    const conditions: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace("?", `$${params.length}`));
    };
    for (const [field, column] of [
      ["entityType", "entity_type"],
      ["entityId", "entity_id"],
      ["agency", "agency"],
      ["operation", "operation"],
    ] as const) {
      const value = filter?.[field];
      if (value == null) continue;
      const trimmed = value.trim();
      if (trimmed === "" || trimmed.length > TEXT_FILTER_MAX) {
        throw new BadUserInputError(`Argument "filter.${field}" must have 1 to ${TEXT_FILTER_MAX} characters`, `filter.${field}`);
      }
      add(`"${column}" = ?`, trimmed);
    }
    if (filter?.since != null) {
      if (Number.isNaN(filter.since.getTime())) throw new BadUserInputError(`Argument "filter.since" is not a date-time`, "filter.since");
      add(`"at" >= ?`, filter.since);
    }
    if (after != null) add(`"id" < ?::bigint`, decodeCursor(after));
    params.push(first + 1);
    const rows = await this.ds.getRepository(AuditEntry).query(
      `SELECT "id", "at", "operation", "entity_type" AS "entityType", "entity_id" AS "entityId", "agency", "subject",
              "scopes", "request_id" AS "requestId", "before", "after"
         FROM "audit_log" ${conditions.length ? `WHERE ${conditions.join(" AND ")}` : ""}
        ORDER BY "id" DESC LIMIT $${params.length}`,
      params,
    );
    const page = (rows as AuditEntry[]).slice(0, first).map((r) => Object.assign(new AuditEntry(), r, { id: String(r.id) }));
    const edges = page.map((node) => Object.assign(new AuditEntryEdge(), { cursor: encodeCursor(node.id), node }));
    return Object.assign(new AuditEntryConnection(), {
      edges,
      pageInfo: Object.assign(new AuditPageInfo(), { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }),
    });
  }
}

/** What a subgraph's per-request loaders must hold for the audit resolver. */
export interface AuditLoaders {
  auditLog: AuditLogReader;
}

/**
 * Makes the resolver classes that expose one subgraph's audit trail: the shareable namespace `Query.auditLog:
 * AuditLog!` (resolved by every subgraph) and this subgraph's own field on it, e.g. `AuditLog.events(filter, first,
 * after)` for `field: "events"`. Only callers with the `admin` scope may read it (UNAUTHENTICATED / FORBIDDEN).
 * Call it once per subgraph (module level), and add both classes to the subgraph's resolvers.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function createAuditLogResolvers(field: string, description: string): Function[] {
  @ObjectType("AuditLog", { description: "The audit trails of the hub: one field per subgraph, each readable with the admin scope only" })
  @Directive("@shareable")
  class AuditLogNamespace {}

  @Resolver(() => AuditLogNamespace)
  class AuditLogResolver {
    @Query(() => AuditLogNamespace, { description: "The audit trails of every write, one field per subgraph (admin scope only)" })
    @Directive("@shareable")
    auditLog(): AuditLogNamespace {
      return new AuditLogNamespace();
    }

    @FieldResolver(() => AuditEntryConnection, { name: field, description: `${description} (admin scope only), newest first` })
    @Authorized("admin")
    entries(
      @Arg("after", () => String, { nullable: true, description: "The endCursor of the previous page" }) after: string | null | undefined,
      @Arg("first", () => Int, { defaultValue: AUDIT_DEFAULT_PAGE_SIZE, description: `Page size, 0 to ${AUDIT_MAX_PAGE_SIZE}` }) first: number,
      @Arg("filter", () => AuditFilter, { nullable: true }) filter: AuditFilter | null | undefined,
      @Ctx() ctx: RequestContext<AuditLoaders>,
    ): Promise<AuditEntryConnection> {
      return ctx.loaders.auditLog.list(filter, first, after);
    }
  }
  return [AuditLogResolver];
}
