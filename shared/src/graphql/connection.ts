import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from "type-graphql";
import { BadUserInputError } from "../errors";

/**
 * Cursor connections, one way for every list served a page at a time: one page-size rule, one PageInfo, one lazy
 * `totalCount`, and the arguments in one order — `(filter, first, after)`. Cursors are made and checked by
 * `cursorCodec` (./cursor.ts). In a subgraph:
 *
 *   const EVENT_PAGE = { ...PAGE_SIZE, min: 1 };                      // only where the list says why it differs
 *   export const EventPage = connectionTypes(Event, { connection: "EventConnection", edge: "EventEdge", pageInfo: "EventPageInfo" }, {...});
 *   @ArgsType() export class EventConnectionArgs extends connectionArgs(EventFilter, EVENT_PAGE) {}
 *   ...
 *   @Query(() => EventPage.Connection) eventConnection(@Args() { filter, first, after }: EventConnectionArgs, @Ctx() ctx) {
 *     const rows = await ctx.services.events.page(criteria, position, checkPageSize(first, EVENT_PAGE) + 1);
 *     return pageOf(EventPage, rows, first, (e) => cursor(e), () => ctx.services.events.count(criteria));
 *   }
 */

/** How many items a page may hold, and how many when `first` is not given. */
export interface PageSizeRule {
  min: 0 | 1;
  max: number;
  default: number;
}

/**
 * The page size of every connection unless its list says why it differs: 0 to 100, 20 by default (`first: 0` answers
 * `totalCount` and `hasNextPage` without any item).
 */
export const PAGE_SIZE: PageSizeRule = Object.freeze({ min: 0, max: 100, default: 20 });

/** `first` within the rule; BAD_USER_INPUT naming the argument (with `min` and `max`) otherwise. */
export function checkPageSize(first: number, rule: PageSizeRule = PAGE_SIZE, argumentName = "first"): number {
  if (!Number.isInteger(first) || first < rule.min || first > rule.max) {
    throw new BadUserInputError(
      `Argument "${argumentName}" has an invalid value ${first}; expected ${rule.min} to ${rule.max}`,
      argumentName,
      { min: rule.min, max: rule.max },
    );
  }
  return first;
}

/** Where a page ends. New connections use it as it is; the older ones keep their names (`namedPageInfo`). */
@ObjectType({ description: "Where a page ends, and whether more items follow" })
@Directive("@shareable")
export class PageInfo {
  @Field({ description: "True when items follow this page (pass endCursor as `after` to get them)" })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: "The cursor of the last edge; null for an empty page" })
  endCursor: string | null;
}

/** One item of a page and the cursor to resume after it. */
export interface Edge<N> {
  cursor: string;
  node: N;
}

/** A page of a connection: its edges, where it ends, and how many items the whole list has (counted when asked). */
export interface Connection<N> {
  edges: Array<Edge<N>>;
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
}

/** The GraphQL types of one connection (made by `connectionTypes`). */
export interface ConnectionTypes<N> {
  Connection: ClassType<Connection<N>>;
  Edge: ClassType<Edge<N>>;
  PageInfo: ClassType<PageInfo>;
}

/** Type names and descriptions of a connection; a description left out is not printed. */
export interface ConnectionSpec {
  connection: string;
  edge: string;
  /** The PageInfo type: the shared `PageInfo` when left out (new connections); an older name is kept as it was. */
  pageInfo?: string;
  description?: string;
  edgeDescription?: string;
  cursorDescription?: string;
  pageInfoDescription?: string;
  endCursorDescription?: string;
  totalCountDescription: string;
  /** Served the same by several subgraphs (the audit trail). */
  shareable?: boolean;
}

/**
 * A PageInfo under the name an existing connection has always served (EventPageInfo, ReportPageInfo, ...), so saved
 * queries and fragments keep working: the same two fields as PageInfo, built here once.
 */
