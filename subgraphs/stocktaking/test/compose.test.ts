import "reflect-metadata";
import { readFileSync } from "node:fs";
import path from "node:path";
import { composeServices } from "@apollo/composition";
import { buildActionLinesSchema } from "@wsis/action-lines/schema";
import { buildEventsSchema } from "@wsis/events/schema";
import { buildIndicatorsSchema } from "@wsis/indicators/schema";
import { buildReportsSchema } from "@wsis/reports/schema";
import { isEnumType, isObjectType, parse, validate, type GraphQLSchema } from "graphql";
import { buildStocktakingSchema, SUBGRAPH_NAME } from "../src/schema";

/**
 * The stocktaking subgraph composes with the four others (as the gateway composes them, with @apollo/composition):
 * until it is registered in the supergraph, this is what proves that its types and the fields it adds to the others'
 * entities fit.
 */
let api: GraphQLSchema;
let errors: string[] = [];

beforeAll(async () => {
  const [actionLines, events, indicators, reports, stocktaking] = await Promise.all([
    buildActionLinesSchema(),
    buildEventsSchema(),
    buildIndicatorsSchema(),
    buildReportsSchema(),
    buildStocktakingSchema(),
  ]);
  const sdls = { "action-lines": actionLines.sdl, events: events.sdl, indicators: indicators.sdl, reports: reports.sdl, [SUBGRAPH_NAME]: stocktaking.sdl };
  const result = composeServices(Object.entries(sdls).map(([name, sdl]) => ({ name, url: `http://127.0.0.1/${name}`, typeDefs: parse(sdl) })));
  errors = (result.errors ?? []).map((e) => e.message);
  if (!result.errors) api = result.schema.toAPISchema().toGraphQLJSSchema();
});

const fields = (type: string) => {
  const t = api.getType(type);
  if (!isObjectType(t)) throw new Error(`${type} is not an object type`);
  return Object.keys(t.getFields());
};

describe("the five subgraphs compose", () => {
  it("without a composition error", () => {
    expect(errors).toEqual([]);
  });

  it("with the public contract's names", () => {
    expect(fields("Query")).toEqual(expect.arrayContaining(["stocktakingEntries", "stocktakingEntry", "stocktakingStatistics", "prizeCycles", "prizeCycle", "ungis"]));
    expect(fields("Mutation")).toEqual(expect.arrayContaining(["submitStocktakingEntry", "moderateStocktakingEntry", "importStocktakingEntries", "savePrizeCycle", "awardPrize", "removePrizeAward"]));
    expect(fields("ActionLine")).toContain("stocktakingEntries");
    expect(fields("Economy")).toContain("stocktakingEntries");
    expect(fields("SdgGoal")).toContain("stocktakingEntries");
    expect(fields("Agency")).toContain("ungisRoles");
    expect(fields("AuditLog")).toEqual(expect.arrayContaining(["actionLines", "events", "indicators", "reports", "stocktaking"]));
    expect(fields("StocktakingStatistics")).toEqual(expect.arrayContaining(["byActionLine", "byStakeholderType", "byYear", "byEconomy"]));
    expect(fields("PrizeAward")).toEqual(expect.arrayContaining(["cycle", "category", "rank", "entry"]));
    const status = api.getType("EventStatus");
    expect(isEnumType(status) && status.getValues().map((v) => v.name)).toEqual(expect.arrayContaining(["HELD", "POSTPONED"]));
  });
});

/** The README's examples of this subgraph (the block the lead turns into a run example when it is registered). */
function pendingReadmeQueries(): string[] {
  const readme = readFileSync(path.resolve(__dirname, "../../../README.md"), "utf8");
  const block = /```graphql stocktaking-pending\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  const queries: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of block.replace(/#[^\n]*/g, "")) {
    if (depth === 0 && ch !== "{") continue;
    current += ch;
    if (ch === "{") depth += 1;
    if (ch === "}" && --depth === 0) {
      queries.push(current.trim());
      current = "";
    }
  }
  return queries;
}

describe("the README's stocktaking examples", () => {
  const queries = pendingReadmeQueries();

  it("are there", () => {
    expect(queries.length).toBeGreaterThanOrEqual(5);
  });

  it.each(queries.map((q) => [q.replace(/\s+/g, " ").slice(0, 80), q]))("are valid against the five subgraphs composed: %s", (_name, query) => {
    expect(validate(api, parse(query)).map((e) => e.message)).toEqual([]);
  });
});
