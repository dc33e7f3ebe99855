import http from "node:http";
import type { AddressInfo } from "node:net";
import { parse as parseCsv } from "csv-parse/sync";
import express from "express";
import { parse as parseGraphQL, validate } from "graphql";
import { readFileSync } from "node:fs";
import { DEFAULT_SUPERGRAPH_PATH } from "../src/config";
import type { ExecutePublic } from "../src/public-graph";
import { apiSchemaOf } from "../src/schema-check";
import { buildModel } from "../src/sdmx/sdmx.model";
import { parseDataQuery, parseKey, resolveFlow, SdmxError } from "../src/sdmx/sdmx.params";
import { type Catalog, CATALOG_QUERY, type GraphObservation, OBSERVATIONS_QUERY } from "../src/sdmx/sdmx.queries";
import { sdmxRouter } from "../src/sdmx/sdmx.route";

// ---- a fake public graph: a real-looking catalog (codes as the indicators subgraph lists them) and pages of rows ----

const CATALOG: Catalog = {
  datasets: [
    {
      id: "unsd-sdg-2023-12",
      title: "UN Global SDG Indicators Database — ITU series",
      publisher: "United Nations Statistics Division",
      licence: "CC-BY-4.0",
      citation: "United Nations Statistics Division, Global SDG Indicators Database",
      url: null,
      releaseDate: "2023-12-17",
      releases: {
        edges: [
          { node: { number: 2, publishedAt: "2026-01-10T00:00:00.000Z" } },
          { node: { number: 1, publishedAt: "2023-12-17T00:00:00.000Z" } },
        ],
      },
    },
  ],
  indicators: [
    {
      code: "internet_users_pct",
      name: "Individuals using the Internet",
      unit: "% of population",
      description: null,
      unsdSeriesCode: "IT_USE_ii99",
      datasets: [{ dataset: { id: "unsd-sdg-2023-12" }, breakdownKeys: ["_T", "sex=FEMALE", "sex=MALE"] }],
    },
  ],
  economies: [
    { code: "IND", m49: "356", iso3: "IND", name: "India", kind: "COUNTRY" },
    { code: "KEN", m49: "404", iso3: "KEN", name: "Kenya", kind: "COUNTRY" },
    { code: "CIV", m49: "384", iso3: "CIV", name: "Côte d'Ivoire & <friends>", kind: "COUNTRY" },
  ],
  breakdownDimensions: [
    {
      name: "age",
      label: "Age group",
      sdmxConcept: "AGE",
      codes: [{ code: "_T", label: "Total", sdmxCode: "_T", isTotal: true }],
    },
    {
      name: "sex",
      label: "Sex",
      sdmxConcept: "SEX",
      codes: [
        { code: "BOTHSEX", label: "Both sexes", sdmxCode: "_T", isTotal: true },
        { code: "FEMALE", label: "Female", sdmxCode: "F", isTotal: false },
        { code: "MALE", label: "Male", sdmxCode: "M", isTotal: false },
      ],
    },
  ],
  observationNatures: [
    { code: "C", label: "Country data" },
    { code: "E", label: "Estimated data" },
  ],
  unitsOfMeasure: [{ unit: "% of population", code: "PERCENT", sdmxCode: "PT" }],
};

/** Observations in the graph's order (economy, year, breakdown): India then Kenya, 2000–2022, total and female. */
function rows(): GraphObservation[] {
  const out: GraphObservation[] = [];
  for (const [code, m49] of [
    ["CIV", "384"],
    ["IND", "356"],
    ["KEN", "404"],
  ]) {
    for (let year = 2000; year <= 2022; year++) {
      for (const key of ["_T", "sex=FEMALE"]) {
        out.push({
          economy: { code, m49 },
          year,
          valueText: `${year - 1990}.50`,
          unitCode: "PERCENT",
          nature: year % 2 ? "E" : "C",
          footnote: code === "CIV" && year === 2000 ? 'a "quoted" note, with <markup> & a comma' : null,
          release: year === 2022 ? 2 : 1,
          breakdown: { key },
        });
      }
    }
  }
  return out;
}

