import http from "node:http";
import type { AddressInfo } from "node:net";
import { parse as parseCsv } from "csv-parse/sync";
import express from "express";
import { parse as parseGraphQL, validate } from "graphql";
import { readFileSync } from "node:fs";
import { DEFAULT_SUPERGRAPH_PATH } from "../src/config";
import { apiSchemaOf } from "../src/schema-check";
import { csvField, csvRecord, csvText } from "../src/downloads/csv";
import {
  BadDownloadParameter,
  DOWNLOAD_PARAMETER_SPECS,
  observationFilter,
  parameterOfArgument,
  parseDownloadRequest,
  UnknownDownload,
} from "../src/downloads/downloads.params";
import { type DownloadIndex, type DownloadMetadata, type DownloadObservation, INDEX_QUERY, METADATA_QUERY, PAGE_QUERY } from "../src/downloads/downloads.queries";
import { CSV_COLUMNS, downloadsRouter, WIDE_COLUMNS, WIDE_MAX_OBSERVATIONS } from "../src/downloads/downloads.route";
import type { ExecutePublic, PublicGraphResult } from "../src/public-graph";

// ---- a fake public graph that serves pages of observations --------------------------------------------------------

/** Observations as the graph serves them; the first values are real (UN SDG database, IT_USE_ii99), the rest repeat them. */
const REAL: Array<Pick<DownloadObservation, "economy" | "year" | "valueText">> = [
  { economy: { code: "BRA", m49: "076", name: "Brazil", kind: "COUNTRY" }, year: 2010, valueText: "40.65" },
  { economy: { code: "IND", m49: "356", name: "India", kind: "COUNTRY" }, year: 2010, valueText: "7.5" },
  { economy: { code: "KEN", m49: "404", name: "Kenya", kind: "COUNTRY" }, year: 2010, valueText: "7.2" },
  { economy: { code: "BES", m49: "535", name: "Bonaire, Sint Eustatius and Saba", kind: "COUNTRY" }, year: 2010, valueText: "0.0000005" },
  { economy: { code: "PRK", m49: "408", name: "Korea (Democratic People's Republic of)", kind: "COUNTRY" }, year: 2010, valueText: "0" },
  { economy: { code: "CIV", m49: "384", name: 'Côte d"Ivoire', kind: "COUNTRY" }, year: 2010, valueText: "2.7" },
];

function observations(n: number): DownloadObservation[] {
  return Array.from({ length: n }, (_, i) => ({
    ...REAL[i % REAL.length],
    year: 2000 + (i % 23),
    indicator: { code: "internet_users_pct" },
    unit: "% of population",
    breakdown: { key: i % 3 === 1 ? "sex=FEMALE" : "_T", label: i % 3 === 1 ? "Female" : "Total", sex: i % 3 === 1 ? "FEMALE" : "BOTHSEX", age: null, speed: null, location: null },
    nature: "C",
    natureLabel: "Country data",
    footnote: i === 7 ? "=SUM(A1:A9), note with a \"quote\"\nand a line break" : null,
    dataset: { id: "unsd-sdg-2023-12" },
  }));
}

type Call = { query: string; variables: Record<string, unknown> };

interface FakeGraph {
  execute: ExecutePublic;
  calls: Call[];
}

function fakeGraph(
  rows: DownloadObservation[],
  options: {
    failAfter?: string;
    gate?: { after: string; open: Promise<void> };
    errors?: PublicGraphResult<unknown>["errors"];
    metadata?: DownloadMetadata["indicator"];
    index?: DownloadIndex;
  } = {},
): FakeGraph {
  const calls: Call[] = [];
  const execute = (async (query: string, variables: Record<string, unknown> = {}) => {
    calls.push({ query, variables });
    if (options.errors) return { data: null, errors: options.errors };
    if (query === METADATA_QUERY) return { data: { indicator: options.metadata ?? null, economies: options.metadata ? ECONOMIES : [] } };
    if (query === INDEX_QUERY) return { data: options.index ?? { indicators: [], datasets: [] } };
    if (query !== PAGE_QUERY) throw new Error("unexpected query");
    const after = (variables.after as string | null) ?? null;
    if (options.gate && after === options.gate.after) await options.gate.open;
    if (options.failAfter !== undefined && after === options.failAfter) return { data: null, errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] };
    const start = after === null ? 0 : Number(after);
    const first = variables.first as number;
    const end = Math.min(rows.length, start + first);
    return {
      data: {
        observations: {
          ...(variables.withCount ? { totalCount: rows.length } : {}),
          pageInfo: { hasNextPage: end < rows.length, endCursor: end > start ? String(end) : null },
          edges: rows.slice(start, end).map((node) => ({ node })),
        },
      },
    };
  }) as ExecutePublic;
  return { execute, calls };
}

