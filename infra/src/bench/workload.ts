/**
 * The dashboard workload of `npm run bench`, in ONE place: the benchmark sends these operations and the statement-count
 * test (infra/test/bench-workload.integration.test.ts) runs the same ones, so the two cannot drift apart.
 *
 * Every query reads real reference data only (the synthetic rows of scales M and L sit in their own dataset, which no
 * query names), so the answers are identical at every scale and only the size of the tables changes.
 */

export type WorkloadId = "W1" | "W2" | "W3" | "W4" | "W5";

/** A subgraph, by its name in the registry (supergraph.yaml). */
export type SubgraphName = string;

export interface FloorQuery {
  /** One hand-written statement reading the same data (schema-qualified: it runs outside any subgraph). */
  sql: string;
  params: unknown[];
}

export interface WorkloadQuery {
  id: WorkloadId;
  title: string;
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
  /** The subgraph that answers it alone (single-subgraph queries): it is also sent straight there. */
  subgraph?: SubgraphName;
  /**
   * SQL statements one request causes, summed over every subgraph (exact; asserted by the test at scale S and measured
   * by the benchmark at every scale): through the gateway, and sent straight to its subgraph.
   */
  statements: { gateway: number; direct?: number };
  /** The physical floor: the same data read with one SQL statement (single-subgraph queries). */
  floor?: FloorQuery;
  /** True when the floor's rows hold the same figures as the GraphQL answer (checked once per scale before measuring). */
  sameDataAsFloor?(data: unknown, rows: Array<Record<string, unknown>>): boolean;
}

/** The indicator of the map and the chart: SDG 17.8.1, individuals using the Internet. */
export const MAP_INDICATOR = "internet_users_pct";

/**
 * The 50 most populous countries in 2022 (World Bank SP.POP.TOTL as shipped) that have the indicator in its default
 * dataset between 2003 and 2022: a chart of the largest countries over twenty years.
 */
export const SERIES_ECONOMIES = [
  "IND",
  "CHN",
  "USA",
  "IDN",
  "PAK",
  "NGA",
  "BRA",
  "BGD",
  "RUS",
  "MEX",
  "ETH",
  "JPN",
  "PHL",
  "EGY",
  "COD",
  "VNM",
  "IRN",
  "TUR",
  "DEU",
  "THA",
  "FRA",
  "GBR",
  "TZA",
  "ZAF",
  "ITA",
  "KEN",
  "MMR",
  "COL",
  "KOR",
  "SDN",
  "ESP",
  "UGA",
  "DZA",
  "ARG",
  "IRQ",
  "UKR",
  "AFG",
  "CAN",
  "YEM",
  "MAR",
  "POL",
  "AGO",
  "UZB",
  "MYS",
  "PER",
  "GHA",
  "MOZ",
  "SAU",
  "MDG",
  "CIV",
] as const;
export const SERIES_FROM_YEAR = 2003;
export const SERIES_TO_YEAR = 2022;

/** The economy of the profile. */
export const PROFILE_ECONOMY = "KEN";

/** The action line of the profile: C5 links to three SDG targets with ICT indicators (5.b, 9.c, 17.8). */
export const PROFILE_ACTION_LINE = "C5";

type Row = Record<string, unknown>;
const asArray = (value: unknown): Row[] => (Array.isArray(value) ? (value as Row[]) : []);
const field = (value: unknown, name: string): Row => ((value as Row | null | undefined)?.[name] ?? {}) as Row;
const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");

