import { readFileSync } from "node:fs";
import path from "node:path";
import { MAP_INDICATOR, PROFILE_ECONOMY } from "./workload";

/**
 * The dashboard's own operations (gateway/dashboard/src/gql/persisted-documents.json, the exact texts the dashboard
 * sends), each with the variables of the dashboard's default views (gateway/dashboard/src/state.ts: the map of
 * internet_users_pct, the series of KEN, IND, BRA and Africa (M49 202) from 2005, Africa's computed figure of one year,
 * the profile of KEN, the timeline 2022–2027). None of them is a W1–W5 document, so a gain measured on them is not keyed
 * to the benchmark's own workload. `perVisit` is how many of each one visit sends (the capacity section's assumption).
 */
export interface DashboardOperation {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  /** Requests of this operation in one reader's visit: the map view, then the series view (see perVisitNote). */
  perVisit: number;
}

/** The years of the computed regional figure of the series view (DEFAULT_FROM 2005 to the latest year, 2023). */
const REGIONAL_YEARS = 2023 - 2005 + 1;

const VARIABLES: Record<string, { variables: Record<string, unknown>; perVisit: number }> = {
  DashboardIndicators: { variables: {}, perVisit: 1 },
  DashboardEconomies: { variables: {}, perVisit: 1 },
  DashboardMap: { variables: { indicator: MAP_INDICATOR }, perVisit: 1 },
  DashboardSeries: {
    variables: { indicator: MAP_INDICATOR, economies: ["KEN", "IND", "BRA", "202"], fromYear: 2005 },
    perVisit: 1,
  },
  DashboardRegionalFigure: {
    variables: { indicator: MAP_INDICATOR, region: "202", year: 2022 },
    perVisit: REGIONAL_YEARS,
  },
  DashboardProfile: { variables: { code: PROFILE_ECONOMY }, perVisit: 1 },
  DashboardMatrix: { variables: {}, perVisit: 0 },
  DashboardTimeline: { variables: { fromYear: 2022, toYear: 2027 }, perVisit: 0 },
};

export const PER_VISIT_NOTE =
  `one visit = the map view (DashboardIndicators, DashboardMap), then the series view with its defaults (DashboardEconomies, DashboardSeries, and DashboardRegionalFigure once per year 2005–2023 for Africa's computed figure: ${REGIONAL_YEARS} requests), then one economy's profile (DashboardProfile); ` +
  "the matrix and the timeline views are left out (fewer readers open them)";

const operationName = (text: string) => /^\s*query\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(text)?.[1] ?? "";

/** Every persisted operation of the dashboard, in the file's order, with its variables. */
export function dashboardOperations(): DashboardOperation[] {
  const file = path.join(
    path.dirname(require.resolve("@wsis/dashboard/package.json")),
    "src/gql/persisted-documents.json",
  );
  const documents = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  return Object.values(documents).map((query) => {
    const name = operationName(query);
    const known = VARIABLES[name];
    if (!known) throw new Error(`the dashboard's operation ${name} has no benchmark variables (dashboard-ops.ts)`);
    return { name, query, ...known };
  });
}

export const operationBody = (op: { name: string; query: string; variables: Record<string, unknown> }): string =>
  JSON.stringify({ operationName: op.name, query: op.query, variables: op.variables });
