import { DOWNLOAD_PARAMETER_SPECS } from "../src/downloads/downloads.params";
import { INDEX_QUERY, METADATA_QUERY } from "../src/downloads/downloads.queries";
import { CSV_COLUMNS } from "../src/downloads/downloads.columns";
import { ECONOMIES, fakeGraph, INDEX, METADATA, serve } from "./downloads.fixtures";

describe("GET /downloads/<indicator>.json", () => {
  it("gives unit, definition, source, licence, citation and last update of the default dataset", async () => {
    const graph = fakeGraph([], { metadata: METADATA });
    const { url, close } = await serve(graph.execute);
    try {
      const res = await fetch(`${url}/downloads/internet_users_pct.json?economies=KEN,IND&from=2010`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { columns: Array<{ name: string }> };
      expect(body).toMatchObject({
        indicator: {
          code: "internet_users_pct",
          name: "Individuals using the Internet",
          sdgIndicators: ["17.8.1"],
          custodian: "ITU",
        },
        unit: "% of population",
        definition: "Proportion of individuals using the Internet (%)",
        source: {
          dataset: "unsd-sdg-2023-12",
          seriesCode: "IT_USE_ii99",
          file: "unsd_sdg_it_use_ii99.csv",
          isDefault: true,
        },
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
      expect(wdi).toMatchObject({
        lastUpdated: "2025-12-08",
        source: { dataset: "wdi-2026-03", isDefault: false },
        citation: expect.stringContaining("ITU"),
      });
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

describe("GET /downloads", () => {
  it("lists every indicator and dataset with its CSV and metadata links, and every parameter, as JSON", async () => {
    const graph = fakeGraph([], { index: INDEX });
    const { url, close } = await serve(graph.execute);
    try {
      const res = await fetch(`${url}/downloads`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(res.headers.get("vary")).toContain("Accept");
      const body = (await res.json()) as {
        indicators: Array<Record<string, unknown>>;
        datasets: unknown[];
        parameters: Array<{ name: string }>;
      };
      expect(body.indicators[0]).toEqual({
        code: "internet_users_pct",
        name: "Individuals using the Internet",
        unit: "% of population",
        defaultDataset: "wdi-2026-03",
        csv: "/downloads/internet_users_pct.csv",
        metadata: "/downloads/internet_users_pct.json",
        datasets: [
          {
            id: "unsd-sdg-2023-12",
            default: false,
            firstYear: 2000,
            lastYear: 2022,
            observations: 7504,
            csv: "/downloads/internet_users_pct.csv?dataset=unsd-sdg-2023-12",
            metadata: "/downloads/internet_users_pct.json?dataset=unsd-sdg-2023-12",
          },
          {
            id: "wdi-2026-03",
            default: true,
            firstYear: 2000,
            lastYear: 2024,
            observations: 4714,
            csv: "/downloads/internet_users_pct.csv?dataset=wdi-2026-03",
            metadata: "/downloads/internet_users_pct.json?dataset=wdi-2026-03",
          },
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
      const res = await fetch(`${url}/downloads`, {
        headers: { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" },
      });
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
    const failing = await serve(
      fakeGraph([], { errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] })
        .execute,
    );
    try {
      expect((await fetch(`${failing.url}/downloads`)).status).toBe(502);
    } finally {
      await failing.close();
    }
  });
});
