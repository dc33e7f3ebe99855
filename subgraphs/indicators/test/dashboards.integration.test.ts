import { startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { indicatorsModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";
import { dataFile, defaultDatasetsFromFiles, isUnsdTotal, servedM49 } from "./helpers";

let sg: TestSubgraph<SeedCounts>;

beforeAll(async () => {
  sg = await startTestSubgraph(indicatorsModule);
});
afterAll(async () => {
  await sg?.stop();
});

/** The latest row per key of a file, computed here from the file alone. */
function latestBy<R extends Record<string, string>>(
  rows: R[],
  key: (r: R) => string,
  year: (r: R) => number,
): Map<string, R> {
  const latest = new Map<string, R>();
  for (const r of rows) {
    const k = key(r);
    const seen = latest.get(k);
    if (!seen || year(r) > year(seen)) latest.set(k, r);
  }
  return latest;
}

type Obs = { economy: { code: string; m49: string }; year: number; valueText: string; breakdown: { key: string } };

describe("the map view: latest value per economy", () => {
  const q = `query($indicator: String!, $region: String, $kind: EconomyKind, $dataset: String) {
    latestObservations(indicator: $indicator, region: $region, kind: $kind, dataset: $dataset) { economy { code m49 } year valueText breakdown { key } }
  }`;

  it("fixed broadband per 100: one row per economy with data, the latest year of the UN SDG file (any speed)", async () => {
    const res = await sg.query<{ latestObservations: Obs[] }>(q, {
      indicator: "fixed_broadband_per100",
      dataset: "unsd-sdg-2023-12",
    });
    expect(res.errors).toBeUndefined();
    const served = res.data!.latestObservations;
    const rows = dataFile("unsd_sdg_it_net_bbnd.csv").filter((r) => r.type_of_speed === "anys");
    const latest = latestBy(
      rows,
      (r) => r.geo_area,
      (r) => Number(r.year),
    );
    expect(new Set(served.map((o) => o.economy.code)).size).toBe(served.length);
    expect(served).toHaveLength(latest.size);
    expect(served.map((o) => `${Number(o.economy.m49)}|${o.year}|${o.valueText}`).sort()).toEqual(
      [...latest.values()].map((r) => `${servedM49(r.geo_area)}|${r.year}|${r.it_net_bbnd}`).sort(),
    );
    expect(served.every((o) => o.breakdown.key === "_T")).toBe(true);
  });

  it("fixed broadband per 100 from the WDI dataset: one row per country of the WDI file", async () => {
    const res = await sg.query<{ latestObservations: Obs[] }>(q, {
      indicator: "IT.NET.BBND.P2",
      dataset: "wdi-2026-03",
    });
    expect(res.errors).toBeUndefined();
    const latest = latestBy(
      dataFile("gapminder_wdi_broadband_subscribers_per_100_people_2000-2024.csv"),
      (r) => r.geo,
      (r) => Number(r.time),
    );
    expect(res.data!.latestObservations).toHaveLength(latest.size);
    const served = new Map(res.data!.latestObservations.map((o) => [o.economy.code, `${o.year}|${o.valueText}`]));
    for (const r of latest.values()) {
      const code = r.geo === "nld_curacao" ? "CUW" : r.geo.toUpperCase();
      expect(served.get(code)).toBe(`${r.time}|${r.broadband_subscribers_per_100_people}`);
    }
  });

  it("restricts to the countries of a region", async () => {
    const res = await sg.query<{ latestObservations: Obs[] }>(q, {
      indicator: "internet_users_pct",
      region: "Sub-Saharan Africa",
      kind: "COUNTRY",
    });
    expect(res.errors).toBeUndefined();
    const members = new Set(
      dataFile("iso3166_m49_all.csv")
        .filter((r) => r["sub-region-code"] === "202")
        .map((r) => r["alpha-3"]),
    );
    const served = res.data!.latestObservations.map((o) => o.economy.code);
    expect(served.length).toBeGreaterThan(40);
    expect(served.every((code) => members.has(code))).toBe(true);
  });
});

describe("the chart view: series", () => {
  const q = `query($economies: [String!]!, $from: Int, $to: Int, $dataset: String) {
    series(indicator: "internet_users_pct", economies: $economies, fromYear: $from, toYear: $to, dataset: $dataset) { economy { code } points { year valueText breakdown { key } } }
  }`;

  it("returns one series per economy in the order asked, equal to the file", async () => {
    const res = await sg.query<{
      series: Array<{
        economy: { code: string };
        points: Array<{ year: number; valueText: string; breakdown: { key: string } }>;
      }>;
    }>(q, {
      dataset: "unsd-sdg-2023-12",
      economies: ["BRA", "KEN", "356"],
      from: 2010,
      to: 2022,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.series.map((s) => s.economy.code)).toEqual(["BRA", "KEN", "IND"]);
    const file = dataFile("unsd_sdg_it_use_ii99.csv").filter(
      (r) => r.sex === "bothsex" && Number(r.year) >= 2010 && Number(r.year) <= 2022,
    );
    for (const [code, m49] of [
      ["BRA", "76"],
      ["KEN", "404"],
      ["IND", "356"],
    ]) {
      const points = res.data!.series.find((s) => s.economy.code === code)!.points;
      expect(points.map((p) => p.year)).toEqual([...points.map((p) => p.year)].sort((a, b) => a - b));
      expect(points.map((p) => `${p.year}|${p.valueText}`)).toEqual(
        file
          .filter((r) => r.geo_area === m49)
          .sort((a, b) => Number(a.year) - Number(b.year))
          .map((r) => `${r.year}|${r.it_use_ii99}`),
      );
      expect(points.every((p) => p.breakdown.key === "_T")).toBe(true);
    }
  });

  it("takes up to 50 economies in one request, and rejects 51 naming the argument", async () => {
    const codes = dataFile("iso3166_m49_all.csv").map((r) => r["alpha-3"]);
    const ok = await sg.query<{ series: unknown[] }>(q, { economies: codes.slice(0, 50) });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.series).toHaveLength(50);
    const tooMany = await sg.query(q, { economies: codes.slice(0, 51) });
    expect(tooMany.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "economies" });
  });
});

describe("the economy profile: latest value of every indicator", () => {
  it("gives for Kenya the latest total of each indicator from its default dataset, as in the files", async () => {
    const res = await sg.query<{
      economy: {
        latestValues: Array<{ indicator: { code: string }; year: number; valueText: string; dataset: { id: string } }>;
      };
    }>('{ economy(code: "KEN") { latestValues { indicator { code } year valueText dataset { id } } } }');
    expect(res.errors).toBeUndefined();
    // the default dataset of each indicator by the rule, computed from the files alone
    const defaults = defaultDatasetsFromFiles();
    const expected: string[] = [];
    for (const row of dataFile("ict_indicator_catalog.csv")) {
      const dataset = defaults.get(row.id)!.dataset;
      const files = row.data_files.split(";").map((s) => s.trim());
      const file = files.find((f) => f.startsWith(dataset.startsWith("unsd") ? "unsd_" : "gapminder_"))!;
      const rows = dataFile(file);
      const valueColumn = Object.keys(rows[0]).at(-1)!;
      const kenya = file.startsWith("unsd_")
        ? rows.filter((r) => r.geo_area === "404" && isUnsdTotal(r))
        : rows.filter((r) => r.geo === "ken");
      const latest = latestBy(
        kenya,
        () => "KEN",
        (r) => Number(r.year ?? r.time),
      ).get("KEN");
      if (latest) expected.push(`${row.id}|${latest.year ?? latest.time}|${latest[valueColumn]}|${dataset}`);
    }
    // the 16 indicators but the four Kenya has no total of: ICT skills and their parity (no total over the skill;
    // Kenya is not in those files either) and the schools series (no total over the education level)
    expect(expected).toHaveLength(12);
    expect(
      res.data!.economy.latestValues.map((o) => `${o.indicator.code}|${o.year}|${o.valueText}|${o.dataset.id}`),
    ).toEqual(expected);
  });

  it("gives for an aggregate (World) the latest total from the dataset that publishes aggregates", async () => {
    const res = await sg.query<{
      economy: {
        latestValues: Array<{
          indicator: { code: string };
          year: number;
          valueText: string;
          dataset: { id: string };
          aggregate: string;
        }>;
      };
    }>('{ economy(code: "001") { latestValues { indicator { code } year valueText aggregate dataset { id } } } }');
    expect(res.errors).toBeUndefined();
    const world = dataFile("unsd_sdg_it_use_ii99.csv").filter((r) => r.geo_area === "1" && isUnsdTotal(r));
    const latest = latestBy(
      world,
      () => "001",
      (r) => Number(r.year),
    ).get("001")!;
    expect(res.data!.economy.latestValues.find((o) => o.indicator.code === "internet_users_pct")).toEqual({
      indicator: { code: "internet_users_pct" },
      year: Number(latest.year),
      valueText: latest.it_use_ii99,
      aggregate: "OFFICIAL",
      dataset: { id: "unsd-sdg-2023-12" },
    });
  });
});

type Figure = {
  kind: string;
  method: string;
  value: number | null;
  valueText: string | null;
  observation: { nature: string; dataset: { id: string } } | null;
  count: number;
  min: number;
  max: number;
  median: number;
  mean: number;
  populationWeightedMean: number;
  coverage: number;
  populationCovered: number;
  populationTotal: number;
  populationYear: number;
  members: Array<{ economy: { code: string }; value: number | null; population: number | null }>;
};
type Figures = { official: Figure; computed: Figure };

describe("regional figures", () => {
  const q = `query($region: String!, $year: Int!) {
    regionalFigures(indicator: "internet_users_pct", region: $region, year: $year) {
      year region { code } dataset { id }
      official { kind method value valueText observation { nature dataset { id } } }
      computed { kind method value count min max median mean populationWeightedMean coverage populationCovered populationTotal populationYear
                 members { economy { code } value population } }
    }
  }`;

  it("Sub-Saharan Africa 2021: the official UNSD aggregate and a computed one over the M49 members with World Bank weights", async () => {
    const res = await sg.query<{ regionalFigures: Figures }>(q, { region: "Sub-Saharan Africa", year: 2021 });
    expect(res.errors).toBeUndefined();
    const figures = res.data!.regionalFigures;
    const use = dataFile("unsd_sdg_it_use_ii99.csv").filter((r) => r.year === "2021" && r.sex === "bothsex");
    expect(figures.official).toMatchObject({
      kind: "OFFICIAL",
      valueText: use.find((r) => r.geo_area === "202")!.it_use_ii99,
      observation: { nature: "N", dataset: { id: "unsd-sdg-2023-12" } },
    });

    // The same figures, computed here from the files alone.
    const members = dataFile("iso3166_m49_all.csv").filter((r) => r["sub-region-code"] === "202");
    const population = new Map(
      dataFile("wb_sp_pop_totl_2000-2024.csv")
        .filter((r) => r.Year === "2021")
        .map((r) => [r["Country Code"], Number(r.Value)]),
    );
    const value = new Map(use.map((r) => [r.geo_area, Number(r.it_use_ii99)]));
    const withData = members.filter((m) => value.has(String(Number(m["country-code"]))));
    const values = withData.map((m) => value.get(String(Number(m["country-code"])))!).sort((a, b) => a - b);
    const weighted = withData.filter((m) => population.has(m["alpha-3"]));
    const popWithData = weighted.reduce((s, m) => s + population.get(m["alpha-3"])!, 0);
    const popTotal = members.reduce((s, m) => s + (population.get(m["alpha-3"]) ?? 0), 0);
    const weightedMean =
      weighted.reduce((s, m) => s + value.get(String(Number(m["country-code"])))! * population.get(m["alpha-3"])!, 0) /
      popWithData;
    const mid = values.length / 2;
    const median = values.length % 2 ? values[Math.floor(mid)] : (values[mid - 1] + values[mid]) / 2;

    const computed = figures.computed;
    expect(computed.kind).toBe("COMPUTED");
    expect(computed.members).toHaveLength(members.length);
    expect(computed.count).toBe(values.length);
    expect(computed.min).toBe(values[0]);
    expect(computed.max).toBe(values.at(-1));
    expect(computed.median).toBeCloseTo(median, 9);
    expect(computed.mean).toBeCloseTo(values.reduce((s, v) => s + v, 0) / values.length, 9);
    expect(computed.populationWeightedMean).toBeCloseTo(weightedMean, 9);
    expect(computed.value).toBe(computed.populationWeightedMean);
    expect(computed.populationCovered).toBe(popWithData);
    expect(computed.populationTotal).toBe(popTotal);
    expect(computed.coverage).toBeCloseTo(popWithData / popTotal, 12);
    expect(computed.populationYear).toBe(2021);
    expect(computed.method).toContain("SP.POP.TOTL");
    expect(figures.official.method).toContain("does not recompute");
  });

  it("a group whose members the data does not give: official only, computed null", async () => {
    const res = await sg.query<{ regionalFigures: { official: { valueText: string } | null; computed: unknown } }>(q, {
      region: "722",
      year: 2020,
    });
    expect(res.errors).toBeUndefined();
    const row = dataFile("unsd_sdg_it_use_ii99.csv").find(
      (r) => r.geo_area === "722" && r.year === "2020" && r.sex === "bothsex",
    )!;
    expect(res.data!.regionalFigures.official!.valueText).toBe(row.it_use_ii99);
    expect(res.data!.regionalFigures.computed).toBeNull();
  });

  it("a region the source publishes no aggregate for: computed only", async () => {
    const res = await sg.query<{ regionalFigures: { official: unknown; computed: { count: number } } }>(q, {
      region: "Western Europe",
      year: 2020,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.regionalFigures.official).toBeNull();
    expect(res.data!.regionalFigures.computed.count).toBeGreaterThan(5);
  });
});

describe("provenance", () => {
  it("every observation answers its dataset, release, licence, citation, source file and nature", async () => {
    const res = await sg.query<{
      observations: {
        edges: Array<{
          node: {
            nature: string;
            natureLabel: string;
            dataset: { id: string; release: string; licence: string; citation: string };
            source: { url: string };
          };
        }>;
      };
    }>(
      '{ observations(filter: { indicator: "fixed_broadband_per100", economies: ["KEN"], dataset: "unsd-sdg-2023-12" }, first: 5) { edges { node { nature natureLabel footnote dataset { id release licence citation } source { url } } } } }',
    );
    expect(res.errors).toBeUndefined();
    for (const { node } of res.data!.observations.edges) {
      expect(node.dataset).toMatchObject({ id: "unsd-sdg-2023-12", licence: "CC-BY-4.0" });
      expect(node.dataset.citation).toContain("IT_NET_BBND");
      expect(node.dataset.release).toContain("e0117e9f");
      expect(node.source.url).toContain("it_net_bbnd");
      expect(node.natureLabel).toBe("Estimated data");
    }
  });

  it("every dataset has a licence and a citation; the WDI one says the data are ITU's", async () => {
    const res = await sg.query<{
      datasets: Array<{
        id: string;
        licence: string;
        citation: string;
        publisher: string;
        publisherAgency: { id: string };
      }>;
    }>("{ datasets { id licence citation publisher publisherAgency { id } } }");
    expect(res.data!.datasets.map((d) => d.id)).toEqual(["gapminder-pc-2026-03", "unsd-sdg-2023-12", "wdi-2026-03"]);
    const wdi = res.data!.datasets.find((d) => d.id === "wdi-2026-03")!;
    expect(wdi.publisherAgency).toEqual({ id: "WB" });
    expect(wdi.citation).toContain("International Telecommunication Union");
    expect(res.data!.datasets.every((d) => d.licence && d.citation.length > 50)).toBe(true);
  });
});

describe("pagination", () => {
  it("pages of 7 with cursors give exactly the rows of one page of 1000, with the same totalCount", async () => {
    const filter = { indicator: "mobile_phone_ownership_pct", economies: ["KEN", "IND", "BRA", "001"] };
    type Page = {
      observations: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: Array<{ cursor: string; node: { id: string } }>;
      };
    };
    const q =
      "query($f: ObservationFilter!, $first: Int, $after: String) { observations(filter: $f, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }";
    const whole = (await sg.query<Page>(q, { f: filter, first: 1000 })).data!.observations;
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page["observations"] = (await sg.query<Page>(q, { f: filter, first: 7, after })).data!.observations;
      expect(page.totalCount).toBe(whole.totalCount);
      ids.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(whole.edges.length).toBe(whole.totalCount);
    expect(ids).toEqual(whole.edges.map((e) => e.node.id));
  });
});

describe("bad input", () => {
  const obs = (args: string) => `{ observations(${args}) { totalCount } }`;
  it.each([
    [obs('filter: { indicator: "internet_users_pct" }, first: 1001'), "BAD_USER_INPUT", "first"],
    [obs('filter: { indicator: "internet_users_pct" }, first: -1'), "BAD_USER_INPUT", "first"],
    [obs('filter: { indicator: "internet_users_pct", fromYear: 2022, toYear: 2010 }'), "BAD_USER_INPUT", "fromYear"],
    [obs('filter: { indicator: "internet_users_pct", toYear: 3000 }'), "BAD_USER_INPUT", "toYear"],
    [obs('filter: { indicator: "no_such_indicator" }'), "BAD_USER_INPUT", "indicator"],
    [obs('filter: { indicator: "internet_users_pct", economies: ["KEN", "ZZZ"] }'), "BAD_USER_INPUT", "economies"],
    [obs('filter: { indicator: "internet_users_pct", economies: ["KE"] }'), "BAD_USER_INPUT", "economies"],
    [obs('filter: { indicator: "internet_users_pct", region: "Atlantis" }'), "BAD_USER_INPUT", "region"],
    [obs('filter: { indicator: "internet_users_pct", region: "KEN" }'), "BAD_USER_INPUT", "region"],
    [obs('filter: { indicator: "internet_users_pct", region: "432" }'), "BAD_USER_INPUT", "region"],
    [obs('filter: { indicator: "internet_users_pct", dataset: "no-such-dataset" }'), "BAD_USER_INPUT", "dataset"],
    [obs('filter: { indicator: "mobile_cellular_per100", dataset: "unsd-sdg-2023-12" }'), "BAD_USER_INPUT", "dataset"],
    [obs('filter: { indicator: "internet_users_pct", breakdown: { sex: "X" } }'), "BAD_USER_INPUT", "breakdown.sex"],
    [obs('filter: { indicator: "internet_users_pct" }, after: "not-a-cursor"'), "BAD_USER_INPUT", "after"],
    ['{ latestObservations(indicator: "nope") { year } }', "BAD_USER_INPUT", "indicator"],
    [
      '{ series(indicator: "internet_users_pct", economies: ["KEN"], fromYear: 2020, toYear: 2019) { points { year } } }',
      "BAD_USER_INPUT",
      "fromYear",
    ],
    [
      '{ regionalFigures(indicator: "internet_users_pct", region: "Africa", year: 3000) { year } }',
      "BAD_USER_INPUT",
      "year",
    ],
    [
      '{ regionalFigures(indicator: "internet_users_pct", region: "Narnia", year: 2020) { year } }',
      "BAD_USER_INPUT",
      "region",
    ],
  ])("%s → %s naming %s", async (query, code, argumentName) => {
    const res = await sg.query(query);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code, argumentName });
    expect(res.errors![0].message).toContain(argumentName.split(".")[0]);
    expect(JSON.stringify(res.errors)).not.toMatch(/stack|at .*\.ts|SELECT/);
  });

  it("names the unknown codes in a BAD_USER_INPUT", async () => {
    const res = await sg.query(obs('filter: { indicator: "internet_users_pct", economies: ["KEN", "ZZZ", "998"] }'));
    expect(res.errors![0].message).toContain("ZZZ");
    expect(res.errors![0].extensions).toMatchObject({ codes: ["ZZZ", "998"] });
  });

  it("a cursor of another indicator is refused", async () => {
    const first = await sg.query<{ observations: { pageInfo: { endCursor: string } } }>(
      '{ observations(filter: { indicator: "internet_users_pct" }, first: 1) { pageInfo { endCursor } } }',
    );
    const res = await sg.query(
      obs(`filter: { indicator: "fixed_broadband_per100" }, after: "${first.data!.observations.pageInfo.endCursor}"`),
    );
    expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "after" });
  });
});
