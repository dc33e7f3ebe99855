import http from "node:http";
import { installSingleFetchPassthrough, singleFetchCounts } from "@wsis/gateway/single-fetch";
import { startHub, type TestHub } from "./hub";

/**
 * The gateway's one-fetch pass-through (gateway/src/single-fetch.ts) answers byte for byte what Apollo's execution of
 * the same plan answers: every query below is sent with the pass-through on and off and the two bodies compared, and
 * the counters show which path each took (so the comparison is not between two runs of the same path).
 */
let hub: TestHub;
beforeAll(async () => {
  hub = await startHub({ gatewayEnv: { RESPONSE_CACHE: "false" } });
});
afterAll(async () => {
  installSingleFetchPassthrough(true);
  await hub?.stop();
});

/** The body of the gateway's answer, byte for byte (node:http: one request on its own connection). */
function body(query: string, variables?: Record<string, unknown>): Promise<string> {
  const payload = JSON.stringify({ query, variables });
  return new Promise<string>((resolve, reject) => {
    const request = http.request(
      hub.url,
      {
        method: "POST",
        agent: false,
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          "content-length": Buffer.byteLength(payload),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (response.statusCode !== 200) reject(new Error(`status ${response.statusCode}: ${text}`));
          // Each request has its own id (on its errors): the rest must be the same bytes.
          else resolve(text.replace(/"requestId":"[0-9a-f-]{36}"/g, '"requestId":"…"'));
        });
      },
    );
    request.on("error", reject);
    request.end(payload);
  });
}

/** Both bodies, and which path the pass-through's run took. */
async function bothWays(query: string, variables?: Record<string, unknown>) {
  installSingleFetchPassthrough(false);
  const apollo = await body(query, variables);
  installSingleFetchPassthrough(true);
  const before = { ...singleFetchCounts };
  const passthrough = await body(query, variables);
  return {
    apollo,
    passthrough,
    passedThrough: singleFetchCounts.passedThrough - before.passedThrough,
    replayed: singleFetchCounts.replayed - before.replayed,
  };
}

const handedOn: Array<[string, string, Record<string, unknown>]> = [
  [
    "plain fields and a list of objects",
    '{ economy(code: "KEN") { code name region subRegion latestValues { indicator { code name unit } year value valueText } } }',
    {},
  ],
  [
    "aliases, also of the same field twice",
    '{ a: economy(code: "KEN") { c: code n: name } b: economy(code: "FRA") { code name } }',
    {},
  ],
  [
    "__typename on objects (not the root)",
    '{ economy(code: "KEN") { __typename code latestValues { __typename year indicator { __typename code } } } }',
    {},
  ],
  [
    "@include true and @skip true inside the fetch",
    'query ($on: Boolean!) { economy(code: "KEN") { code name @include(if: $on) latestValues @skip(if: $on) { year } } }',
    { on: true },
  ],
  [
    "@include false and @skip false inside the fetch",
    'query ($on: Boolean!) { economy(code: "KEN") { code name @include(if: $on) latestValues @skip(if: $on) { year } } }',
    { on: false },
  ],
  [
    "literal @skip/@include",
    '{ economy(code: "KEN") { code name @skip(if: true) region @include(if: false) subRegion @include(if: true) } }',
    {},
  ],
  [
    "named and inline fragments",
    'query { economy(code: "KEN") { ...E ... on Economy { name } } } fragment E on Economy { code region }',
    {},
  ],
  ["a null answer (unknown economy)", '{ economy(code: "ZZZ") { code name } }', {}],
  [
    "variables with defaults",
    'query Map($indicator: String! = "internet_users_pct") { latestObservations(indicator: $indicator) { economy { code name } year value valueText } }',
    {},
  ],
];