export const WORKLOAD: readonly WorkloadQuery[] = [
  {
    id: "W1",
    title: "Action-line profile (all four subgraphs)",
    operationName: "ActionLineProfile",
    query: `query ActionLineProfile($code: String!) {
  actionLine(code: $code) {
    code title shortName
    facilitators { id name }
    sdgTargets {
      code title
      goal { code shortTitle }
      indicators { code title status ictIndicators { code name unit } }
    }
    events { id title startDate endDate location kind }
    reports { id title status }
  }
}`,
    variables: { code: PROFILE_ACTION_LINE },
    statements: { gateway: 12 },
  },
  {
    id: "W2",
    title: "Map: latest value of every economy for one indicator",
    operationName: "Map",
    query: `query Map($indicator: String!) {
  latestObservations(indicator: $indicator) {
    economy { code name }
    year value valueText
  }
}`,
    variables: { indicator: MAP_INDICATOR },
    subgraph: "indicators",
    statements: { gateway: 3, direct: 3 },
    floor: {
      sql: `SELECT e.code, e.name, latest.year, latest.value_text
              FROM indicators.economy e
              JOIN indicators.indicator i ON i.code = $1
             CROSS JOIN LATERAL (
                   SELECT o.year, o.value_text FROM indicators.observation o
                    WHERE o.indicator_code = i.code AND o.dataset_id = i.default_dataset_id AND o.breakdown_key = '_T'
                      AND o.economy_code = e.code
                    ORDER BY o.year DESC LIMIT 1) latest
             ORDER BY e.code`,
      params: [MAP_INDICATOR],
    },
    sameDataAsFloor: (data, rows) =>
      sameSet(
        asArray(field(data, "latestObservations") as unknown).map(
          (o) => `${field(o, "economy").code}|${o.year}|${o.valueText}`,
        ),
        rows.map((r) => `${r.code}|${r.year}|${r.value_text}`),
      ),
  },
  {
    id: "W3",
    title: `Chart: ${SERIES_TO_YEAR - SERIES_FROM_YEAR + 1}-year series of ${SERIES_ECONOMIES.length} economies`,
    operationName: "Chart",
    query: `query Chart($indicator: String!, $economies: [String!]!, $fromYear: Int, $toYear: Int) {
  series(indicator: $indicator, economies: $economies, fromYear: $fromYear, toYear: $toYear) {
    economy { code name }
    points { year value valueText }
  }
}`,
    variables: {
      indicator: MAP_INDICATOR,
      economies: [...SERIES_ECONOMIES],
      fromYear: SERIES_FROM_YEAR,
      toYear: SERIES_TO_YEAR,
    },
    subgraph: "indicators",
    statements: { gateway: 3, direct: 3 },
    floor: {
      sql: `SELECT o.economy_code AS code, e.name, o.year, o.value_text
              FROM indicators.observation o
              JOIN indicators.indicator i ON i.code = o.indicator_code AND i.default_dataset_id = o.dataset_id
              JOIN indicators.economy e ON e.code = o.economy_code
             WHERE o.indicator_code = $1 AND o.breakdown_key = '_T' AND o.economy_code = ANY($2)
               AND o.year BETWEEN $3 AND $4
             ORDER BY o.economy_code, o.year`,
      params: [MAP_INDICATOR, [...SERIES_ECONOMIES], SERIES_FROM_YEAR, SERIES_TO_YEAR],
    },
    sameDataAsFloor: (data, rows) =>
      sameSet(
        asArray(field(data, "series") as unknown).flatMap((s) =>
          asArray(s.points).map((p) => `${field(s, "economy").code}|${p.year}|${p.valueText}`),
        ),
        rows.map((r) => `${r.code}|${r.year}|${r.value_text}`),
      ),
  },
  {
    id: "W4",
    title: "Economy profile: latest value of every indicator",
    operationName: "EconomyProfile",
    query: `query EconomyProfile($code: String!) {
  economy(code: $code) {
    code name region subRegion
    latestValues {
      indicator { code name unit }
      year value valueText
    }
  }
}`,
    variables: { code: PROFILE_ECONOMY },
    subgraph: "indicators",
    statements: { gateway: 3, direct: 3 },
    floor: {
      sql: `SELECT e.code AS economy, e.name AS economy_name, e.region, e.sub_region, i.code, i.name, i.unit, latest.year, latest.value_text
              FROM indicators.economy e
             CROSS JOIN indicators.indicator i
             CROSS JOIN LATERAL (
                   SELECT o.year, o.value_text FROM indicators.observation o
                    WHERE o.indicator_code = i.code AND o.dataset_id = i.default_dataset_id AND o.breakdown_key = '_T'
                      AND o.economy_code = e.code
                    ORDER BY o.year DESC LIMIT 1) latest
             WHERE e.code = $1
             ORDER BY i.sort_order`,
      params: [PROFILE_ECONOMY],
    },
    sameDataAsFloor: (data, rows) =>
      sameSet(
        asArray(field(field(data, "economy"), "latestValues") as unknown).map(
          (o) => `${field(o, "indicator").code}|${o.year}|${o.valueText}`,
        ),
        rows.map((r) => `${r.code}|${r.year}|${r.value_text}`),
      ),
  },
  {
    id: "W5",
    title: "Timeline with report statuses (events + reports)",
    operationName: "TimelineWithReports",
    query: `query TimelineWithReports {
  timeline {
    year
    events {
      id title startDate endDate kind location
      reports { id title status }
    }
  }
}`,
    variables: {},
    statements: { gateway: 2 },
  },
];

/** The JSON body of a GraphQL request for a workload query. */
export const requestBody = (q: WorkloadQuery): string =>
  JSON.stringify({ operationName: q.operationName, query: q.query, variables: q.variables });

export const workloadById = (id: WorkloadId): WorkloadQuery => {
  const found = WORKLOAD.find((q) => q.id === id);
  if (!found) throw new Error(`no workload query ${id}`);
  return found;
};