async function serve(execute: ExecutePublic): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  app.use(downloadsRouter(execute));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const ECONOMIES: NonNullable<DownloadMetadata["economies"]> = [
  { code: "KEN", m49: "404", iri: "http://metadata.un.org/sdg/codes/geoArea/404" },
  { code: "XKX", m49: "412", iri: null },
];

const METADATA: NonNullable<DownloadMetadata["indicator"]> = {
  code: "internet_users_pct",
  name: "Individuals using the Internet",
  unit: "% of population",
  definition: null,
  description: "Proportion of individuals using the Internet (%)",
  wdiCode: "IT.NET.USER.ZS",
  unsdSeriesCode: "IT_USE_ii99",
  sdgIndicators: [
    {
      code: "17.8.1",
      iri: "http://metadata.un.org/sdg/C170801",
      target: { code: "17.8", iri: "http://metadata.un.org/sdg/17.8", goal: { code: "17", iri: "http://metadata.un.org/sdg/17" } },
    },
  ],
  custodian: { id: "ITU" },
  breakdownDimensions: ["sex"],
  defaultDataset: { id: "unsd-sdg-2023-12" },
  defaultDatasetChoice: { rule: "The default dataset is the one whose latest complete year is the most recent.", reason: "only one" },
  datasets: [
    {
      isDefault: true,
      seriesCode: "IT_USE_ii99",
      file: "unsd_sdg_it_use_ii99.csv",
      lastUpdated: "2023-04-02",
      observationCount: 7504,
      firstYear: 2000,
      lastYear: 2022,
      source: { url: "https://github.com/open-numbers/ddf--unstats--sdg_indicators/blob/e0117e9f/x.csv" },
      dataset: {
        id: "unsd-sdg-2023-12",
        title: "UN Global SDG Indicators Database — ITU series",
        publisher: "United Nations Statistics Division",
        release: "e0117e9f (2023-12-17)",
        releaseDate: "2023-12-17",
        licence: "CC-BY-4.0",
        citation: "United Nations Statistics Division, Global SDG Indicators Database, series IT_USE_ii99 ...",
        url: "https://unstats.un.org/sdgs/dataportal",
      },
    },
    {
      isDefault: false,
      seriesCode: "IT.NET.USER.ZS",
      file: "gapminder_wdi_internet_users_2000-2024.csv",
      lastUpdated: "2025-12-08",
      observationCount: 4714,
      firstYear: 2000,
      lastYear: 2024,
      source: { url: "https://github.com/open-numbers/ddf--gapminder--systema_globalis/blob/c63631ab/y.csv" },
      dataset: {
        id: "wdi-2026-03",
        title: "World Development Indicators — ICT series",
        publisher: "World Bank; original source: ITU",
        release: "c63631ab (2026-03-01)",
        releaseDate: "2026-03-01",
        licence: "CC-BY-4.0",
        citation: "World Bank, World Development Indicators, series IT.NET.USER.ZS; original source: ITU ...",
        url: "https://databank.worldbank.org",
      },
    },
  ],
};

// ---- parameters -------------------------------------------------------------------------------------------------

