/**
 * Defaults that answer the question asked (#12 §2): totals unless a breakdown is asked for, the freshest complete
 * source, maps that say their years, case-insensitive codes, and one meaning for an unknown code (null in a lookup,
 * BAD_USER_INPUT naming the argument and the code in a filter) on every root field of the subgraph.
 */
import { startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { DATASET_CHOICE_RULE } from "../src/dataset/dataset-choice";
import { indicatorsModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";
import { countryCodes, dataFile, defaultDatasetsFromFiles, isUnsdTotal } from "./helpers";

const UNSD = "unsd-sdg-2023-12";
const WDI = "wdi-2026-03";

let sg: TestSubgraph<SeedCounts>;

beforeAll(async () => {
  sg = await startTestSubgraph(indicatorsModule);
});
afterAll(async () => {
  await sg?.stop();
});

type Node = {
  economy: { code: string };
  year: number;
  valueText: string;
  breakdown: { key: string };
  dataset: { id: string };
};
type Page = { observations: { totalCount: number; edges: Array<{ node: Node }> } };

const PAGE = `query($f: ObservationFilter!) {
  observations(filter: $f, first: 1000) { totalCount edges { node { economy { code } year valueText breakdown { key } dataset { id } } } }
}`;

async function observations(filter: Record<string, unknown>): Promise<Node[]> {
  const res = await sg.query<Page>(PAGE, { f: filter });
  expect(res.errors).toBeUndefined();
  return res.data!.observations.edges.map((e) => e.node);
}

const row = (n: Node) => `${n.economy.code}|${n.year}|${n.breakdown.key}|${n.valueText}|${n.dataset.id}`;

describe("totals unless a breakdown is asked for", () => {
  const kenya2015 = { indicator: "internet_users_pct", economies: ["KEN"], fromYear: 2015, toYear: 2015 };

  it("observations: one figure per economy and year (Kenya 2015: 16.59 total, not also 13.45 and 19.82)", async () => {
    expect((await observations({ ...kenya2015, dataset: UNSD })).map(row)).toEqual([`KEN|2015|_T|16.59|${UNSD}`]);
    // every year of every economy once, in the default dataset too
    const all = await observations({ indicator: "internet_users_pct", economies: ["KEN", "IND", "BRA"] });
    expect(new Set(all.map((n) => `${n.economy.code}|${n.year}`)).size).toBe(all.length);
    expect(all.every((n) => n.breakdown.key === "_T")).toBe(true);
  });

  it("a breakdown asked for is served, from a dataset that has it when the default has none (saved queries keep working)", async () => {
    expect((await observations({ ...kenya2015, breakdown: { sex: "FEMALE" } })).map(row)).toEqual([
      `KEN|2015|sex=FEMALE|13.45|${UNSD}`,
    ]);
    expect((await observations({ ...kenya2015, breakdown: { sex: "female" } })).map(row)).toEqual([
      `KEN|2015|sex=FEMALE|13.45|${UNSD}`,
    ]);
    const speed = await observations({
      indicator: "fixed_broadband_per100",
      economies: ["KEN"],
      fromYear: 2015,
      toYear: 2015,
      breakdown: { speed: "10MBPS" },
    });
    expect(speed.map(row)).toEqual([`KEN|2015|speed=10MBPS|0|${UNSD}`]);
  });

  it("allBreakdowns: every breakdown, interleaved, from the best-ranked dataset that has breakdowns", async () => {
    expect((await observations({ ...kenya2015, allBreakdowns: true })).map(row)).toEqual([
      `KEN|2015|_T|16.59|${UNSD}`,
      `KEN|2015|sex=FEMALE|13.45|${UNSD}`,
      `KEN|2015|sex=MALE|19.82|${UNSD}`,
    ]);
  });

  it.each([
    [{ breakdown: { sex: "FEMALE" }, allBreakdowns: true }, "allBreakdowns", /not both/],
    [
      { breakdown: { sex: "FEMALE" }, dataset: WDI },
      "breakdown",
      /wdi-2026-03.*no observations.*sex=FEMALE.*unsd-sdg-2023-12/,
    ],
    [{ breakdown: { speed: "10MBPS" } }, "breakdown.speed", /no breakdown by speed/],
    [{ breakdown: { sex: "OTHER" } }, "breakdown.sex", /FEMALE, MALE/],
  ])(
    "a breakdown that cannot be served is BAD_USER_INPUT naming the argument and what is allowed: %j",
    async (extra, argumentName, message) => {
      const res = await sg.query(PAGE, { f: { ...kenya2015, ...extra } });
      expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName });
      expect(res.errors![0].message).toMatch(message);
    },
  );

  it("series and the map are totals too: one point per year, one row per economy", async () => {
    const res = await sg.query<{
      series: Array<{ points: Array<{ year: number; breakdown: { key: string } }> }>;
      latestObservations: Array<{ breakdown: { key: string } }>;
    }>(
      `{ series(indicator: "internet_users_pct", economies: ["KEN"], dataset: "${UNSD}") { points { year breakdown { key } } }
         latestObservations(indicator: "internet_users_pct", dataset: "${UNSD}") { breakdown { key } } }`,
    );
    expect(res.errors).toBeUndefined();
    const years = res.data!.series[0].points.map((p) => p.year);
    expect(new Set(years).size).toBe(years.length);
    expect(
      [...res.data!.series[0].points, ...res.data!.latestObservations].every((p) => p.breakdown.key === "_T"),
    ).toBe(true);
  });
});