function fakeGraph(
  data: GraphObservation[],
  options: { pageSize?: number; gate?: { after: string; open: Promise<void> } } = {},
) {
  const calls: Array<Record<string, unknown>> = [];
  const execute = (async (query: string, variables: Record<string, unknown> = {}) => {
    if (query === CATALOG_QUERY) return { data: CATALOG };
    if (query !== OBSERVATIONS_QUERY) throw new Error("unexpected query");
    calls.push(variables);
    const filter = variables.filter as { economies?: string[]; fromYear?: number; toYear?: number };
    const selected = data.filter(
      (o) =>
        (!filter.economies || filter.economies.includes(o.economy!.m49)) &&
        (filter.fromYear === undefined || o.year >= filter.fromYear) &&
        (filter.toYear === undefined || o.year <= filter.toYear) &&
        (variables.release === undefined || o.release <= (variables.release as number)),
    );
    const after = (variables.after as string | null) ?? null;
    if (options.gate && after === options.gate.after) await options.gate.open;
    const start = after === null ? 0 : Number(after);
    const end = Math.min(selected.length, start + Math.min(variables.first as number, options.pageSize ?? 1000));
    return {
      data: {
        observations: {
          ...(variables.withCount ? { totalCount: selected.length } : {}),
          pageInfo: { hasNextPage: end < selected.length, endCursor: end > start ? String(end) : null },
          edges: selected.slice(start, end).map((node) => ({ node })),
        },
      },
    };
  }) as ExecutePublic;
  return { execute, calls };
}

