import { readdirSync } from "node:fs";
import path from "node:path";
import { startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { indicatorsModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";
import { allObservations, dataFile, defaultDatasetsFromFiles, servedM49 } from "./helpers";

const UNSD = "unsd-sdg-2023-12";
const WDI = "wdi-2026-03";
const PC = "gapminder-pc-2026-03";

/** Every observation file shipped in data/, with the indicator and dataset it must be served under. */
const FILES: Array<{ file: string; indicator: string; dataset: string; format: "unsd" | "gapminder" }> = [
  { file: "unsd_sdg_it_use_ii99.csv", indicator: "internet_users_pct", dataset: UNSD, format: "unsd" },
  { file: "unsd_sdg_it_net_bbnd.csv", indicator: "fixed_broadband_per100", dataset: UNSD, format: "unsd" },
  { file: "unsd_sdg_it_mob_own.csv", indicator: "mobile_phone_ownership_pct", dataset: UNSD, format: "unsd" },
  { file: "unsd_sdg_it_mob_2gntwk.csv", indicator: "mobile_network_2g_pct", dataset: UNSD, format: "unsd" },
  { file: "unsd_sdg_it_mob_3gntwk.csv", indicator: "mobile_network_3g_pct", dataset: UNSD, format: "unsd" },
  { file: "unsd_sdg_it_mob_4gntwk.csv", indicator: "mobile_network_4g_pct", dataset: UNSD, format: "unsd" },
  {
    file: "gapminder_wdi_internet_users_2000-2024.csv",
    indicator: "internet_users_pct",
    dataset: WDI,
    format: "gapminder",
  },
  {
    file: "gapminder_wdi_cell_phones_per_100_people_2000-2024.csv",
    indicator: "mobile_cellular_per100",
    dataset: WDI,
    format: "gapminder",
  },
  {
    file: "gapminder_wdi_broadband_subscribers_per_100_people_2000-2024.csv",
    indicator: "fixed_broadband_per100",
    dataset: WDI,
    format: "gapminder",
  },
  // The nine indicators of issue 17: SDG 4.4.1, 4.5.1, 4.a.1 (two series), 17.6.1 (number), and WDI / Gapminder series.
  { file: "unsd_sdg_se_adt_acts.csv", indicator: "ict_skills_pct", dataset: UNSD, format: "unsd" },
  { file: "unsd_sdg_se_gpi_icts.csv", indicator: "ict_skills_gender_parity_index", dataset: UNSD, format: "unsd" },
  { file: "unsd_sdg_se_acs_cmptr.csv", indicator: "schools_computers_pct", dataset: UNSD, format: "unsd" },
  { file: "unsd_sdg_se_acs_intnt.csv", indicator: "schools_internet_pct", dataset: UNSD, format: "unsd" },
  { file: "unsd_sdg_it_net_bbndn.csv", indicator: "fixed_broadband_total", dataset: UNSD, format: "unsd" },
  {
    file: "gapminder_wdi_broadband_subscribers_2000-2024.csv",
    indicator: "fixed_broadband_total",
    dataset: WDI,
    format: "gapminder",
  },
  {
    file: "gapminder_wdi_cell_phones_total_2000-2024.csv",
    indicator: "mobile_cellular_total",
    dataset: WDI,
    format: "gapminder",
  },
  {
    file: "gapminder_wdi_fixed_line_subscribers_per_100_people_2000-2024.csv",
    indicator: "fixed_telephone_per100",
    dataset: WDI,
    format: "gapminder",
  },
  {
    file: "gapminder_personal_computers_per_100_people_2000-2024.csv",
    indicator: "personal_computers_per100",
    dataset: PC,
    format: "gapminder",
  },
  {
    file: "gapminder_personal_computers_total_2000-2024.csv",
    indicator: "personal_computers_total",
    dataset: PC,
    format: "gapminder",
  },
];

/**
 * The custodians that are not ITU: UNESCO (its Institute for Statistics) for 4.5.1 and 4.a.1 per the UN SDG metadata,
 * none for the personal-computer series (no documented producer).
 */
const CUSTODIANS: Record<string, string | null> = {
  ict_skills_gender_parity_index: "UNESCO",
  schools_computers_pct: "UNESCO",
  schools_internet_pct: "UNESCO",
  personal_computers_per100: null,
  personal_computers_total: null,
};

/** UNSD dimension codes as the API serves them: upper-cased, "notspec" (not specified) as null. */
const code = (value: string | undefined) => (value === undefined || value === "notspec" ? null : value.toUpperCase());

/**
 * The economy code the API must serve for a Gapminder id: the id upper-cased when it is an ISO 3166-1 alpha-3 code,
 * else the ISO code the Gapminder country list gives; Kosovo ("kos", no ISO code) is served as XKX (data/SOURCES.md).
 */
function gapminderEconomy(): (geo: string) => string {
  const isoCodes = new Set(dataFile("iso3166_m49_all.csv").map((r) => r["alpha-3"]));
  const listed = new Map(dataFile("gapminder_geo_country.csv").map((r) => [r.country, r.iso3166_1_alpha3]));
  return (geo) =>
    isoCodes.has(geo.toUpperCase()) ? geo.toUpperCase() : geo === "kos" ? "XKX" : listed.get(geo) || `unmapped:${geo}`;
}

let sg: TestSubgraph<SeedCounts>;

beforeAll(async () => {
  sg = await startTestSubgraph(indicatorsModule);
});
afterAll(async () => {
  await sg?.stop();
});

describe("every observation of every file, value-exact", () => {
  it("covers every observation file shipped in data/", () => {
    const shipped = readdirSync(path.join(__dirname, "../data")).filter(
      (f) => /^(unsd_sdg_(it|se)_|gapminder_(wdi|personal)_).*\.csv$/.test(f) && !f.includes("concepts"),
    );
    expect(FILES.map((f) => f.file).sort()).toEqual(shipped.sort());
  });

  it.each(FILES)("$file: the API serves as many observations as the file has rows, with the same values", async (f) => {
    const rows = dataFile(f.file);
    const { nodes, totalCount, pages } = await allObservations(sg, {
      indicator: f.indicator,
      dataset: f.dataset,
      allBreakdowns: true,
    });
    expect(totalCount).toBe(rows.length);
    expect(nodes).toHaveLength(rows.length);
    expect(pages).toBe(Math.ceil(rows.length / 1000));

    const valueColumn = Object.keys(rows[0]).at(-1)!;
    let expected: string[];
    let served: string[];
    if (f.format === "unsd") {
      expected = rows.map((r) =>
        [
          servedM49(r.geo_area),
          r.year,
          code(r.sex),
          code(r.type_of_speed),
          code(r.age),
          code(r.location),
          code(r.type_of_skill),
          code(r.education_level),
          r[valueColumn],
          code(r.nature),
          code(r.units),
        ].join("|"),
      );
      served = nodes.map((n) =>
        [
          Number(n.economy.m49),
          n.year,
          n.breakdown.sex,
          n.breakdown.speed,
          n.breakdown.age,
          n.breakdown.location,
          n.breakdown.skill,
          n.breakdown.educationLevel,
          n.valueText,
          n.nature,
          n.unitCode,
        ].join("|"),
      );
    } else {
      const economyOf = gapminderEconomy();
      expected = rows.map((r) => [economyOf(r.geo), r.time, r[valueColumn]].join("|"));
      served = nodes.map((n) => [n.economy.code, n.year, n.valueText].join("|"));
      expect(
        nodes.every(
          (n) =>
            n.nature === null &&
            n.unitCode === null &&
            n.breakdown.sex === null &&
            n.breakdown.speed === null &&
            n.breakdown.skill === null,
        ),
      ).toBe(true);
    }
    expect(served.sort()).toEqual(expected.sort());
    // The Float is the decimal of the text, and the text is the file's: no digit lost either way.
    const fileValues = new Set(rows.map((r) => r[valueColumn]));
    expect(nodes.every((n) => n.value === Number(n.valueText) && fileValues.has(n.valueText))).toBe(true);
  });

  it("reports no unmapped area code and loads every row of every file", () => {
    expect(sg.seedResult.unmappedAreaCodes).toEqual([]);
    expect(sg.seedResult.files).toHaveLength(FILES.length);
    for (const f of sg.seedResult.files) {
      expect(f.loaded).toBe(dataFile(f.file).length);
      expect(f.rows).toBe(f.loaded);
    }
    expect(sg.seedResult.observations).toBe(FILES.reduce((n, f) => n + dataFile(f.file).length, 0));
  });

  it("keeps values with many decimals exactly (numeric, not float)", async () => {
    const rows = await sg.dataSource.query(
      "SELECT value::text AS v, value_text FROM observation WHERE value_text IN ('0.0000005', '99.38956', '1.51555')",
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(row.v).toBe(row.value_text);
    const mismatched = await sg.dataSource.query(
      "SELECT count(*)::int AS n FROM observation WHERE value::text <> value_text",
    );
    expect(mismatched[0].n).toBe(0);
  });
});

describe("17.8.1, individuals using the Internet: Kenya, India, Brazil 2010–2022", () => {
  const q = `query($dataset: String, $breakdown: ObservationBreakdownInput, $all: Boolean) {
    observations(filter: { indicator: "internet_users_pct", economies: ["KEN", "IND", "BRA"], fromYear: 2010, toYear: 2022, dataset: $dataset, breakdown: $breakdown, allBreakdowns: $all }, first: 1000) {
      totalCount edges { node { economy { code } year valueText unit dataset { id } breakdown { sex } } }
    }
  }`;
  type Result = {
    observations: {
      totalCount: number;
      edges: Array<{
        node: {
          economy: { code: string };
          year: number;
          valueText: string;
          unit: string;
          dataset: { id: string };
          breakdown: { sex: string | null };
        };
      }>;
    };
  };

  it("equal the UN SDG database file (named), both sexes", async () => {
    const res = await sg.query<Result>(q, { dataset: UNSD, breakdown: { sex: "BOTHSEX" } });
    expect(res.errors).toBeUndefined();
    const m49 = { "404": "KEN", "356": "IND", "76": "BRA" } as Record<string, string>;
    const expected = dataFile("unsd_sdg_it_use_ii99.csv")
      .filter((r) => r.geo_area in m49 && r.sex === "bothsex" && Number(r.year) >= 2010 && Number(r.year) <= 2022)
      .map((r) => `${m49[r.geo_area]}|${r.year}|${r.it_use_ii99}`);
    const served = res.data!.observations.edges.map((e) => `${e.node.economy.code}|${e.node.year}|${e.node.valueText}`);
    expect(expected.length).toBeGreaterThan(30);
    expect(served.sort()).toEqual(expected.sort());
    expect(
      res.data!.observations.edges.every((e) => e.node.dataset.id === UNSD && e.node.unit === "% of population"),
    ).toBe(true);
  });

  it("equal the WDI file when the WDI dataset is asked for", async () => {
    const res = await sg.query<Result>(q, { dataset: WDI });
    expect(res.errors).toBeUndefined();
    const expected = dataFile("gapminder_wdi_internet_users_2000-2024.csv")
      .filter((r) => ["ken", "ind", "bra"].includes(r.geo) && Number(r.time) >= 2010 && Number(r.time) <= 2022)
      .map((r) => `${r.geo.toUpperCase()}|${r.time}|${r.internet_users}`);
    const served = res.data!.observations.edges.map((e) => `${e.node.economy.code}|${e.node.year}|${e.node.valueText}`);
    expect(served.sort()).toEqual(expected.sort());
  });

  it("allBreakdowns: the sex breakdown is served beside the total (from the dataset that has it)", async () => {
    const res = await sg.query<Result>(q, { all: true });
    const sexes = new Set(res.data!.observations.edges.map((e) => e.node.breakdown.sex));
    const rows = dataFile("unsd_sdg_it_use_ii99.csv").filter(
      (r) => ["404", "356", "76"].includes(r.geo_area) && Number(r.year) >= 2010 && Number(r.year) <= 2022,
    );
    expect(res.data!.observations.totalCount).toBe(rows.length);
    expect(sexes).toEqual(new Set(rows.map((r) => r.sex.toUpperCase())));
  });

  it("SdgIndicator 17.8.1 lists the indicator (the field this subgraph adds to the action-lines entity)", async () => {
    const res = await sg.query<{
      _entities: Array<{ code: string; ictIndicators: Array<{ code: string; name: string }> }>;
    }>(
      'query { _entities(representations: [{ __typename: "SdgIndicator", code: "17.8.1" }, { __typename: "SdgIndicator", code: "9.c.1" }]) { ... on SdgIndicator { code ictIndicators { code name } } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities[0].ictIndicators).toEqual([
      { code: "internet_users_pct", name: "Individuals using the Internet" },
    ]);
    expect(res.data!._entities[1].ictIndicators.map((i) => i.code)).toEqual([
      "mobile_network_2g_pct",
      "mobile_network_3g_pct",
      "mobile_network_4g_pct",
    ]);
  });
});

describe("economies", () => {
  type E = {
    code: string;
    m49: string;
    iso2: string | null;
    name: string;
    kind: string;
    region: string | null;
    subRegion: string | null;
    membershipKnown: boolean;
  };
  const fields = "code m49 iso2 name kind region subRegion membershipKnown";

  it("has every country of the ISO/M49 file with its codes and regions, and Kosovo", async () => {
    const res = await sg.query<{ economies: E[] }>(`{ economies(filter: { kind: COUNTRY }) { ${fields} } }`);
    const countries = res.data!.economies;
    const iso = dataFile("iso3166_m49_all.csv");
    expect(countries).toHaveLength(iso.length + 1);
    for (const r of iso) {
      expect(countries.find((c) => c.code === r["alpha-3"])).toMatchObject({
        m49: r["country-code"],
        iso2: r["alpha-2"],
        name: r.name,
        region: r.region || null,
        subRegion: r["sub-region"] || null,
      });
    }
    expect(countries.find((c) => c.code === "XKX")).toMatchObject({ m49: "412", name: "Kosovo", kind: "COUNTRY" });
  });

  it("has every M49 aggregate the UNSD files use, named as in the UNSD area file", async () => {
    const names = new Map(dataFile("unsd_sdg_geo_areas_m49.csv").map((r) => [r.geo_area.padStart(3, "0"), r.name]));
    const countryM49 = new Set([...dataFile("iso3166_m49_all.csv").map((r) => r["country-code"]), "412"]);
    const used = new Set(
      FILES.filter((f) => f.format === "unsd").flatMap((f) => dataFile(f.file).map((r) => r.geo_area.padStart(3, "0"))),
    );
    const aggregatesUsed = [...used].filter((m49) => !countryM49.has(m49));
    expect(aggregatesUsed.length).toBeGreaterThan(25);
    const res = await sg.query<{ economies: E[] }>(`{ economies(filter: { kind: AGGREGATE }) { ${fields} } }`);
    for (const m49 of aggregatesUsed) {
      expect(res.data!.economies.find((e) => e.code === m49)).toMatchObject({
        m49,
        name: names.get(m49),
        kind: "AGGREGATE",
      });
    }
  });

  it("addresses a country by ISO3 or M49 and an aggregate by padded or unpadded M49; unknown is null", async () => {
    const res = await sg.query(
      '{ a: economy(code: "KEN") { code } b: economy(code: "404") { code } c: economy(code: "ken") { code } d: economy(code: "1") { code name } e: economy(code: "001") { code } f: economy(code: "ZZZ") { code } g: economy(code: "999") { code } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      a: { code: "KEN" },
      b: { code: "KEN" },
      c: { code: "KEN" },
      d: { code: "001", name: "World" },
      e: { code: "001" },
      f: null,
      g: null,
    });
  });

  it("gives the members of a region from the data: M49 regions from the ISO file, LDCs from the Gapminder list", async () => {
    const res = await sg.query<{
      africa: Array<{ code: string }>;
      ldc: { members: Array<{ code: string }>; membershipKnown: boolean };
      sids: { members: unknown[]; membershipKnown: boolean };
    }>(
      '{ africa: economies(filter: { region: "Africa" }) { code } ldc: economy(code: "199") { membershipKnown members { code } } sids: economy(code: "722") { membershipKnown members { code } } }',
    );
    expect(res.errors).toBeUndefined();
    const africa = dataFile("iso3166_m49_all.csv")
      .filter((r) => r.region === "Africa")
      .map((r) => r["alpha-3"]);
    expect(res.data!.africa.map((e) => e.code).sort()).toEqual(africa.sort());
    const ldc = dataFile("gapminder_geo_country.csv")
      .filter((r) => r.un_sdg_ldc === "un_least_developed")
      .map((r) => r.iso3166_1_alpha3);
    expect(res.data!.ldc.membershipKnown).toBe(true);
    expect(res.data!.ldc.members.map((e) => e.code).sort()).toEqual(ldc.sort());
    expect(res.data!.sids).toEqual({ membershipKnown: false, members: [] });
  });
});

describe("indicators", () => {
  it("has every series of the catalogue, with custodian, SDG indicators, datasets and the default", async () => {
    const res = await sg.query<{
      indicators: Array<{
        code: string;
        name: string;
        unit: string;
        wdiCode: string | null;
        unsdSeriesCode: string | null;
        definition: string | null;
        custodian: { id: string } | null;
        sdgIndicators: Array<{ code: string }>;
        defaultDataset: { id: string };
        datasets: Array<{ dataset: { id: string }; file: string; observationCount: number; isDefault: boolean }>;
      }>;
    }>(
      "{ indicators { code name unit wdiCode unsdSeriesCode definition custodian { id } sdgIndicators { code } defaultDataset { id } datasets { dataset { id } file observationCount isDefault } } }",
    );
    expect(res.errors).toBeUndefined();
    const catalog = dataFile("ict_indicator_catalog.csv");
    // the default dataset by the rule, computed here from the files alone
    const defaults = new Map([...defaultDatasetsFromFiles()].map(([code, d]) => [code, d.dataset]));
    expect(res.data!.indicators.map((i) => i.code)).toEqual(catalog.map((r) => r.id));
    for (const r of catalog) {
      const served = res.data!.indicators.find((i) => i.code === r.id)!;
      expect(served).toMatchObject({
        name: r.name,
        unit: r.unit,
        wdiCode: r.wdi_code || null,
        unsdSeriesCode: r.unsd_sdg_series || null,
        definition: r.definition_wdi || null,
        custodian: CUSTODIANS[r.id] === undefined ? { id: "ITU" } : CUSTODIANS[r.id] && { id: CUSTODIANS[r.id] },
        sdgIndicators: r.sdg_indicator ? [{ code: r.sdg_indicator }] : [],
        defaultDataset: { id: defaults.get(r.id) },
      });
      const files = r.data_files.split(";").map((s) => s.trim());
      expect(served.datasets.map((d) => d.file).sort()).toEqual(files.sort());
      for (const d of served.datasets) expect(d.observationCount).toBe(dataFile(d.file).length);
      expect(served.datasets.filter((d) => d.isDefault)).toHaveLength(1);
    }
  });

  it("finds an indicator by UNSD series or WDI code too", async () => {
    const res = await sg.query(
      '{ a: indicator(code: "IT_USE_ii99") { code } b: indicator(code: "IT.NET.BBND.P2") { code } c: indicator(code: "no_such") { code } }',
    );
    expect(res.data).toEqual({ a: { code: "internet_users_pct" }, b: { code: "fixed_broadband_per100" }, c: null });
  });

  it("Agency ITU is custodian of every ITU series, UNESCO of the UIS ones (the field this subgraph adds to the action-lines entity)", async () => {
    const res = await sg.query<{ _entities: Array<{ custodianOf: Array<{ code: string }> }> }>(
      '{ _entities(representations: [{ __typename: "Agency", id: "ITU" }, { __typename: "Agency", id: "UNESCO" }, { __typename: "Agency", id: "WHO" }]) { ... on Agency { custodianOf { code } } } }',
    );
    const catalog = dataFile("ict_indicator_catalog.csv").map((r) => r.id);
    expect(res.data!._entities[0].custodianOf.map((i) => i.code)).toEqual(
      catalog.filter((c) => CUSTODIANS[c] === undefined),
    );
    expect(res.data!._entities[1].custodianOf.map((i) => i.code)).toEqual(
      catalog.filter((c) => CUSTODIANS[c] === "UNESCO"),
    );
    expect(res.data!._entities[2].custodianOf).toEqual([]);
  });
});

describe("seed", () => {
  it("loads the population of every economy the World Bank file has, and reports the codes it skips", async () => {
    const countries = new Set([...dataFile("iso3166_m49_all.csv").map((r) => r["alpha-3"]), "XKX"]);
    const rows = dataFile("wb_sp_pop_totl_2000-2024.csv");
    const loaded = await sg.dataSource.query("SELECT count(*)::int AS n FROM population");
    expect(loaded[0].n).toBe(rows.filter((r) => countries.has(r["Country Code"])).length);
    expect(sg.seedResult.populationCodesSkipped).toEqual(
      [...new Set(rows.map((r) => r["Country Code"]).filter((c) => !countries.has(c)))].sort(),
    );
    expect(sg.seedResult.populationCodesSkipped).toEqual(expect.arrayContaining(["WLD", "CHI"]));
  });

  it("is idempotent: a second run writes nothing and duplicates nothing", async () => {
    const count = async () =>
      (
        await sg.dataSource.query(
          "SELECT (SELECT count(*) FROM observation) + (SELECT count(*) FROM economy_member) AS n",
        )
      )[0].n;
    const before = await count();
    const again = await indicatorsModule.seed(sg.dataSource);
    expect(again.written).toBe(0);
    expect(await count()).toBe(before);
    expect(sg.seedResult.written).toBeGreaterThan(sg.seedResult.observations);
  });

  it("names a source on every record and a dataset on every observation", async () => {
    const orphans = await sg.dataSource.query(
      `SELECT (SELECT count(*) FROM observation o LEFT JOIN source s ON s.id = o.source_id LEFT JOIN dataset d ON d.id = o.dataset_id WHERE s.id IS NULL OR d.id IS NULL)
            + (SELECT count(*) FROM economy WHERE source_id IS NULL) + (SELECT count(*) FROM dataset WHERE citation = '' OR licence = '') AS n`,
    );
    expect(Number(orphans[0].n)).toBe(0);
  });
});