describe("download parameters", () => {
  it("reads the indicator, the format and every filter parameter", () => {
    const request = parseDownloadRequest("IT.NET.USER.ZS.csv", {
      economies: "KEN, IND,404",
      region: "Sub-Saharan Africa",
      from: "2010",
      to: "2022",
      dataset: "wdi-2026-03",
      sex: "FEMALE",
      speed: "10MBPS",
    });
    expect(request).toEqual({
      indicator: "IT.NET.USER.ZS",
      format: "csv",
      economies: ["KEN", "IND", "404"],
      region: "Sub-Saharan Africa",
      from: 2010,
      to: 2022,
      dataset: "wdi-2026-03",
      sex: "FEMALE",
      speed: "10MBPS",
      age: null,
      location: null,
      skill: null,
      educationLevel: null,
      allBreakdowns: false,
      layout: "long",
      excel: false,
    });
    expect(observationFilter(request)).toEqual({
      indicator: "IT.NET.USER.ZS",
      economies: ["KEN", "IND", "404"],
      region: "Sub-Saharan Africa",
      fromYear: 2010,
      toYear: 2022,
      dataset: "wdi-2026-03",
      breakdown: { sex: "FEMALE", speed: "10MBPS" },
    });
    expect(observationFilter(parseDownloadRequest("internet_users_pct.json", {}))).toEqual({ indicator: "internet_users_pct" });
  });

  it("names a skill or an education level (indicators without a total over them), with age and location", () => {
    expect(observationFilter(parseDownloadRequest("ict_skills_pct.csv", { skill: "COPA", age: "15_24", location: "RURAL", sex: "FEMALE" }))).toEqual({
      indicator: "ict_skills_pct",
      breakdown: { sex: "FEMALE", age: "15_24", location: "RURAL", skill: "COPA" },
    });
    expect(observationFilter(parseDownloadRequest("schools_internet_pct.csv", { educationLevel: "PRIMAR" }))).toEqual({
      indicator: "schools_internet_pct",
      breakdown: { educationLevel: "PRIMAR" },
    });
    expect(parameterOfArgument("filter.breakdown.skill")).toBe("skill");
    expect(parameterOfArgument("breakdown.educationLevel")).toBe("educationLevel");
    expect(() => parseDownloadRequest("ict_skills_pct.csv", { skill: "CO PA" })).toThrow(/skill/);
  });

  it("reads the shape parameters: allBreakdowns, layout, excel (any case)", () => {
    const request = parseDownloadRequest("internet_users_pct.csv", { allBreakdowns: "TRUE", layout: "Wide", excel: "1" });
    expect(request).toMatchObject({ allBreakdowns: true, layout: "wide", excel: true });
    expect(observationFilter(request)).toEqual({ indicator: "internet_users_pct", allBreakdowns: true });
    expect(parseDownloadRequest("internet_users_pct.csv", { allBreakdowns: "0", excel: "false" })).toMatchObject({ allBreakdowns: false, layout: "long", excel: false });
  });

  it.each([
    [{ layout: "tall" }, "layout", ["long", "wide"]],
    [{ excel: "yes" }, "excel", ["true", "false", "1", "0"]],
    [{ allBreakdowns: "all" }, "allBreakdowns", ["true", "false", "1", "0"]],
  ])("an unknown value of a known parameter, %j, is refused naming the allowed values", (query, parameter, allowed) => {
    let thrown: BadDownloadParameter | undefined;
    try {
      parseDownloadRequest("internet_users_pct.csv", query);
    } catch (error) {
      thrown = error as BadDownloadParameter;
    }
    expect(thrown).toBeInstanceOf(BadDownloadParameter);
    expect(thrown!.parameter).toBe(parameter);
    expect(thrown!.allowed).toEqual(allowed);
    expect(thrown!.message).toContain(allowed.join(", "));
  });

  it("an unknown parameter name is refused naming every parameter a download takes", () => {
    let thrown: BadDownloadParameter | undefined;
    try {
      parseDownloadRequest("internet_users_pct.csv", { countries: "KEN" });
    } catch (error) {
      thrown = error as BadDownloadParameter;
    }
    expect(thrown!.parameter).toBe("countries");
    expect(thrown!.allowed).toEqual(DOWNLOAD_PARAMETER_SPECS.map((p) => p.name));
    for (const p of DOWNLOAD_PARAMETER_SPECS) expect(thrown!.message).toContain(p.name);
  });

  it.each([
    [{ economies: "KEN,KE" }, "economies"],
    [{ economies: "KEN,,IND" }, "economies"],
    [{ economies: Array.from({ length: 301 }, () => "KEN").join(",") }, "economies"],
    [{ from: "20x0" }, "from"],
    [{ from: "1800" }, "from"],
    [{ to: "2200" }, "to"],
    [{ from: "2022", to: "2010" }, "from"],
    [{ year: "2020" }, "year"],
    [{ from: ["2010", "2011"] }, "from"],
    [{ region: "" }, "region"],
    [{ region: "<script>" }, "region"],
    [{ dataset: "WDI 2026" }, "dataset"],
    [{ sex: "F-M" }, "sex"],
    [{ speed: "fast!" }, "speed"],
  ])("refuses %j naming %s", (query, parameter) => {
    let thrown: unknown;
    try {
      parseDownloadRequest("internet_users_pct.csv", query as Record<string, unknown>);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BadDownloadParameter);
    expect((thrown as BadDownloadParameter).parameter).toBe(parameter);
    expect((thrown as Error).message).toContain(`"${parameter}"`);
  });

  it("refuses a malformed indicator and an unknown format", () => {
    expect(() => parseDownloadRequest("1-no.csv", {})).toThrow(BadDownloadParameter);
    expect(() => parseDownloadRequest("internet_users_pct.xlsx", {})).toThrow(UnknownDownload);
    expect(() => parseDownloadRequest("internet_users_pct", {})).toThrow(UnknownDownload);
  });
});

