import { startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import type { Indicator } from "../src/indicator/indicator.entity";
import { indicatorsModule } from "../src/module";
import { TOTAL_KEY } from "../src/observation/breakdown";
import { LATEST_VALUES_SQL } from "../src/observation/observation.loaders";
import { latestObservationsSql, seriesSql, whereClause } from "../src/observation/observation.queries";
import type { ResolvedFilter } from "../src/observation/observation.args";
import { OBSERVATION_COLUMNS } from "../src/observation/observation.rows";
import { FLAGS_SQL, OTHER_DATASETS_SQL } from "../src/quality/quality.loaders";
import { REGIONAL_STATS_SQL } from "../src/regional/regional.loaders";
import type { SeedCounts } from "../src/seed/seed";

let sg: TestSubgraph<SeedCounts>;

beforeAll(async () => {
  sg = await startTestSubgraph(indicatorsModule);
});
afterAll(async () => {
  await sg?.stop();
});

describe("no N+1", () => {
  const page = `query($first: Int) {
    observations(filter: { indicator: "internet_users_pct" }, first: $first) {
      edges { node { year value economy { name region } indicator { name } } }
    }
  }`;

  it("a page of 1000 observations with economy { name region } and indicator { name } costs as many statements as a page of 10", async () => {
    let big = 0;
    let small = 0;
    const many = await sg.countStatements(async () => {
      const res = await sg.query<{ observations: { edges: unknown[] } }>(page, { first: 1000 });
      expect(res.errors).toBeUndefined();
      big = res.data!.observations.edges.length;
    });
    const few = await sg.countStatements(async () => {
      const res = await sg.query<{ observations: { edges: unknown[] } }>(page, { first: 10 });
      small = res.data!.observations.edges.length;
    });
    expect(big).toBe(1000);
    expect(small).toBe(10);
    expect(many).toBe(few);
    // the indicator list (to resolve the filter's code), the page, the economies of the page
    expect(many).toBe(3);
  });

  it("also with totalCount, provenance and breakdown: still independent of the page size", async () => {
    const q = `query($first: Int) {
      observations(filter: { indicator: "fixed_broadband_per100", fromYear: 2010 }, first: $first) {
        totalCount edges { node { economy { code name } indicator { name unit } dataset { id citation } source { url } breakdown { speed } unit nature } }
      }
    }`;
    const many = await sg.countStatements(() => sg.query(q, { first: 1000 }));
    const few = await sg.countStatements(() => sg.query(q, { first: 10 }));
    expect(many).toBe(few);
  });

  it("every economy's profile and memberships cost as many statements as those of one region", async () => {
    const q = `query($region: String) { economies(filter: { region: $region }) { code members { code } memberOf { code } latestValues { year indicator { name } dataset { id } } } }`;
    let all = 0;
    const everyEconomy = await sg.countStatements(async () => {
      all = (await sg.query<{ economies: unknown[] }>(q, {})).data!.economies.length;
    });
    let some = 0;
    const oneRegion = await sg.countStatements(async () => {
      some = (await sg.query<{ economies: unknown[] }>(q, { region: "Northern Africa" })).data!.economies.length;
    });
    expect(all).toBeGreaterThan(280);
    expect(some).toBeLessThan(10);
    // The statement count depends on the depth of the query, not on the number of economies: 8 for all 289 economies;
    // the region form costs one more, as it first reads the region's member list to know which economies to return.
    expect(everyEconomy).toBe(8);
    expect(oneRegion).toBe(everyEconomy + 1);
  });

  it("batches entity references: _entities costs one statement per type, whatever the number of keys", async () => {
    const economies = ["KEN", "IND", "BRA", "001", "202", "404", "che", "XKX", "FRA", "DEU"].map((code) => ({
      __typename: "Economy",
      code,
    }));
    const indicators = [
      "internet_users_pct",
      "fixed_broadband_per100",
      "mobile_cellular_per100",
      "mobile_network_4g_pct",
    ].map((code) => ({
      __typename: "Indicator",
      code,
    }));
    const q =
      "query($r: [_Any!]!) { _entities(representations: $r) { ... on Economy { code name } ... on Indicator { code name } } }";
    let served: Array<{ code: string } | null> = [];
    expect(
      await sg.countStatements(
        async () =>
          (served = (await sg.query<{ _entities: Array<{ code: string }> }>(q, { r: economies })).data!._entities),
      ),
    ).toBe(1);
    expect(served.map((e) => e?.code)).toEqual(["KEN", "IND", "BRA", "001", "202", "KEN", "CHE", "XKX", "FRA", "DEU"]);
    expect(await sg.countStatements(() => sg.query(q, { r: indicators }))).toBe(1);
    expect(await sg.countStatements(() => sg.query(q, { r: [...economies, ...indicators] }))).toBe(2);
  });
});

/**
 * Query plans. The observation table holds the 39,250 real observations; at that size the planner already prefers the
 * indexes for these reads, so this test does NOT touch enable_seqscan: a Seq Scan on observation fails it.
 */
describe("query plans use the indexes, not sequential scans of observation", () => {
  interface PlanNode {
    "Node Type": string;
    "Relation Name"?: string;
    "Index Name"?: string;
    Plans?: PlanNode[];
  }
  const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

  /**
   * The plan's nodes. observation is partitioned by dataset: a partition and its indexes are named here by the table
   * and the index they are partitions of (observation, observation_latest_idx...), so a Seq Scan of any partition counts.
   */
  async function explain(sql: string, params: unknown[]): Promise<PlanNode[]> {
    const rows: Array<{ "QUERY PLAN": Array<{ Plan: PlanNode }> }> = await sg.dataSource.query(
      `EXPLAIN (FORMAT JSON) ${sql}`,
      params,
    );
    const plan = nodes(rows[0]["QUERY PLAN"][0].Plan);
    const names = [
      ...new Set(
        plan.flatMap((n) => [n["Relation Name"], n["Index Name"]]).filter((x): x is string => x !== undefined),
      ),
    ];
    const roots: Array<{ name: string; root: string }> = await sg.dataSource.query(
      `SELECT c.relname AS name, r.relname AS root
         FROM pg_class c JOIN pg_class r ON r.oid = pg_partition_root(c.oid)
        WHERE c.relname = ANY($1) AND c.relnamespace = 'indicators'::regnamespace`,
      [names],
    );
    const rootOf = new Map(roots.map((r) => [r.name, r.root]));
    return plan.map((n) => ({
      ...n,
      "Relation Name": n["Relation Name"] && (rootOf.get(n["Relation Name"]) ?? n["Relation Name"]),
      "Index Name": n["Index Name"] && (rootOf.get(n["Index Name"]) ?? n["Index Name"]),
    }));
  }

  function expectIndexedRead(plan: PlanNode[], indexes: string[]) {
    const onObservation = plan.filter(
      (n) => n["Relation Name"] === "observation" || (n["Index Name"] ?? "").startsWith("observation_"),
    );
    expect(onObservation.length).toBeGreaterThan(0);
    expect(onObservation.filter((n) => n["Node Type"] === "Seq Scan")).toEqual([]);
    expect(onObservation.some((n) => indexes.includes(n["Index Name"] ?? ""))).toBe(true);
  }

  const indicator = (code: string, defaultDatasetId: string) => ({ code, defaultDatasetId }) as Indicator;
  const filter = (over: Partial<ResolvedFilter>): ResolvedFilter => ({
    indicator: indicator("fixed_broadband_per100", "unsd-sdg-2023-12"),
    datasetId: "unsd-sdg-2023-12",
    economyCodes: null,
    regionCode: null,
    kind: null,
    fromYear: null,
    toYear: null,
    breakdownKey: TOTAL_KEY,
    ...over,
  });

  it("the map view (latest per economy, one probe each) reads observation_latest_idx", async () => {
    const { sql, params } = latestObservationsSql(filter({}));
    expectIndexedRead(await explain(sql, params), ["observation_latest_idx"]);
  });

  it("the map view restricted to a region reads observation_latest_idx", async () => {
    const { sql, params } = latestObservationsSql(
      filter({ indicator: indicator("internet_users_pct", "unsd-sdg-2023-12"), regionCode: "002" }),
    );
    expectIndexedRead(await explain(sql, params), [
      "observation_latest_idx",
      "observation_pkey",
      "observation_economy_idx",
    ]);
  });

  it("the chart view (series of a few economies) reads an index", async () => {
    const { sql, params } = seriesSql(
      filter({
        indicator: indicator("internet_users_pct", "unsd-sdg-2023-12"),
        economyCodes: ["KEN", "IND", "BRA"],
        fromYear: 2010,
        toYear: 2022,
      }),
    );
    expectIndexedRead(await explain(sql, params), [
      "observation_latest_idx",
      "observation_pkey",
      "observation_economy_idx",
    ]);
  });

  it("a page of observations reads the primary key in order", async () => {
    const { sql, params } = whereClause(
      filter({ indicator: indicator("internet_users_pct", "unsd-sdg-2023-12"), breakdownKey: null }),
    );
    const plan = await explain(
      `SELECT ${OBSERVATION_COLUMNS} FROM observation o WHERE ${sql} ORDER BY o.economy_code, o.year, o.breakdown_key LIMIT 1001`,
      params,
    );
    expectIndexedRead(plan, ["observation_pkey"]);
    expect(plan.some((n) => n["Node Type"] === "Sort")).toBe(false);
  });

  it("the economy profile (latest of every indicator, one probe each) reads observation_latest_idx", async () => {
    expectIndexedRead(await explain(LATEST_VALUES_SQL, [["KEN", "IND"], TOTAL_KEY]), ["observation_latest_idx"]);
  });

  it("a page of totals (the default) reads the primary key in order, without a sort", async () => {
    const { sql, params } = whereClause(filter({ indicator: indicator("internet_users_pct", "unsd-sdg-2023-12") }));
    const plan = await explain(
      `SELECT ${OBSERVATION_COLUMNS} FROM observation o WHERE ${sql} ORDER BY o.economy_code, o.year, o.breakdown_key LIMIT 1001`,
      params,
    );
    expectIndexedRead(plan, ["observation_pkey", "observation_latest_idx"]);
    expect(plan.some((n) => n["Node Type"] === "Sort")).toBe(false);
  });

  it("the map with minYear (latest per economy, one probe each) reads an index that ends with the year", async () => {
    const { sql, params } = latestObservationsSql(filter({ fromYear: 2022 }));
    expectIndexedRead(await explain(sql, params), ["observation_latest_idx", "observation_economy_idx"]);
  });

  it("the other datasets of a page look the same keys up by index", async () => {
    const keys = [
      ["k1", "internet_users_pct", "unsd-sdg-2023-12", "KEN", 2015, "_T"],
      ["k2", "internet_users_pct", "unsd-sdg-2023-12", "IND", 2015, "_T"],
    ];
    const plan = await explain(
      OTHER_DATASETS_SQL,
      keys[0].map((_, i) => keys.map((k) => k[i])),
    );
    expectIndexedRead(plan, ["observation_economy_idx", "observation_pkey", "observation_latest_idx"]);
  });

  it("the quality flags of a page are index probes of the flag table", async () => {
    const plan = await explain(FLAGS_SQL, [
      ["k"],
      ["internet_users_pct"],
      ["unsd-sdg-2023-12"],
      ["BHS"],
      [2010],
      ["_T"],
      [1],
    ]);
    expect(
      plan.filter((n) => n["Relation Name"] === "observation_quality_flag" && n["Node Type"] === "Seq Scan"),
    ).toEqual([]);
    expect(
      plan.some((n) =>
        ["observation_quality_flag_pkey", "observation_quality_flag_scope_idx"].includes(n["Index Name"] ?? ""),
      ),
    ).toBe(true);
  });

  it("computed regional figures look observations up by key", async () => {
    const plan = await explain(REGIONAL_STATS_SQL, [
      ["k"],
      ["internet_users_pct"],
      ["unsd-sdg-2023-12"],
      ["202"],
      [2021],
      [TOTAL_KEY],
    ]);
    expectIndexedRead(plan, ["observation_pkey", "observation_latest_idx", "observation_economy_idx"]);
  });
});
