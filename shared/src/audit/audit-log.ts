import {
  Args,
  Authorized,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  GraphQLISODateTime,
  InputType,
  ObjectType,
  Query,
  Resolver,
} from "type-graphql";
import type { DataSource } from "typeorm";
import { BadUserInputError } from "../errors";
import type { RequestContext } from "../graphql/context";
import {
  checkPageSize,
  connectionArgs,
  connectionTypes,
  pageOf,
  PAGE_SIZE,
  type Connection,
  type ConnectionArgs,
} from "../graphql/connection";
import { cursorCodec } from "../graphql/cursor";
import { AuditEntry } from "./audit-entry.entity";

/** The shared page-size rule: 0 to 100, 20 by default. */
export const AUDIT_PAGE = PAGE_SIZE;

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

/** The page types of an audit trail: the same in every subgraph, so shareable. */
export const AuditPage = connectionTypes(AuditEntry, {
  connection: "AuditEntryConnection",
  edge: "AuditEntryEdge",
  pageInfo: "AuditPageInfo",
  description: "A page of audit entries, newest first",
  edgeDescription: "An audit entry and its cursor",
  pageInfoDescription: "Where a page of audit entries ends",
  totalCountDescription: "How many entries match the filter (all pages)",
  shareable: true,
});
export type AuditEntryConnection = Connection<AuditEntry>;

/** `(filter, first, after)` of an audit trail. */
export const AuditLogArgs = connectionArgs(AuditFilter, AUDIT_PAGE, { after: "The endCursor of the previous page" });

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

  async list(
    filter: AuditFilter | null | undefined,
    first: number,
    after: string | null | undefined,
  ): Promise<AuditEntryConnection> {
    checkPageSize(first, AUDIT_PAGE);
    const where = conditionsOf(filter);
    const params = [...where.params];
    const conditions = [...where.conditions];
    if (after != null) {
      params.push(decodeCursor(after));
      conditions.push(`"id" < $${params.length}::bigint`);
    }
    params.push(first + 1);
    const rows = await this.ds.getRepository(AuditEntry).query(
      `SELECT "id", "at", "operation", "entity_type" AS "entityType", "entity_id" AS "entityId", "agency", "subject",
              "scopes", "request_id" AS "requestId", "before", "after"
         FROM "audit_log" ${conditions.length ? `WHERE ${conditions.join(" AND ")}` : ""}
        ORDER BY "id" DESC LIMIT $${params.length}`,
      params,
    );
    const entries = (rows as AuditEntry[]).map((r) => Object.assign(new AuditEntry(), r, { id: String(r.id) }));
    return pageOf(
      AuditPage,
      entries,
      first,
      (node) => encodeCursor(node.id),
      async () => {
        const [{ count }] = await this.ds.query(
          `SELECT count(*)::int AS count FROM "audit_log" ${where.conditions.length ? `WHERE ${where.conditions.join(" AND ")}` : ""}`,
          where.params,
        );
        return count as number;
      },
    );
  }
}

/** The SQL conditions of a filter (BAD_USER_INPUT naming the field at fault). */
function conditionsOf(filter: AuditFilter | null | undefined): { conditions: string[]; params: unknown[] } {
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
      throw new BadUserInputError(
        `Argument "filter.${field}" must have 1 to ${TEXT_FILTER_MAX} characters`,
        `filter.${field}`,
      );
    }
    add(`"${column}" = ?`, trimmed);
  }
  if (filter?.since != null) {
    if (Number.isNaN(filter.since.getTime()))
      throw new BadUserInputError(`Argument "filter.since" is not a date-time`, "filter.since");
    add(`"at" >= ?`, filter.since);
  }
  return { conditions, params };
}

/** What a subgraph's services must hold for the audit resolver. */
export interface AuditServices {
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
  @ObjectType("AuditLog", {
    description: "The audit trails of the hub: one field per subgraph, each readable with the admin scope only",
  })
  @Directive("@shareable")
  class AuditLogNamespace {}

  @Resolver(() => AuditLogNamespace)
  class AuditLogResolver {
    @Query(() => AuditLogNamespace, {
      description: "The audit trails of every write, one field per subgraph (admin scope only)",
    })
    @Directive("@shareable")
    auditLog(): AuditLogNamespace {
      return new AuditLogNamespace();
    }

    @FieldResolver(() => AuditPage.Connection, {
      name: field,
      description: `${description} (admin scope only), newest first`,
    })
    @Authorized("admin")
    entries(
      @Args(() => AuditLogArgs) { filter, first, after }: ConnectionArgs<AuditFilter>,
      @Ctx() ctx: RequestContext<unknown, Partial<AuditServices>>,
    ): Promise<AuditEntryConnection> {
      const reader = ctx.services.auditLog;
      if (!reader) throw new Error("the subgraph's services have no auditLog reader");
      return reader.list(filter, first, after);
    }
  }
  return [AuditLogResolver];
}