// ---- the CSV writer ---------------------------------------------------------------------------------------------

describe("CSV writer", () => {
  it("quotes fields that need it (RFC 4180) and leaves the others as they are", () => {
    expect(csvField("KEN")).toBe("KEN");
    expect(csvField("0.0000005")).toBe("0.0000005");
    expect(csvField(2010)).toBe("2010");
    expect(csvField(null)).toBe("");
    expect(csvField("Bonaire, Sint Eustatius and Saba")).toBe('"Bonaire, Sint Eustatius and Saba"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(" padded")).toBe('" padded"');
    expect(csvRecord(["a", "b"])).toBe("a,b\r\n");
  });

  it("keeps a spreadsheet from reading free text as a formula, not numbers", () => {
    expect(csvText("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvText("@cmd")).toBe("'@cmd");
    expect(csvText("Kenya")).toBe("Kenya");
    expect(csvField("-1.5")).toBe("-1.5");
  });
});

// ---- the route --------------------------------------------------------------------------------------------------

describe("GET /downloads/<indicator>.csv", () => {
  it("writes a header, then every page of 1000 as it is read, and nothing else", async () => {
    const rows = observations(2345);
    const graph = fakeGraph(rows);
    const { url, close } = await serve(graph.execute);
    try {
      const res = await fetch(`${url}/downloads/internet_users_pct.csv?economies=KEN,IND,BRA&from=2010&to=2022&sex=BOTHSEX`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toBe('attachment; filename="internet_users_pct.csv"');
      expect(res.headers.get("x-total-count")).toBe("2345");
      const text = await res.text();
      const records = parseCsv(text, { columns: true }) as Array<Record<string, string>>;
      expect(records).toHaveLength(2345);
      expect(Object.keys(records[0])).toEqual(CSV_COLUMNS.map((c) => c.name));
      records.forEach((r, i) => {
        expect(r.economy).toBe(rows[i].economy!.code);
        expect(r.economy_name).toBe(rows[i].economy!.name);
        expect(r.value).toBe(rows[i].valueText);
        expect(r.year).toBe(String(rows[i].year));
        expect(r.sex).toBe(rows[i].breakdown.sex);
      });
      expect(records[7].footnote).toBe("'=SUM(A1:A9), note with a \"quote\"\nand a line break");
      expect(text.split("\r\n")[0]).toBe(CSV_COLUMNS.map((c) => c.name).join(","));

      // Three pages of at most 1000, each after the previous one's cursor, all with the filter of the query string.
      expect(graph.calls.map((c) => [c.variables.first, c.variables.after, c.variables.withCount])).toEqual([
        [1000, null, true],
        [1000, "1000", false],
        [1000, "2000", false],
      ]);
      for (const call of graph.calls) {
        expect(call.query).toBe(PAGE_QUERY);
        expect(call.variables.filter).toEqual({
          indicator: "internet_users_pct",
          economies: ["KEN", "IND", "BRA"],
          fromYear: 2010,
          toYear: 2022,
          breakdown: { sex: "BOTHSEX" },
        });
      }
    } finally {
      await close();
    }
  });

  it("streams: the first page reaches the client before the second page is read", async () => {
    let open!: () => void;
    const gate = { after: "1000", open: new Promise<void>((resolve) => (open = resolve)) };
    const graph = fakeGraph(observations(1500), { gate });
    const { url, close } = await serve(graph.execute);
    try {
      const body = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("the first page never arrived before the second was read")), 10000);
        http
          .get(`${url}/downloads/internet_users_pct.csv`, (res) => {
            let text = "";
            res.setEncoding("utf8");
            res.on("data", (chunk: string) => {
              text += chunk;
              // header + 1000 records, each ending in CRLF (the footnote's own line break is a bare LF), while the
              // second page is still held back by the gate
              if (graph.calls.length === 2 && text.split("\r\n").length - 1 === 1001) {
                clearTimeout(timer);
                open();
              }
            });
            res.on("end", () => resolve(text));
            res.on("error", reject);
          })
          .on("error", reject);
      });
      expect((parseCsv(body) as unknown[]).length).toBe(1501);
    } finally {
      await close();
    }
  });

  it("an empty result is a header only", async () => {
    const { url, close } = await serve(fakeGraph([]).execute);
    try {
      const res = await fetch(`${url}/downloads/internet_users_pct.csv?economies=ATA`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(csvRecord(CSV_COLUMNS.map((c) => c.name)));
    } finally {
      await close();
    }
  });

  it("excel=1 starts the file with a UTF-8 byte-order mark, so accented names survive a double-click", async () => {
    const { url, close } = await serve(fakeGraph(observations(6)).execute);
    try {
      const res = await fetch(`${url}/downloads/internet_users_pct.csv?excel=1`);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.toString("utf8")).toContain("Côte");
      const plain = Buffer.from(await (await fetch(`${url}/downloads/internet_users_pct.csv`)).arrayBuffer());
      expect(plain[0]).toBe("i".charCodeAt(0));
    } finally {
      await close();
    }
  });

  it("layout=wide: one row per economy and breakdown, one column per year, every page read", async () => {
    const rows = observations(2345);
    const graph = fakeGraph(rows);
    const { url, close } = await serve(graph.execute);
    try {
      const res = await fetch(`${url}/downloads/internet_users_pct.csv?layout=wide&excel=1`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-disposition")).toBe('attachment; filename="internet_users_pct-wide.csv"');
      const text = await res.text();
      const records = parseCsv(text, { columns: true, bom: true }) as Array<Record<string, string>>;
      const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b).map(String);
      // (the header as written: an object's keys would list the year columns first)
      expect((parseCsv(text, { bom: true, to_line: 1 }) as string[][])[0]).toEqual([...WIDE_COLUMNS.map((c) => c.name), ...years]);
      // one row per (economy, breakdown), each year's value as served (the last served wins for a repeated key)
      const expected = new Map<string, Map<string, string>>();
      for (const r of rows) {
        const k = `${r.economy!.code}|${r.breakdown.label}`;
        if (!expected.has(k)) expected.set(k, new Map());
        expected.get(k)!.set(String(r.year), r.valueText);
      }
      expect(records).toHaveLength(expected.size);
      for (const record of records) {
        const values = expected.get(`${record.economy}|${record.breakdown}`)!;
        for (const y of years) expect(record[y]).toBe(values.get(y) ?? "");
      }
      expect(graph.calls).toHaveLength(3);
    } finally {
      await close();
    }
  });

  it("layout=wide beyond its bound is a 400 that says how to narrow it", async () => {
    const graph = fakeGraph([]);
    const big: FakeGraph["execute"] = (async (query: string, variables?: Record<string, unknown>) => {
      const result = await graph.execute<{ observations: { totalCount: number } }>(query, variables);
      return { data: { observations: { ...result.data!.observations, totalCount: WIDE_MAX_OBSERVATIONS + 1 } } };
    }) as FakeGraph["execute"];
    const { url, close } = await serve(big);
    try {
      const res = await fetch(`${url}/downloads/internet_users_pct.csv?layout=wide`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { parameter: "layout", message: expect.stringContaining("layout=long") } });
    } finally {
      await close();
    }
  });

  it("an unknown value is a 400 naming the allowed values: from the parameter list, or from the graph (speed=10MBPS of internet use)", async () => {
    const { url, close } = await serve(fakeGraph(observations(3)).execute);
    try {
      const layout = await fetch(`${url}/downloads/internet_users_pct.csv?layout=pivot`);
      expect(layout.status).toBe(400);
      expect(await layout.json()).toMatchObject({ error: { parameter: "layout", allowed: ["long", "wide"] } });
    } finally {
      await close();
    }
    const graphError = {
      message: 'Argument "breakdown.speed": indicator "internet_users_pct" has no breakdown by speed (see Indicator.dimensions)',
      extensions: { code: "BAD_USER_INPUT", argumentName: "breakdown.speed", codes: ["10MBPS"], allowed: [] },
    };
    const refused = await serve(fakeGraph([], { errors: [graphError] }).execute);
    try {
      const res = await fetch(`${refused.url}/downloads/internet_users_pct.csv?speed=10MBPS`);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { status: 400, message: graphError.message, parameter: "speed", allowed: [] } });
    } finally {
      await refused.close();
    }
  });

  it("aborts the response when a later page fails, so a truncated file is never taken for a complete one", async () => {
    const { url, close } = await serve(fakeGraph(observations(2500), { failAfter: "2000" }).execute);
    try {
      const res = await fetch(`${url}/downloads/internet_users_pct.csv`);
      expect(res.status).toBe(200);
      await expect(res.text()).rejects.toThrow();
    } finally {
      await close();
    }
  });

  it.each([
    [{ message: 'Unknown indicator "nope" in "indicator"', extensions: { code: "NOT_FOUND", argumentName: "indicator" } }, 404, "indicator"],
    [{ message: 'Unknown indicator "nope" in "indicator"', extensions: { code: "BAD_USER_INPUT", argumentName: "indicator", codes: ["nope"] } }, 404, "indicator"],
    [{ message: 'Unknown economy code in "economies": ZZZ', extensions: { code: "BAD_USER_INPUT", argumentName: "economies", codes: ["ZZZ"] } }, 400, "economies"],
    [{ message: 'Unknown economy code in "economies": ZZZ', extensions: { code: "NOT_FOUND", argumentName: "economies", codes: ["ZZZ"] } }, 400, "economies"],
    [{ message: 'Argument "fromYear" (2022) is after "toYear" (2010)', extensions: { code: "BAD_USER_INPUT", argumentName: "fromYear" } }, 400, "from"],
    [{ message: 'Argument "breakdown.sex" has an unknown code "X"', extensions: { code: "BAD_USER_INPUT", argumentName: "breakdown.sex" } }, 400, "sex"],
    [{ message: 'Argument "region": membership unknown', extensions: { code: "BAD_USER_INPUT", argumentName: "region" } }, 400, "region"],
    [{ message: 'Unknown dataset "x" in "dataset"', extensions: { code: "NOT_FOUND", argumentName: "dataset" } }, 400, "dataset"],
  ])("answers the graph's %j with %s naming %s, as JSON", async (error, status, parameter) => {
    const { url, close } = await serve(fakeGraph([], { errors: [error] }).execute);
    try {
      const res = await fetch(`${url}/downloads/nope.csv`);
      expect(res.status).toBe(status);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(await res.json()).toEqual({ error: { status, message: error.message, parameter } });
    } finally {
      await close();
    }
  });

  it("refuses a bad parameter with 400 naming it, without asking the graph", async () => {
    const graph = fakeGraph(observations(10));
    const { url, close } = await serve(graph.execute);
    try {
      const res = await fetch(`${url}/downloads/internet_users_pct.csv?from=2022&to=2010`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { status: 400, parameter: "from" } });
      const unknown = await fetch(`${url}/downloads/internet_users_pct.csv?format=xlsx`);
      expect(unknown.status).toBe(400);
      expect(await unknown.json()).toMatchObject({ error: { parameter: "format", allowed: DOWNLOAD_PARAMETER_SPECS.map((p) => p.name) } });
      const format = await fetch(`${url}/downloads/internet_users_pct.xlsx`);
      expect(format.status).toBe(404);
      expect(graph.calls).toHaveLength(0);
    } finally {
      await close();
    }
  });

  it("answers 502 when the graph fails before the first byte", async () => {
    const { url, close } = await serve(fakeGraph([], { errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] }).execute);
    try {
      const res = await fetch(`${url}/downloads/internet_users_pct.csv`);
      expect(res.status).toBe(502);
      expect(((await res.json()) as { error: { status: number } }).error.status).toBe(502);
    } finally {
      await close();
    }
  });
});