describe("the freshest complete source by default", () => {
  type Choice = {
    code: string;
    defaultDataset: { id: string };
    defaultDatasetChoice: {
      dataset: { id: string };
      rule: string;
      reason: string;
      latestYear: number | null;
      economiesInLatestYear: number;
      aggregateDataset: { id: string } | null;
    };
    datasets: Array<{
      dataset: { id: string };
      rank: number;
      latestCompleteYear: number | null;
      isDefault: boolean;
      hasAggregates: boolean;
    }>;
  };
  const q = `{ indicators { code defaultDataset { id }
    defaultDatasetChoice { dataset { id } rule reason latestYear economiesInLatestYear aggregateDataset { id } }
    datasets { dataset { id } rank latestCompleteYear isDefault hasAggregates } } }`;

  it("every indicator's default is the dataset the rule picks from the files (computed here independently)", async () => {
    const res = await sg.query<{ indicators: Choice[] }>(q);
    expect(res.errors).toBeUndefined();
    const expected = defaultDatasetsFromFiles();
    for (const i of res.data!.indicators) {
      const e = expected.get(i.code)!;
      expect({
        code: i.code,
        dataset: i.defaultDataset.id,
        year: i.defaultDatasetChoice.latestYear,
        n: i.defaultDatasetChoice.economiesInLatestYear,
      }).toEqual({
        code: i.code,
        dataset: e.dataset,
        year: e.year,
        n: e.countries,
      });
      expect(i.defaultDatasetChoice.dataset.id).toBe(i.defaultDataset.id);
      expect(i.defaultDatasetChoice.rule).toBe(DATASET_CHOICE_RULE);
      expect(i.datasets.find((d) => d.isDefault)).toMatchObject({ rank: 1, dataset: { id: e.dataset } });
    }
    expect(sg.seedResult.defaultDatasets.map((d) => [d.indicator, d.dataset])).toEqual(
      [...expected].map(([code, e]) => [code, e.dataset]),
    );
  });

  it("internet use: the WDI (complete to 2023), not the UN SDG extract (complete to 2021); aggregates from the UN SDG database", async () => {
    const internet = (await sg.query<{ indicators: Choice[] }>(q)).data!.indicators.find(
      (i) => i.code === "internet_users_pct",
    )!;
    expect(internet.defaultDatasetChoice).toMatchObject({
      dataset: { id: WDI },
      latestYear: 2023,
      aggregateDataset: { id: UNSD },
    });
    expect(internet.defaultDatasetChoice.reason).toMatch(
      /"wdi-2026-03" is complete to 2023 \(\d+ countries that year\); "unsd-sdg-2023-12" is complete to 2021/,
    );
    // the partial 2024 of the WDI (a few dozen countries) is not its latest complete year
    const wdi2024 = dataFile("gapminder_wdi_internet_users_2000-2024.csv").filter((r) => r.time === "2024").length;
    expect(wdi2024).toBeLessThan(100);
    expect(internet.datasets.map((d) => [d.dataset.id, d.rank, d.latestCompleteYear, d.hasAggregates])).toEqual([
      [UNSD, 2, 2021, true],
      [WDI, 1, 2023, false],
    ]);
  });

  it("a read of aggregates only is served by the dataset that publishes aggregates", async () => {
    const world = await observations({
      indicator: "internet_users_pct",
      economies: ["001"],
      fromYear: 2020,
      toYear: 2020,
    });
    const file = dataFile("unsd_sdg_it_use_ii99.csv").find(
      (r) => r.geo_area === "1" && r.year === "2020" && isUnsdTotal(r),
    )!;
    expect(world.map(row)).toEqual([`001|2020|_T|${file.it_use_ii99}|${UNSD}`]);
    const res = await sg.query<{ latestObservations: Array<{ dataset: { id: string }; aggregate: string }> }>(
      '{ latestObservations(indicator: "internet_users_pct", kind: AGGREGATE) { aggregate dataset { id } } }',
    );
    expect(res.data!.latestObservations.length).toBeGreaterThan(20);
    expect(res.data!.latestObservations.every((o) => o.dataset.id === UNSD && o.aggregate === "OFFICIAL")).toBe(true);
  });

  it("a series of countries and aggregates together reads each from the dataset that answers it (the chart's regional line is not empty)", async () => {
    const q = `{ series(indicator: "internet_users_pct", economies: ["KEN", "202"], fromYear: 2015, toYear: 2020) { economy { code } points { year valueText dataset { id } } } }`;
    const res = await sg.query<{
      series: Array<{
        economy: { code: string };
        points: Array<{ year: number; valueText: string; dataset: { id: string } }>;
      }>;
    }>(q);
    expect(res.errors).toBeUndefined();
    const [kenya, africa] = res.data!.series;
    expect(kenya.economy.code).toBe("KEN");
    expect(new Set(kenya.points.map((p) => p.dataset.id))).toEqual(new Set([WDI]));
    const file = dataFile("unsd_sdg_it_use_ii99.csv").filter(
      (r) => r.geo_area === "202" && Number(r.year) >= 2015 && Number(r.year) <= 2020 && isUnsdTotal(r),
    );
    expect(file.length).toBeGreaterThan(0);
    expect(africa.points.map((p) => `${p.year}|${p.valueText}|${p.dataset.id}`)).toEqual(
      file.sort((a, b) => Number(a.year) - Number(b.year)).map((r) => `${r.year}|${r.it_use_ii99}|${UNSD}`),
    );
  });
});