/** Queries of the dashboard (gateway/dashboard/src/queries.ts), as it sends them: variables null or left out. */
const DASHBOARD_SERIES = `query DashboardSeries($indicator: String!, $economies: [String!]!, $fromYear: Int, $toYear: Int, $dataset: String, $release: Int, $breakdown: ObservationBreakdownInput) {
  series(indicator: $indicator, economies: $economies, fromYear: $fromYear, toYear: $toYear, dataset: $dataset, release: $release, breakdown: $breakdown) {
    economy { code name kind }
    points { year value valueText breakdown { key label } dataset { id title } }
  }
}`;
const DASHBOARD_MAP = `query DashboardMap($indicator: String!, $dataset: String, $release: Int, $breakdown: ObservationBreakdownInput) {
  latestObservations(indicator: $indicator, kind: COUNTRY, dataset: $dataset, release: $release, breakdown: $breakdown) {
    year value valueText unit economy { code m49 name } breakdown { key label } dataset { id title publisher }
  }
}`;
handedOn.push(
  [
    "the dashboard's series, variables left out",
    DASHBOARD_SERIES,
    { indicator: "internet_users_pct", economies: ["KEN", "FRA", "202"] },
  ],
  [
    "the dashboard's series, by sex, variables null",
    DASHBOARD_SERIES,
    {
      indicator: "internet_users_pct",
      economies: ["KEN"],
      fromYear: 2010,
      toYear: null,
      dataset: null,
      release: null,
      breakdown: { sex: "FEMALE" },
    },
  ],
  ["the dashboard's map", DASHBOARD_MAP, { indicator: "mobile_cellular_per100", dataset: null }],
  ["the dashboard's economies", "query DashboardEconomies { economies { code m49 name kind } }", {}],
  [
    "the dashboard's regional figure",
    `query DashboardRegionalFigure($indicator: String!, $region: String!, $year: Int!, $dataset: String, $breakdown: ObservationBreakdownInput) {
      regionalFigures(indicator: $indicator, region: $region, year: $year, dataset: $dataset, breakdown: $breakdown) { year region { code name } computed { value count coverage method } }
    }`,
    { indicator: "internet_users_pct", region: "202", year: 2020, dataset: null },
  ],
);

describe("one-fetch plans handed on as received", () => {
  it.each(handedOn)("%s: the same body as Apollo's execution", async (_name, query, variables) => {
    const { apollo, passthrough, passedThrough, replayed } = await bothWays(query, variables);
    expect(passthrough).toBe(apollo);
    expect(JSON.parse(passthrough).errors).toBeUndefined();
    expect(passedThrough).toBe(1);
    expect(replayed).toBe(0);
  });
});

describe("answers with errors go through Apollo's execution of the same plan, without a second call", () => {
  it("partial errors: one root field refused, the other served", async () => {
    const query =
      '{ economy(code: "KEN") { code name } series(indicator: "no_such_indicator", economies: ["KEN"]) { economy { code } } }';
    const statements = await hub.countStatements(async () => {
      const { apollo, passthrough, passedThrough, replayed } = await bothWays(query);
      expect(passthrough).toBe(apollo);
      const parsed = JSON.parse(passthrough) as {
        data: { economy: { code: string } };
        errors: Array<{ extensions: { code: string } }>;
      };
      expect(parsed.data.economy.code).toBe("KEN");
      expect(parsed.errors.length).toBeGreaterThan(0);
      expect(passedThrough).toBe(0);
      expect(replayed).toBe(1);
    });
    const once = await hub.countStatements(() => body(query));
    // Both ways together cost exactly two single runs: the answer with errors was not fetched again.
    expect(statements).toBe(2 * once);
  });
});

describe("plans the gateway must rewrite are not handed on", () => {
  const rewritten: Array<[string, string, Record<string, unknown>]> = [
    ["a root __typename (answered by the gateway)", '{ __typename economy(code: "KEN") { code } }', {}],
    ["introspection next to a subgraph field", '{ __schema { queryType { name } } economy(code: "KEN") { code } }', {}],
    [
      "a root @include on a variable (a condition in the plan)",
      'query ($on: Boolean!) { economy(code: "KEN") @include(if: $on) { code } }',
      { on: true },
    ],
    ["a query across two subgraphs", '{ actionLine(code: "C5") { code events { id } } }', {}],
  ];
  it.each(rewritten)("%s: the same body, through Apollo's execution", async (_name, query, variables) => {
    const { apollo, passthrough, passedThrough } = await bothWays(query, variables);
    expect(passthrough).toBe(apollo);
    expect(passedThrough).toBe(0);
  });
});