describe("GET /downloads/<indicator>.json", () => {
  it("gives unit, definition, source, licence, citation and last update of the default dataset", async () => {
    const graph = fakeGraph([], { metadata: METADATA });
    const { url, close } = await serve(graph.execute);
    try {
      const res = await fetch(`${url}/downloads/internet_users_pct.json?economies=KEN,IND&from=2010`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { columns: Array<{ name: string }> };
      expect(body).toMatchObject({
        indicator: { code: "internet_users_pct", name: "Individuals using the Internet", sdgIndicators: ["17.8.1"], custodian: "ITU" },
        unit: "% of population",
        definition: "Proportion of individuals using the Internet (%)",
        source: { dataset: "unsd-sdg-2023-12", seriesCode: "IT_USE_ii99", file: "unsd_sdg_it_use_ii99.csv", isDefault: true },
        licence: "CC-BY-4.0",
        citation: METADATA.datasets[0].dataset!.citation,
        lastUpdated: "2023-04-02",
        coverage: { observations: 7504, firstYear: 2000, lastYear: 2022 },
        otherDatasets: ["wdi-2026-03"],
        csv: "/downloads/internet_users_pct.csv?economies=KEN,IND&from=2010",
      });
      expect(body.columns.map((c) => c.name)).toEqual(CSV_COLUMNS.map((c) => c.name));
      // The UN linked-data identifiers, as the graph serves them.
      expect((body as unknown as { linkedData: unknown }).linkedData).toEqual({
        sdgIndicators: [
          {
            code: "17.8.1",
            iri: "http://metadata.un.org/sdg/C170801",
            target: { code: "17.8", iri: "http://metadata.un.org/sdg/17.8" },
            goal: { code: "17", iri: "http://metadata.un.org/sdg/17" },
          },
        ],
        economies: ECONOMIES,
      });
      expect(graph.calls).toEqual([{ query: METADATA_QUERY, variables: { code: "internet_users_pct" } }]);
    } finally {
      await close();
    }
  });

  it("describes the dataset asked for; an unknown indicator is 404, a dataset that does not publish it 400", async () => {
    const { url, close } = await serve(fakeGraph([], { metadata: METADATA }).execute);
    try {
      const wdi = await (await fetch(`${url}/downloads/internet_users_pct.json?dataset=wdi-2026-03`)).json();
      expect(wdi).toMatchObject({ lastUpdated: "2025-12-08", source: { dataset: "wdi-2026-03", isDefault: false }, citation: expect.stringContaining("ITU") });
      const other = await fetch(`${url}/downloads/internet_users_pct.json?dataset=unsd-sdg-1999`);
      expect(other.status).toBe(400);
      expect(await other.json()).toMatchObject({ error: { parameter: "dataset" } });
    } finally {
      await close();
    }
    const none = await serve(fakeGraph([]).execute);
    try {
      const res = await fetch(`${none.url}/downloads/no_such_indicator.json`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { status: 404, parameter: "indicator" } });
    } finally {
      await none.close();
    }
  });
});