describe("maps that do not mix years silently", () => {
  type Map = { latestObservations: Array<{ economy: { code: string }; year: number }> };
  const q = `query($min: Int, $max: Int) { latestObservations(indicator: "internet_users_pct", minYear: $min, maxYear: $max) { economy { code } year } }`;

  it("minYear leaves out economies whose latest figure is older; maxYear reads the map as of a year", async () => {
    const { gapminder } = countryCodes();
    const latest = new Map<string, number>();
    for (const r of dataFile("gapminder_wdi_internet_users_2000-2024.csv")) {
      const code = gapminder(r.geo)!;
      latest.set(code, Math.max(latest.get(code) ?? 0, Number(r.time)));
    }
    const all = (await sg.query<Map>(q, {})).data!.latestObservations;
    expect(all).toHaveLength(latest.size);
    expect(new Set(all.map((o) => o.year)).size).toBeGreaterThan(1);
    const recent = (await sg.query<Map>(q, { min: 2023 })).data!.latestObservations;
    expect(recent.every((o) => o.year >= 2023)).toBe(true);
    expect(recent).toHaveLength([...latest.values()].filter((y) => y >= 2023).length);
    const asOf2015 = (await sg.query<Map>(q, { max: 2015 })).data!.latestObservations;
    expect(asOf2015.length).toBeGreaterThan(150);
    expect(asOf2015.every((o) => o.year <= 2015)).toBe(true);
  });

  it("an inverted range names minYear", async () => {
    const res = await sg.query(q, { min: 2022, max: 2010 });
    expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "minYear" });
  });
});