async function serve(
  execute: ExecutePublic,
  maxObservations?: number,
): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  app.use(sdmxRouter(execute, maxObservations ? { maxObservations } : undefined));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sdmx`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("the SDMX model and requests", () => {
  const model = buildModel(CATALOG);
  const flow = resolveFlow(model, "WSIS,unsd-sdg-2023-12,1.0");

  it("derives the DSD from the graph: FREQ, SERIES, REF_AREA and only the breakdowns the dataset uses", () => {
    expect(flow.dimensions.map((d) => d.id)).toEqual(["FREQ", "SERIES", "REF_AREA", "SEX"]);
    expect(model.codelists.map((c) => c.id)).toEqual([
      "CL_FREQ",
      "CL_SERIES",
      "CL_AREA",
      "CL_AGE",
      "CL_SEX",
      "CL_UNIT_MEASURE",
      "CL_OBS_STATUS",
    ]);
    expect(model.codelists.find((c) => c.id === "CL_SEX")!.codes.map((c) => c.id)).toEqual(["_T", "F", "M"]);
  });

  it("reads a key in dot notation with alternatives, wildcards and aliases (ISO3, the hub's indicator code)", () => {
    const key = parseKey(model, flow, "A.internet_users_pct.KEN+356.");
    expect(key.map((k) => (k ? [...k] : null))).toEqual([["A"], ["IT_USE_ii99"], ["404", "356"], null]);
    expect(parseKey(model, flow, "all").every((k) => k === null)).toBe(true);
    expect(() => parseKey(model, flow, "A.IT_USE_ii99.404")).toThrow(
      /has 3 parts; dataflow unsd-sdg-2023-12 has 4 dimensions: FREQ.SERIES.REF_AREA.SEX/,
    );
    expect(() => parseKey(model, flow, "A..999.")).toThrow(expect.objectContaining({ kind: "noResults" }));
    expect(() => parseKey(model, flow, "A..<x>.")).toThrow(expect.objectContaining({ kind: "syntax" }));
    expect(() => resolveFlow(model, "OECD,unsd-sdg-2023-12")).toThrow(SdmxError);
  });

  it("checks the parameters and names the one at fault", () => {
    expect(parseDataQuery({ startPeriod: "2010-Q2", endPeriod: "2012-06-30", lastNObservations: "2" })).toMatchObject({
      startYear: 2010,
      endYear: 2012,
      lastN: 2,
    });
    expect(() => parseDataQuery({ startPeriod: "2012", endPeriod: "2010" })).toThrow(/after endPeriod/);
    expect(() => parseDataQuery({ firstNObservations: "0" })).toThrow(/firstNObservations must be a positive integer/);
    expect(() => parseDataQuery({ detail: "some" })).toThrow(/detail must be/);
    expect(() => parseDataQuery({ updatedAfter: "yesterday" })).toThrow(/updatedAfter must be an ISO 8601/);
    expect(() => parseDataQuery({ release: "1", asOf: "2024-01-01" })).toThrow(/not both/);
    expect(() => parseDataQuery({ dimensionAtObservation: "SEX" })).toThrow(
      expect.objectContaining({ kind: "notImplemented" }),
    );
    expect(() => parseDataQuery({ colour: "blue" })).toThrow(/Unknown parameter "colour"/);
  });

  it("asks the graph only for fields the supergraph has", () => {
    const schema = apiSchemaOf(readFileSync(DEFAULT_SUPERGRAPH_PATH, "utf8"));
    for (const query of [CATALOG_QUERY, OBSERVATIONS_QUERY]) expect(validate(schema, parseGraphQL(query))).toEqual([]);
  });
});

describe("dimensions without a total (type of ICT skill, education level)", () => {
  // As the indicators subgraph lists them: skill shares COMPOSITE_BREAKDOWN with the speed (as in the UN SDG DSD);
  // neither skill nor education level has a total code.
  const catalog: Catalog = {
    ...CATALOG,
    indicators: [
      ...CATALOG.indicators!,
      {
        code: "fixed_broadband_per100",
        name: "Fixed broadband",
        unit: "per 100 inhabitants",
        description: null,
        unsdSeriesCode: "IT_NET_BBND",
        datasets: [{ dataset: { id: "unsd-sdg-2023-12" }, breakdownKeys: ["_T", "speed=10MBPS"] }],
      },
      {
        code: "ict_skills_pct",
        name: "ICT skills",
        unit: "% of individuals",
        description: null,
        unsdSeriesCode: "SE_ADT_ACTS",
        datasets: [{ dataset: { id: "unsd-sdg-2023-12" }, breakdownKeys: ["sex=FEMALE;skill=COPA", "skill=SCRTY"] }],
      },
      {
        code: "schools_internet_pct",
        name: "Schools with the Internet",
        unit: "% of schools",
        description: null,
        unsdSeriesCode: "SE_ACS_INTNT",
        datasets: [{ dataset: { id: "unsd-sdg-2023-12" }, breakdownKeys: ["educationLevel=PRIMAR"] }],
      },
    ],
    breakdownDimensions: [
      ...CATALOG.breakdownDimensions!,
      {
        name: "speed",
        label: "Fixed-broadband speed",
        sdmxConcept: "COMPOSITE_BREAKDOWN",
        codes: [
          { code: "ANYS", label: "Any speed", sdmxCode: "_T", isTotal: true },
          { code: "10MBPS", label: "10 Mbit/s and above", sdmxCode: "IS_GE10M", isTotal: false },
        ],
      },
      {
        name: "skill",
        label: "Type of ICT skill",
        sdmxConcept: "COMPOSITE_BREAKDOWN",
        codes: [
          { code: "COPA", label: "Using copy and paste tools", sdmxCode: "SKILL_ICTCPT", isTotal: false },
          { code: "SCRTY", label: "Setting up security measures", sdmxCode: "SCRTY", isTotal: false },
        ],
      },
      {
        name: "educationLevel",
        label: "Education level",
        sdmxConcept: "EDUCATION_LEV",
        codes: [{ code: "PRIMAR", label: "Primary education", sdmxCode: "ISCED11_1", isTotal: false }],
      },
    ],
  };
  const model = buildModel(catalog);
  const flow = resolveFlow(model, "unsd-sdg-2023-12");

  it("carries the skill in COMPOSITE_BREAKDOWN with the speed, and EDUCATION_LEV last in the key", () => {
    expect(flow.dimensions.map((d) => d.id)).toEqual([
      "FREQ",
      "SERIES",
      "REF_AREA",
      "SEX",
      "COMPOSITE_BREAKDOWN",
      "EDUCATION_LEV",
    ]);
    const composite = model.codelists.find((c) => c.id === "CL_COMPOSITE_BREAKDOWN")!;
    expect(composite.name).toBe("Fixed-broadband speed or type of ICT skill");
    expect(composite.codes.map((c) => c.id)).toEqual(["_T", "IS_GE10M", "SKILL_ICTCPT", "SCRTY"]);
    expect(model.codelists.find((c) => c.id === "CL_EDUCATION_LEV")!.codes.map((c) => c.id)).toEqual([
      "_T",
      "ISCED11_1",
    ]);
  });

  it("reads keys with the new dimension, and keys written before it (any education level)", () => {
    const full = parseKey(model, flow, "A.SE_ACS_INTNT.404...ISCED11_1");
    expect(full.map((k) => (k ? [...k] : null))).toEqual([["A"], ["SE_ACS_INTNT"], ["404"], null, null, ["ISCED11_1"]]);
    const saved = parseKey(model, flow, "A.IT_USE_ii99.404.F.");
    expect(saved.map((k) => (k ? [...k] : null))).toEqual([["A"], ["IT_USE_ii99"], ["404"], ["F"], null, null]);
    expect(() => parseKey(model, flow, "A.IT_USE_ii99.404.F")).toThrow(/has 4 parts; dataflow unsd-sdg-2023-12 has 6/);
  });

  it("writes each observation under its skill or education-level code, _T where the series has none", async () => {
    const at = (key: string, valueText: string): GraphObservation => ({
      economy: { code: "KEN", m49: "404" },
      year: 2021,
      valueText,
      unitCode: "PERCENT",
      nature: "C",
      footnote: null,
      release: 1,
      breakdown: { key },
    });
    const graph = fakeGraph([at("sex=FEMALE;skill=COPA", "12.5"), at("skill=SCRTY", "3.25")]);
    const execute = (async (query: string, variables?: Record<string, unknown>) =>
      query === CATALOG_QUERY ? { data: catalog } : graph.execute(query, variables)) as ExecutePublic;
    const server = await serve(execute);
    try {
      const res = await fetch(`${server.url}/data/unsd-sdg-2023-12/A.SE_ADT_ACTS.404...?format=csv`);
      expect(res.status).toBe(200);
      const records = parseCsv(await res.text(), { columns: true }) as Array<Record<string, string>>;
      expect(records.map((r) => [r.SEX, r.COMPOSITE_BREAKDOWN, r.EDUCATION_LEV, r.OBS_VALUE])).toEqual([
        ["F", "SKILL_ICTCPT", "_T", "12.5"],
        ["_T", "SCRTY", "_T", "3.25"],
      ]);
      const one = await fetch(`${server.url}/data/unsd-sdg-2023-12/A.SE_ADT_ACTS.404..SKILL_ICTCPT.?format=csv`);
      expect(parseCsv(await one.text(), { columns: true })).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});

describe("GET /sdmx/data", () => {
  it("writes SDMX-CSV with the values as published, the attributes, and text escaped (CSV quoting)", async () => {
    const graph = fakeGraph(rows());
    const { url, close } = await serve(graph.execute);
    try {
      const res = await fetch(`${url}/data/unsd-sdg-2023-12/A..CIV+KEN.F?startPeriod=2000&endPeriod=2001`, {
        headers: { accept: "application/vnd.sdmx.data+csv;version=1.0.0" },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/vnd.sdmx.data+csv;version=1.0.0; charset=utf-8");
      const records = parseCsv(await res.text(), { columns: true }) as Array<Record<string, string>>;
      expect(records).toEqual([
        {
          DATAFLOW: "WSIS:unsd-sdg-2023-12(1.0)",
          FREQ: "A",
          SERIES: "IT_USE_ii99",
          REF_AREA: "384",
          SEX: "F",
          TIME_PERIOD: "2000",
          OBS_VALUE: "10.50",
          UNIT_MEASURE: "PT",
          OBS_STATUS: "C",
          COMMENT_OBS: 'a "quoted" note, with <markup> & a comma',
        },
        {
          DATAFLOW: "WSIS:unsd-sdg-2023-12(1.0)",
          FREQ: "A",
          SERIES: "IT_USE_ii99",
          REF_AREA: "384",
          SEX: "F",
          TIME_PERIOD: "2001",
          OBS_VALUE: "11.50",
          UNIT_MEASURE: "PT",
          OBS_STATUS: "E",
          COMMENT_OBS: "",
        },
        {
          DATAFLOW: "WSIS:unsd-sdg-2023-12(1.0)",
          FREQ: "A",
          SERIES: "IT_USE_ii99",
          REF_AREA: "404",
          SEX: "F",
          TIME_PERIOD: "2000",
          OBS_VALUE: "10.50",
          UNIT_MEASURE: "PT",
          OBS_STATUS: "C",
          COMMENT_OBS: "",
        },
        {
          DATAFLOW: "WSIS:unsd-sdg-2023-12(1.0)",
          FREQ: "A",
          SERIES: "IT_USE_ii99",
          REF_AREA: "404",
          SEX: "F",
          TIME_PERIOD: "2001",
          OBS_VALUE: "11.50",
          UNIT_MEASURE: "PT",
          OBS_STATUS: "E",
          COMMENT_OBS: "",
        },
      ]);
      // The areas of the key go to the graph (M49); the breakdown is filtered at the gateway.
      expect(graph.calls[0].filter).toMatchObject({
        indicator: "internet_users_pct",
        dataset: "unsd-sdg-2023-12",
        allBreakdowns: true,
        economies: ["384", "404"],
        fromYear: 2000,
        toYear: 2001,
      });
    } finally {
      await close();
    }
  });

  it("escapes XML in SDMX-ML (a footnote with markup stays text) and keeps decimals exact in SDMX-JSON", async () => {
    const { url, close } = await serve(fakeGraph(rows()).execute);
    try {
      const xml = await (
        await fetch(`${url}/data/unsd-sdg-2023-12/A..CIV._T?endPeriod=2000&format=structurespecificdata`)
      ).text();
      expect(xml).toContain('COMMENT_OBS="a &quot;quoted&quot; note, with &lt;markup&gt; &amp; a comma"');
      expect(xml).toContain(
        '<Series FREQ="A" SERIES="IT_USE_ii99" REF_AREA="384" SEX="_T"><Obs TIME_PERIOD="2000" OBS_VALUE="10.50"',
      );
      const json = await (
        await fetch(`${url}/data/unsd-sdg-2023-12/A..CIV._T?endPeriod=2000`, {
          headers: { accept: "application/json" },
        })
      ).text();
      expect(json).toContain('"0":[10.50,0,0,0]');
      expect(JSON.parse(json).structure.dimensions.series[2].values).toEqual([
        { id: "384", name: "Côte d'Ivoire & <friends>" },
      ]);
    } finally {
      await close();
    }
  });

  it("streams: the first series are on the wire before the last page is read from the graph", async () => {
    let open!: () => void;
    const gate = { after: "100", open: new Promise<void>((resolve) => (open = resolve)) };
    const graph = fakeGraph(rows(), { pageSize: 50, gate });
    const { url, close } = await serve(graph.execute);
    try {
      const res = await fetch(`${url}/data/unsd-sdg-2023-12/all?format=csv`);
      const reader = res.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      expect(first).toContain("DATAFLOW,FREQ,SERIES,REF_AREA,SEX,TIME_PERIOD");
      expect(first).toContain(",384,");
      // The graph is held at the third page: nothing after it has been asked for yet.
      expect(graph.calls.filter((c) => c.first !== 0).map((c) => c.after)).toEqual([null, "50", "100"]);
      open();
      let rest = "";
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
        rest += new TextDecoder().decode(chunk.value);
      expect((first + rest).trim().split("\n")).toHaveLength(rows().length + 1);
    } finally {
      open();
      await close();
    }
  });

  it("maps updatedAfter and release onto the releases, and answers SDMX errors with their status", async () => {
    const { url, close } = await serve(fakeGraph(rows()).execute, 100);
    try {
      const updated = parseCsv(
        await (await fetch(`${url}/data/unsd-sdg-2023-12/A..404.?format=csv&updatedAfter=2025-01-01T00:00:00Z`)).text(),
        { columns: true },
      ) as Array<Record<string, string>>;
      expect(updated.map((r) => r.TIME_PERIOD)).toEqual(["2022", "2022"]);
      const pinned = await (await fetch(`${url}/data/unsd-sdg-2023-12/A..404._T?format=csv&release=1`)).text();
      expect(pinned).not.toContain(",2022,");
      const history = await (
        await fetch(`${url}/data/unsd-sdg-2023-12/A..404._T?includeHistory=true&startPeriod=2021`)
      ).text();
      expect(history.match(/<message:DataSet /g)).toHaveLength(2);
      expect(history).toContain('validFromDate="2026-01-10T00:00:00.000Z"');

      const tooLarge = await fetch(`${url}/data/unsd-sdg-2023-12/all`);
      expect(tooLarge.status).toBe(413);
      expect(await tooLarge.text()).toContain('<message:ErrorMessage code="510">');
      expect((await fetch(`${url}/data/unsd-sdg-2023-12/A..404.?startPeriod=1990&endPeriod=1991`)).status).toBe(404);
      expect((await fetch(`${url}/data/unsd-sdg-2023-12/A..404.?release=7`)).status).toBe(404);
      expect((await fetch(`${url}/data/nope/all`)).status).toBe(404);
      expect((await fetch(`${url}/data/unsd-sdg-2023-12/A..404`)).status).toBe(400);
      expect((await fetch(`${url}/data/unsd-sdg-2023-12/all`, { headers: { accept: "image/png" } })).status).toBe(406);
      expect((await fetch(`${url}/dataflow`, { headers: { accept: "application/json" } })).status).toBe(406);
      expect((await fetch(`${url}/metadatastructure`)).status).toBe(501);
    } finally {
      await close();
    }
  });
});

describe("structures", () => {
  it("answers dataflows, a DSD with references=children, code lists and what exists", async () => {
    const { url, close } = await serve(fakeGraph(rows()).execute);
    try {
      const flows = await fetch(`${url}/dataflow/WSIS/all/latest`);
      expect(flows.headers.get("content-type")).toBe("application/vnd.sdmx.structure+xml;version=2.1; charset=utf-8");
      expect(await flows.text()).toContain('<structure:Dataflow id="unsd-sdg-2023-12" agencyID="WSIS" version="1.0"');
      const dsd = await (await fetch(`${url}/datastructure/WSIS/DSD_unsd-sdg-2023-12/1.0?references=children`)).text();
      expect(dsd).toContain('<structure:Codelist id="CL_AREA"');
      expect(dsd).toContain('<common:Name xml:lang="en">Côte d\'Ivoire &amp; &lt;friends&gt;</common:Name>');
      expect(dsd).not.toContain('<structure:Codelist id="CL_AGE"');
      const constraint = await (await fetch(`${url}/availableconstraint/unsd-sdg-2023-12/A..404.`)).text();
      expect(constraint).toMatch(
        /<common:KeyValue id="SEX">\s*<common:Value>F<\/common:Value>\s*<common:Value>_T<\/common:Value>/,
      );
      expect(constraint).toContain('<common:EndPeriod isInclusive="true">2022</common:EndPeriod>');
      expect((await fetch(`${url}/codelist/WSIS/CL_NOPE`)).status).toBe(404);
    } finally {
      await close();
    }
  });
});