export function namedPageInfo(
  name: string,
  spec: { description?: string; endCursorDescription?: string; shareable?: boolean } = {},
): ClassType<PageInfo> {
  @ObjectType(name, { description: spec.description })
  class NamedPageInfo implements PageInfo {
    @Field()
    hasNextPage: boolean;

    @Field(() => String, { nullable: true, description: spec.endCursorDescription })
    endCursor: string | null;
  }
  if (spec.shareable) Directive("@shareable")(NamedPageInfo);
  return NamedPageInfo;
}

/** The Connection, Edge and PageInfo types of a list of `node`s. Call once per list, at module level. */
export function connectionTypes<N extends object>(node: ClassType<N>, spec: ConnectionSpec): ConnectionTypes<N> {
  const pageInfo = spec.pageInfo
    ? namedPageInfo(spec.pageInfo, {
        description: spec.pageInfoDescription,
        endCursorDescription: spec.endCursorDescription,
        shareable: spec.shareable,
      })
    : PageInfo;

  @ObjectType(spec.edge, { description: spec.edgeDescription })
  class NodeEdge implements Edge<N> {
    @Field({ description: spec.cursorDescription })
    cursor: string;

    @Field(() => node)
    node: N;
  }

  @ObjectType(spec.connection, { description: spec.description })
  class NodeConnection implements Connection<N> {
    @Field(() => [NodeEdge])
    edges: Array<Edge<N>>;

    @Field(() => pageInfo)
    pageInfo: PageInfo;

    /** Set by `pageOf`: counts the whole list, once, and only when a client asks. */
    count: () => Promise<number>;

    @Field(() => Int, { description: spec.totalCountDescription })
    totalCount(): Promise<number> {
      return this.count();
    }
  }
  if (spec.shareable) {
    Directive("@shareable")(NodeEdge);
    Directive("@shareable")(NodeConnection);
  }
  return { Connection: NodeConnection, Edge: NodeEdge, PageInfo: pageInfo };
}

/**
 * A page of `types`' connection from `rows`, read with a limit of `size + 1` (the extra row, if any, says that more
 * follow and is not served). `count` runs at most once, when `totalCount` is asked for.
 */
export function pageOf<N extends object>(
  types: ConnectionTypes<N>,
  rows: readonly N[],
  size: number,
  cursorOf: (node: N) => string,
  count: () => Promise<number>,
): Connection<N> {
  const edges = rows.slice(0, size).map((node) => ({ cursor: cursorOf(node), node }));
  let counted: Promise<number> | undefined;
  return Object.assign(new types.Connection(), {
    edges,
    pageInfo: Object.assign(new types.PageInfo(), {
      hasNextPage: rows.length > size,
      endCursor: edges.at(-1)?.cursor ?? null,
    }),
    count: () => (counted ??= count()),
  });
}

/** The arguments of a connection, in the one order: `filter` (when the list has one), `first`, `after`. */
export interface ConnectionArgs<F> {
  filter?: F | null;
  first: number;
  after?: string | null;
}

/**
 * The `@ArgsType` of a connection's arguments, printed in the order declared here: `filter, first, after`. Extend it
 * in the subgraph (`@ArgsType() class EventConnectionArgs extends connectionArgs(EventFilter, EVENT_PAGE) {}`) and take
 * it with `@Args()`.
 */
export function connectionArgs<F extends object>(
  filter: ClassType<F> | null,
  rule: PageSizeRule = PAGE_SIZE,
  text: { filter?: string; first?: string; after?: string; filterRequired?: boolean } = {},
): ClassType<ConnectionArgs<F>> {
  @ArgsType()
  class PageArgs implements ConnectionArgs<F> {
    filter?: F | null;
    first: number;
    after?: string | null;
  }
  // Fields are printed in the order they are declared: declared here one after the other, not by decorator order.
  // A list that cannot be read without a filter (observations of one indicator) says so with `filterRequired`.
  if (filter)
    Field(() => filter, { nullable: !text.filterRequired, description: text.filter })(PageArgs.prototype, "filter");
  Field(() => Int, { defaultValue: rule.default, description: text.first ?? `Page size, ${rule.min} to ${rule.max}` })(
    PageArgs.prototype,
    "first",
  );
  Field(() => String, { nullable: true, description: text.after })(PageArgs.prototype, "after");
  return PageArgs;
}
