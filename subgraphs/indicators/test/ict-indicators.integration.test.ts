import { startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { indicatorsModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";
import { allObservations, asCaller, databaseState, dataFile } from "./helpers";

/**
 * The nine indicators of issue 17 beyond the value-exact round trip (data.integration.test.ts): what a read that names
 * no breakdown returns for each (the total where the data has one; nothing where a dimension has no total), the labels
 * of the new breakdown codes and whether they are verified, the M49 IRIs, the discontinued personal-computer series,
 * and that a publication of an indicator broken down by skill or education level names one (SDMX-CSV can; the GraphQL
 * input cannot yet).
 */

const UNSD = "unsd-sdg-2023-12";

let sg: TestSubgraph<SeedCounts>;

beforeAll(async () => {
  sg = await startTestSubgraph(indicatorsModule);
});
afterAll(async () => {
  await sg?.stop();
});

const key = (economyM49: string | number, year: string | number, value: string) =>
  `${Number(economyM49)}|${year}|${value}`;
const servedKeys = (nodes: Awaited<ReturnType<typeof allObservations>>["nodes"]) =>
  nodes.map((n) => key(n.economy.m49, n.year, n.valueText)).sort();

describe("a read that names no breakdown", () => {
  it("4.4.1 ICT skills: no figure (there is no total over the type of skill); naming a skill gives its totals of age, area and sex", async () => {
    const none = await allObservations(sg, { indicator: "ict_skills_pct" });
    expect(none.totalCount).toBe(0);
    expect(none.nodes).toEqual([]);

    const rows = dataFile("unsd_sdg_se_adt_acts.csv");
    const copa = await allObservations(sg, { indicator: "ict_skills_pct", breakdown: { skill: "copa" } });
    const expected = rows
      .filter(
        (r) => r.type_of_skill === "copa" && r.age === "allage" && r.location === "allarea" && r.sex === "bothsex",
      )
      .map((r) => key(r.geo_area, r.year, r.se_adt_acts));
    expect(expected.length).toBeGreaterThan(100);
    expect(servedKeys(copa.nodes)).toEqual(expected.sort());
    expect(
      copa.nodes.every(
        (n) => n.breakdown.skill === "COPA" && n.breakdown.age === "ALLAGE" && n.breakdown.sex === "BOTHSEX",
      ),
    ).toBe(true);

    const young = await allObservations(sg, {
      indicator: "ict_skills_pct",
      breakdown: { skill: "PCPR", sex: "FEMALE", age: "15_24" },
    });
    const youngExpected = rows
      .filter((r) => r.type_of_skill === "pcpr" && r.age === "15_24" && r.location === "allarea" && r.sex === "female")
      .map((r) => key(r.geo_area, r.year, r.se_adt_acts));
    expect(youngExpected.length).toBeGreaterThan(10);
    expect(servedKeys(young.nodes)).toEqual(youngExpected.sort());
  });

  it("4.5.1 gender parity of ICT skills: no figure by default; by skill, the file's", async () => {
    expect((await allObservations(sg, { indicator: "ict_skills_gender_parity_index" })).totalCount).toBe(0);
    const served = await allObservations(sg, { indicator: "SE_GPI_ICTS", breakdown: { skill: "VRFY" } });
    const expected = dataFile("unsd_sdg_se_gpi_icts.csv")
      .filter((r) => r.type_of_skill === "vrfy")
      .map((r) => key(r.geo_area, r.year, r.se_gpi_icts));
    expect(expected.length).toBeGreaterThan(10);
    expect(servedKeys(served.nodes)).toEqual(expected.sort());
  });

  it("4.a.1 schools: no figure by default (no total over education levels); by level, the file's, aggregates included", async () => {
    for (const [indicator, file, column] of [
      ["schools_computers_pct", "unsd_sdg_se_acs_cmptr.csv", "se_acs_cmptr"],
      ["schools_internet_pct", "unsd_sdg_se_acs_intnt.csv", "se_acs_intnt"],
    ] as const) {
      expect((await allObservations(sg, { indicator })).totalCount).toBe(0);
      const served = await allObservations(sg, { indicator, breakdown: { educationLevel: "primar" } });
      const expected = dataFile(file)
        .filter((r) => r.education_level === "primar")
        .map((r) => key(r.geo_area, r.year, r[column]));
      expect(servedKeys(served.nodes)).toEqual(expected.sort());
      expect(served.nodes.some((n) => n.economy.m49 === "001")).toBe(true);
    }
  });

  it("17.6.1 fixed broadband subscriptions (number): the total by default; the speed bands from the UN SDG series", async () => {
    const res = await sg.query<{ indicator: { defaultDataset: { id: string } } }>(
      '{ indicator(code: "fixed_broadband_total") { defaultDataset { id } } }',
    );
    const def = res.data!.indicator.defaultDataset.id;
    const byDefault = await allObservations(sg, { indicator: "fixed_broadband_total", economies: ["KEN", "BRA"] });
    expect(byDefault.totalCount).toBeGreaterThan(20);
    expect(byDefault.nodes.every((n) => n.breakdown.speed === null || n.breakdown.speed === "ANYS")).toBe(true);
    if (def === UNSD) expect(byDefault.nodes.every((n) => n.breakdown.speed === "ANYS")).toBe(true);

    const fast = await allObservations(sg, {
      indicator: "IT_NET_BBNDN",
      economies: ["KEN"],
      breakdown: { speed: "10MBPS" },
    });
    const expected = dataFile("unsd_sdg_it_net_bbndn.csv")
      .filter((r) => r.geo_area === "404" && r.type_of_speed === "10mbps")
      .map((r) => key(r.geo_area, r.year, r.it_net_bbndn));
    expect(expected.length).toBeGreaterThan(3);
    expect(servedKeys(fast.nodes)).toEqual(expected.sort());
  });

  it("naming TOTAL for a dimension without a total is BAD_USER_INPUT naming it", async () => {
    const res = await sg.query(
      '{ observations(filter: { indicator: "ict_skills_pct", breakdown: { skill: "TOTAL" } }) { totalCount } }',
    );
    expect(res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "breakdown.skill" });
    const unknown = await sg.query(
      '{ observations(filter: { indicator: "schools_internet_pct", breakdown: { educationLevel: "TERTIARY" } }) { totalCount } }',
    );
    expect(unknown.errors?.[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "breakdown.educationLevel",
    });
  });
});

describe("the breakdown codes and their labels", () => {
  type Dimensions = {
    indicator: {
      breakdownDimensions: string[];
      dimensions: Array<{
        dimension: string;
        codes: string[];
        labels: Array<{ code: string; label: string; verified: boolean; evidence: string }>;
      }>;
    };
  };
  const q = (code: string) =>
    sg.query<Dimensions>(
      `{ indicator(code: "${code}") { breakdownDimensions dimensions { dimension codes labels { code label verified evidence } } } }`,
    );

  it("ICT skills are broken down by age, location, sex and skill: every code of the file, each labelled", async () => {
    const res = await q("ict_skills_pct");
    expect(res.errors).toBeUndefined();
    expect(res.data!.indicator.breakdownDimensions).toEqual(["age", "location", "sex", "skill"]);
    const rows = dataFile("unsd_sdg_se_adt_acts.csv");
    const codesOf = (column: string) => [...new Set(rows.map((r) => r[column].toUpperCase()))].sort();
    const byDimension = Object.fromEntries(res.data!.indicator.dimensions.map((d) => [d.dimension, d]));
    expect(byDimension.skill.codes).toEqual(codesOf("type_of_skill"));
    expect(byDimension.age.codes).toEqual(codesOf("age"));
    expect(byDimension.location.codes).toEqual(codesOf("location"));
    for (const d of res.data!.indicator.dimensions) {
      expect(d.labels.map((l) => l.code)).toEqual(d.codes);
      expect(d.labels.every((l) => l.label !== l.code && l.evidence.length > 0)).toBe(true);
    }
  });

  it("the labels the handouts flag (PRVCY, SCRTY, VRFY, SECOND) are served unverified, with the evidence found", async () => {
    const skills = (await q("ict_skills_pct")).data!.indicator.dimensions.find((d) => d.dimension === "skill")!.labels;
    for (const code of ["PRVCY", "SCRTY", "VRFY"]) {
      const label = skills.find((l) => l.code === code)!;
      expect(label.verified).toBe(false);
      expect(label.evidence).toMatch(/^UNVERIFIED/);
    }
    const levels = (await q("schools_computers_pct")).data!.indicator.dimensions.find(
      (d) => d.dimension === "educationLevel",
    )!;
    expect(levels.codes).toEqual(["LOWSEC", "PRIMAR", "SECOND", "UPPSEC"]);
    const second = levels.labels.find((l) => l.code === "SECOND")!;
    expect(second).toMatchObject({ label: "Secondary education (lower + upper)", verified: false });
    expect(second.evidence).toMatch(/^UNVERIFIED/);
    // Every label of the file is in the file of the handouts (unsd_sdg_ict_dimension_codes.csv) where it has one.
    const handouts = dataFile("unsd_sdg_ict_dimension_codes.csv");
    for (const l of skills) {
      expect(handouts.find((h) => h.dimension === "type_of_skill" && h.code.toUpperCase() === l.code)?.label_en).toBe(
        l.label,
      );
    }
  });

  it("the breakdown of an observation carries its skill and a label", async () => {
    const row = dataFile("unsd_sdg_se_adt_acts.csv").find(
      (r) => r.type_of_skill === "email" && r.sex === "male" && r.age === "allage" && r.location === "allarea",
    )!;
    const res = await sg.query<{
      observations: {
        edges: Array<{ node: { breakdown: { key: string; label: string; skill: string; sex: string } } }>;
      };
    }>(
      `{ observations(filter: { indicator: "ict_skills_pct", economies: ["${row.geo_area}"], breakdown: { skill: "EMAIL", sex: "MALE" } }, first: 1) { edges { node { breakdown { key label skill sex } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.observations.edges[0].node.breakdown).toEqual({
      key: "sex=MALE;skill=EMAIL",
      label: "Male, Sending e-mails with attached files",
      skill: "EMAIL",
      sex: "MALE",
    });
  });
});

describe("the default dataset of an indicator without a total", () => {
  it("is its only dataset, and the reason says why the rule finds no complete year", async () => {
    const res = await sg.query<{
      indicator: { defaultDatasetChoice: { dataset: { id: string }; latestYear: number | null; reason: string } };
    }>('{ indicator(code: "ict_skills_pct") { defaultDatasetChoice { dataset { id } latestYear reason } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data!.indicator.defaultDatasetChoice).toMatchObject({ dataset: { id: UNSD }, latestYear: null });
    expect(res.data!.indicator.defaultDatasetChoice.reason).toMatch(/only dataset.*no total/);
  });
});

describe("the other series", () => {
  it("personal computers: a discontinued series, which says so and ends in 2006", async () => {
    const res = await sg.query<{
      indicators: Array<{
        code: string;
        name: string;
        custodian: null;
        datasets: Array<{ lastYear: number; dataset: { id: string; note: string } }>;
      }>;
    }>("{ indicators { code name custodian { id } datasets { lastYear dataset { id note } } } }");
    const pcs = res.data!.indicators.filter((i) => i.code.startsWith("personal_computers_"));
    expect(pcs.map((i) => i.code)).toEqual(["personal_computers_per100", "personal_computers_total"]);
    for (const i of pcs) {
      expect(i.name).toMatch(/discontinued series, last year 2006/);
      expect(i.custodian).toBeNull();
      expect(i.datasets).toEqual([
        { lastYear: 2006, dataset: { id: "gapminder-pc-2026-03", note: expect.stringMatching(/discontinued series/) } },
      ]);
    }
  });
});

describe("economies carry their M49 IRI", () => {
  it("from the UN's geoArea code list: a country, an aggregate, Micronesia (583); Kosovo, not in that list, has none", async () => {
    const res = await sg.query<{ economies: Array<{ code: string; m49: string; iri: string | null }> }>(
      "{ economies { code m49 iri } }",
    );
    expect(res.errors).toBeUndefined();
    const by = new Map(res.data!.economies.map((e) => [e.code, e]));
    expect(by.get("KEN")!.iri).toBe("http://metadata.un.org/sdg/codes/geoArea/404");
    expect(by.get("001")!.iri).toBe("http://metadata.un.org/sdg/codes/geoArea/001");
    expect(by.get("FSM")!.iri).toBe("http://metadata.un.org/sdg/codes/geoArea/583");
    expect(by.get("XKX")!.iri).toBeNull();
    const listed = new Set(dataFile("unsd_sdg_geoarea_iris.csv").map((r) => r.m49));
    for (const e of res.data!.economies)
      expect(e.iri).toBe(listed.has(e.m49) ? `http://metadata.un.org/sdg/codes/geoArea/${e.m49}` : null);
  });
});

describe("publishing", () => {
  it("refuses a figure of an indicator broken down by skill that names no skill (no total), and writes nothing", async () => {
    const before = await databaseState(sg);
    const res = await sg.query(
      `mutation($input: PublishObservationsInput!) { publishObservations(input: $input) { inserted } }`,
      {
        input: {
          dataset: UNSD,
          idempotencyKey: "ict-skills-refused",
          observations: [
            { indicator: "ict_skills_pct", economy: "ALB", period: "2022", value: "40", breakdown: { sex: "FEMALE" } },
          ],
        },
      },
      asCaller(),
    );
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(res.errors?.[0].extensions?.invalidRows)).toMatch(
      /broken down by skill, which has no total: every row names one of its codes \(ARSP, CMFL, COPA/,
    );
    expect(await databaseState(sg)).toEqual(before);
  });

  it("imports SDMX-CSV rows of skills (COMPOSITE_BREAKDOWN) and school levels (EDUCATION_LEV) under their keys", async () => {
    const csv = [
      "SERIES,REF_AREA,AGE,URBANISATION,SEX,COMPOSITE_BREAKDOWN,EDUCATION_LEV,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE",
      "SE_ADT_ACTS,8,_T,_T,F,SKILL_ICTCPT,_T,2024,41.25,PT",
      "SE_ACS_INTNT,8,_T,_T,_T,_T,ISCED11_2_3,2024,77.5,PT",
    ].join("\n");
    const res = await sg.query<{ importObservations: { inserted: number } }>(
      `mutation($input: ImportObservationsInput!) { importObservations(input: $input) { inserted } }`,
      { input: { dataset: UNSD, format: "SDMX_CSV", content: csv, idempotencyKey: "ict-sdmx-key-dimensions" } },
      asCaller(),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.importObservations.inserted).toBe(2);
    const stored = await sg.dataSource.query(
      `SELECT indicator_code, breakdown_key, value_text FROM observation
        WHERE dataset_id = $1 AND economy_code = 'ALB' AND year = 2024 ORDER BY indicator_code`,
      [UNSD],
    );
    expect(stored).toEqual([
      { indicator_code: "ict_skills_pct", breakdown_key: "sex=FEMALE;skill=COPA", value_text: "41.25" },
      { indicator_code: "schools_internet_pct", breakdown_key: "educationLevel=SECOND", value_text: "77.5" },
    ]);
    const refused = await sg.query(
      `mutation($input: ImportObservationsInput!) { importObservations(input: $input) { inserted } }`,
      {
        input: {
          dataset: UNSD,
          format: "SDMX_CSV",
          content: "SERIES,REF_AREA,EDUCATION_LEV,TIME_PERIOD,OBS_VALUE\nSE_ACS_INTNT,8,_T,2025,70",
          idempotencyKey: "ict-sdmx-no-level",
        },
      },
      asCaller(),
    );
    expect(JSON.stringify(refused.errors?.[0].extensions?.invalidRows)).toMatch(
      /broken down by educationLevel, which has no total/,
    );
  });
});