describe("codes are case-insensitive on input and answered in their canonical form", () => {
  it("lookups", async () => {
    const res = await sg.query(
      `{ a: economy(code: "ken") { code } b: indicator(code: "INTERNET_USERS_PCT") { code } c: dataset(id: "WDI-2026-03") { id }
         d: datasetRelease(dataset: "UNSD-SDG-2023-12", number: 1) { number dataset { id } } e: indicator(code: "it_use_II99") { code } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      a: { code: "KEN" },
      b: { code: "internet_users_pct" },
      c: { id: WDI },
      d: { number: 1, dataset: { id: UNSD } },
      e: { code: "internet_users_pct" },
    });
  });

  it("filters", async () => {
    const lower = await observations({
      indicator: "INTERNET_USERS_PCT",
      economies: ["ken"],
      dataset: "UNSD-SDG-2023-12",
      fromYear: 2015,
      toYear: 2015,
      breakdown: { sex: "Female" },
    });
    expect(lower.map(row)).toEqual([`KEN|2015|sex=FEMALE|13.45|${UNSD}`]);
    const res = await sg.query<{ economies: unknown[]; latestObservations: unknown[]; changes: { edges: unknown[] } }>(
      `{ economies(filter: { region: "sub-saharan africa" }) { code }
         latestObservations(indicator: "Internet_Users_Pct", region: "SUB-SAHARAN AFRICA") { year }
         changes(since: "2000-01-01T00:00:00Z", dataset: "WDI-2026-03", first: 1) { edges { cursor } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.economies.length).toBeGreaterThan(40);
    expect(res.data!.latestObservations.length).toBeGreaterThan(40);
    expect(res.data!.changes.edges).toHaveLength(1);
  });
});

describe("one meaning for an unknown code", () => {
  it("a single lookup of an unknown code is null", async () => {
    const res = await sg.query(
      `{ economy(code: "ZZZ") { code } indicator(code: "nope") { code } dataset(id: "no-such-dataset") { id }
         datasetRelease(dataset: "no-such-dataset", number: 1) { number }
         _entities(representations: [{ __typename: "Economy", code: "ZZZ" }, { __typename: "Indicator", code: "nope" }]) { __typename } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      economy: null,
      indicator: null,
      dataset: null,
      datasetRelease: null,
      _entities: [null, null],
    });
  });

  const obs = (filter: string) => `{ observations(filter: { ${filter} }) { totalCount } }`;
  it.each([
    [obs('indicator: "nope"'), "indicator", "nope"],
    [obs('indicator: "internet_users_pct", economies: ["KEN", "ZZZ"]'), "economies", "ZZZ"],
    [obs('indicator: "internet_users_pct", region: "Atlantis"'), "region", "Atlantis"],
    [obs('indicator: "internet_users_pct", dataset: "no-such-dataset"'), "dataset", "no-such-dataset"],
    ['{ latestObservations(indicator: "nope") { year } }', "indicator", "nope"],
    ['{ latestObservations(indicator: "internet_users_pct", economies: ["ZZZ"]) { year } }', "economies", "ZZZ"],
    ['{ latestObservations(indicator: "internet_users_pct", region: "Atlantis") { year } }', "region", "Atlantis"],
    ['{ latestObservations(indicator: "internet_users_pct", dataset: "nope") { year } }', "dataset", "nope"],
    ['{ series(indicator: "nope", economies: ["KEN"]) { economy { code } } }', "indicator", "nope"],
    ['{ series(indicator: "internet_users_pct", economies: ["ZZZ"]) { economy { code } } }', "economies", "ZZZ"],
    [
      '{ series(indicator: "internet_users_pct", economies: ["KEN"], dataset: "nope") { economy { code } } }',
      "dataset",
      "nope",
    ],
    ['{ regionalFigures(indicator: "nope", region: "Africa", year: 2020) { year } }', "indicator", "nope"],
    [
      '{ regionalFigures(indicator: "internet_users_pct", region: "Atlantis", year: 2020) { year } }',
      "region",
      "Atlantis",
    ],
    [
      '{ regionalFigures(indicator: "internet_users_pct", region: "Africa", year: 2020, dataset: "nope") { year } }',
      "dataset",
      "nope",
    ],
    ['{ economies(filter: { region: "Atlantis" }) { code } }', "region", "Atlantis"],
    ['{ changes(since: "2000-01-01T00:00:00Z", dataset: "nope") { edges { cursor } } }', "dataset", "nope"],
    [
      `{ observations(filter: { indicator: "internet_users_pct", dataset: "${UNSD}" }, release: 99) { totalCount } }`,
      "release",
      "99",
    ],
  ])("%s is BAD_USER_INPUT naming %s and the code", async (query, argumentName, code) => {
    const res = await sg.query(query);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName, codes: [code] });
    expect(res.errors![0].message).toContain(code);
  });
});