const INDEX: DownloadIndex = {
  indicators: [
    {
      code: "internet_users_pct",
      name: "Individuals using the Internet",
      unit: "% of population",
      defaultDataset: { id: "wdi-2026-03" },
      datasets: [
        { dataset: { id: "unsd-sdg-2023-12" }, firstYear: 2000, lastYear: 2022, observationCount: 7504 },
        { dataset: { id: "wdi-2026-03" }, firstYear: 2000, lastYear: 2024, observationCount: 4714 },
      ],
    },
    { code: "mobile_network_4g_pct", name: "Population covered by at least a 4G mobile network", unit: "% of population", defaultDataset: { id: "unsd-sdg-2023-12" }, datasets: [{ dataset: { id: "unsd-sdg-2023-12" }, firstYear: 2015, lastYear: 2022, observationCount: 1894 }] },
  ],
  datasets: [
    { id: "unsd-sdg-2023-12", title: "UN Global SDG Indicators Database — ITU series", publisher: "UNSD <ITU>", licence: "CC-BY-4.0", releaseDate: "2023-12-17" },
    { id: "wdi-2026-03", title: "World Development Indicators — ICT series", publisher: "World Bank", licence: "CC-BY-4.0", releaseDate: "2026-03-01" },
  ],
};

describe("GET /downloads", () => {
  it("lists every indicator and dataset with its CSV and metadata links, and every parameter, as JSON", async () => {
    const graph = fakeGraph([], { index: INDEX });
    const { url, close } = await serve(graph.execute);
    try {
      const res = await fetch(`${url}/downloads`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(res.headers.get("vary")).toContain("Accept");
      const body = (await res.json()) as { indicators: Array<Record<string, unknown>>; datasets: unknown[]; parameters: Array<{ name: string }> };
      expect(body.indicators[0]).toEqual({
        code: "internet_users_pct",
        name: "Individuals using the Internet",
        unit: "% of population",
        defaultDataset: "wdi-2026-03",
        csv: "/downloads/internet_users_pct.csv",
        metadata: "/downloads/internet_users_pct.json",
        datasets: [
          { id: "unsd-sdg-2023-12", default: false, firstYear: 2000, lastYear: 2022, observations: 7504, csv: "/downloads/internet_users_pct.csv?dataset=unsd-sdg-2023-12", metadata: "/downloads/internet_users_pct.json?dataset=unsd-sdg-2023-12" },
          { id: "wdi-2026-03", default: true, firstYear: 2000, lastYear: 2024, observations: 4714, csv: "/downloads/internet_users_pct.csv?dataset=wdi-2026-03", metadata: "/downloads/internet_users_pct.json?dataset=wdi-2026-03" },
        ],
      });
      expect(body.indicators).toHaveLength(2);
      expect(body.datasets).toEqual(INDEX.datasets);
      expect(body.parameters.map((p) => p.name)).toEqual(DOWNLOAD_PARAMETER_SPECS.map((p) => p.name));
      expect(graph.calls).toEqual([{ query: INDEX_QUERY, variables: {} }]);
    } finally {
      await close();
    }
  });

  it("answers a browser with a page of links, its text escaped", async () => {
    const { url, close } = await serve(fakeGraph([], { index: INDEX }).execute);
    try {
      const res = await fetch(`${url}/downloads`, { headers: { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/html");
      const html = await res.text();
      expect(html).toContain('<a href="/downloads/internet_users_pct.csv">CSV</a>');
      expect(html).toContain('href="/downloads/mobile_network_4g_pct.json"');
      expect(html).toContain("UNSD &lt;ITU&gt;");
      expect(html).not.toContain("<ITU>");
      for (const p of DOWNLOAD_PARAMETER_SPECS) expect(html).toContain(`<code>${p.name}</code>`);
    } finally {
      await close();
    }
  });

  it("takes no parameters, and answers 502 when the graph cannot be read", async () => {
    const { url, close } = await serve(fakeGraph([], { index: INDEX }).execute);
    try {
      const res = await fetch(`${url}/downloads?format=xml`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { parameter: "format" } });
    } finally {
      await close();
    }
    const failing = await serve(fakeGraph([], { errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] }).execute);
    try {
      expect((await fetch(`${failing.url}/downloads`)).status).toBe(502);
    } finally {
      await failing.close();
    }
  });
});

describe("the operations the downloads send", () => {
  it("are valid against the composed supergraph", async () => {
    const schema = apiSchemaOf(readFileSync(DEFAULT_SUPERGRAPH_PATH, "utf8"));
    for (const query of [PAGE_QUERY, METADATA_QUERY, INDEX_QUERY]) {
      expect(validate(schema, parseGraphQL(query))).toEqual([]);
    }
  });
});
