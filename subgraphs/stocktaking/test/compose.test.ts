import "reflect-metadata";
import { composeServices } from "@apollo/composition";
import { buildActionLinesSchema } from "@wsis/action-lines/schema";
import { buildEventsSchema } from "@wsis/events/schema";
import { buildIndicatorsSchema } from "@wsis/indicators/schema";
import { buildReportsSchema } from "@wsis/reports/schema";
import { isEnumType, isObjectType, parse, type GraphQLSchema } from "graphql";
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
  const sdls = {
    "action-lines": actionLines.sdl,
    events: events.sdl,
    indicators: indicators.sdl,
    reports: reports.sdl,
    [SUBGRAPH_NAME]: stocktaking.sdl,
  };
  const result = composeServices(
    Object.entries(sdls).map(([name, sdl]) => ({ name, url: `http://127.0.0.1/${name}`, typeDefs: parse(sdl) })),
  );
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
    expect(fields("Query")).toEqual(
      expect.arrayContaining([
        "stocktakingEntries",
        "stocktakingEntry",
        "stocktakingStatistics",
        "prizeCycles",
        "prizeCycle",
        "ungis",
      ]),
    );
    expect(fields("Mutation")).toEqual(
      expect.arrayContaining([
        "submitStocktakingEntry",
        "moderateStocktakingEntry",
        "importStocktakingEntries",
        "savePrizeCycle",
        "awardPrize",
        "removePrizeAward",
      ]),
    );
    expect(fields("ActionLine")).toContain("stocktakingEntries");
    expect(fields("Economy")).toContain("stocktakingEntries");
    expect(fields("SdgGoal")).toContain("stocktakingEntries");
    expect(fields("Agency")).toContain("ungisRoles");
    expect(fields("AuditLog")).toEqual(
      expect.arrayContaining(["actionLines", "events", "indicators", "reports", "stocktaking"]),
    );
    expect(fields("StocktakingStatistics")).toEqual(
      expect.arrayContaining(["byActionLine", "byStakeholderType", "byYear", "byEconomy"]),
    );
    expect(fields("PrizeAward")).toEqual(expect.arrayContaining(["cycle", "category", "rank", "entry"]));
    const status = api.getType("EventStatus");
    expect(isEnumType(status) && status.getValues().map((v) => v.name)).toEqual(
      expect.arrayContaining(["HELD", "POSTPONED"]),
    );
  });
});
