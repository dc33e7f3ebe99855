import { graphql } from "graphql";
import { Args, Field, InputType, ObjectType, Query, Resolver } from "type-graphql";
import {
  buildFederatedSchema,
  checkPageSize,
  connectionArgs,
  connectionTypes,
  pageOf,
  PAGE_SIZE,
  type ConnectionArgs,
} from "../src";

@ObjectType()
class Thing {
  @Field()
  id: string;
}

@InputType()
class ThingFilter {
  @Field(() => String, { nullable: true })
  prefix?: string | null;
}

const ThingPage = connectionTypes(Thing, {
  connection: "ThingConnection",
  edge: "ThingEdge",
  totalCountDescription: "How many things match",
});
const OldPage = connectionTypes(Thing, {
  connection: "OldConnection",
  edge: "OldEdge",
  pageInfo: "OldPageInfo",
  pageInfoDescription: "Kept",
  totalCountDescription: "n",
});
const ThingArgs = connectionArgs(ThingFilter, { ...PAGE_SIZE, min: 1 });
const THINGS = ["a", "b", "c"].map((id) => Object.assign(new Thing(), { id }));
let counted = 0;

@Resolver()
class ThingResolver {
  @Query(() => ThingPage.Connection)
  things(@Args(() => ThingArgs) { filter, first, after }: ConnectionArgs<ThingFilter>) {
    const size = checkPageSize(first, { ...PAGE_SIZE, min: 1 });
    const from = after ? THINGS.findIndex((t) => t.id === after) + 1 : 0;
    const rows = THINGS.filter((t) => t.id.startsWith(filter?.prefix ?? "")).slice(from, from + size + 1);
    return pageOf(
      ThingPage,
      rows,
      size,
      (t) => t.id,
      async () => ++counted && THINGS.length,
    );
  }

  @Query(() => OldPage.Connection)
  old() {
    return pageOf(
      OldPage,
      [],
      0,
      (t) => t.id,
      async () => 0,
    );
  }
}

describe("connections", () => {
  it("print their arguments as filter, first, after, and the old names of their types", async () => {
    const { sdl } = await buildFederatedSchema({ resolvers: [ThingResolver], validate: false });
    expect(sdl).toMatch(
      /things\(\s*filter: ThingFilter\s*"""Page size, 1 to 100"""\s*first: Int! = 20\s*after: String\s*\): ThingConnection!/,
    );
    expect(sdl).toMatch(/type ThingConnection \{\s*edges: \[ThingEdge!\]!\s*pageInfo: PageInfo!/);
    expect(sdl).toMatch(/type PageInfo @shareable/);
    expect(sdl).toMatch(/"""Kept"""\s*type OldPageInfo \{/);
  });

  it("page with hasNextPage and endCursor, and count only when totalCount is asked, once", async () => {
    const { schema } = await buildFederatedSchema({ resolvers: [ThingResolver], validate: false });
    const page = await graphql({
      schema,
      source: "{ things(first: 2) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }",
    });
    expect(page.errors).toBeUndefined();
    expect(page.data).toEqual({
      things: {
        edges: [
          { cursor: "a", node: { id: "a" } },
          { cursor: "b", node: { id: "b" } },
        ],
        pageInfo: { hasNextPage: true, endCursor: "b" },
      },
    });
    expect(counted).toBe(0);
    const last = await graphql({
      schema,
      source: '{ things(first: 2, after: "b") { pageInfo { hasNextPage endCursor } totalCount again: totalCount } }',
    });
    expect(last.data).toEqual({
      things: { pageInfo: { hasNextPage: false, endCursor: "c" }, totalCount: 3, again: 3 },
    });
    expect(counted).toBe(1);
  });

  it("hold one page-size rule, 0 to 100 unless a list says otherwise", () => {
    expect(checkPageSize(0)).toBe(0);
    expect(checkPageSize(100)).toBe(100);
    for (const bad of [101, -1, 1.5]) {
      expect(() => checkPageSize(bad)).toThrow(
        expect.objectContaining({
          extensions: expect.objectContaining({ code: "BAD_USER_INPUT", argumentName: "first", min: 0, max: 100 }),
        }),
      );
    }
    expect(() => checkPageSize(0, { ...PAGE_SIZE, min: 1 })).toThrow(
      'Argument "first" has an invalid value 0; expected 1 to 100',
    );
  });
});
