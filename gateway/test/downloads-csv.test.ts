import http from "node:http";
import { parse as parseCsv } from "csv-parse/sync";
import { csvRecord } from "../src/downloads/csv";
import { DOWNLOAD_PARAMETER_SPECS } from "../src/downloads/downloads.params";
import { PAGE_QUERY } from "../src/downloads/downloads.queries";
import { CSV_COLUMNS, WIDE_COLUMNS, WIDE_MAX_OBSERVATIONS } from "../src/downloads/downloads.columns";
import { fakeGraph, observations, serve, type FakeGraph } from "./downloads.fixtures";

describe("GET /downloads/<indicator>.csv", () => {
  it("writes a header, then every page of 1000 as it is read, and nothing else", async () => {
    const rows = observations(2345);
    const graph = fakeGraph(rows);
    const { url, close } = await serve(graph.execute);
    try {
      const res = await fetch(
        `${url}/downloads/internet_users_pct.csv?economies=KEN,IND,BRA&from=2010&to=2022&sex=BOTHSEX`,
      );
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
      expect(records[7].footnote).toBe('\'=SUM(A1:A9), note with a "quote"\nand a line break');
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
        const timer = setTimeout(
          () => reject(new Error("the first page never arrived before the second was read")),
          10000,
        );
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
      expect((parseCsv(text, { bom: true, to_line: 1 }) as string[][])[0]).toEqual([
        ...WIDE_COLUMNS.map((c) => c.name),
        ...years,
      ]);
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
      expect(await res.json()).toMatchObject({
        error: { parameter: "layout", message: expect.stringContaining("layout=long") },
      });
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
      message:
        'Argument "breakdown.speed": indicator "internet_users_pct" has no breakdown by speed (see Indicator.dimensions)',
      extensions: { code: "BAD_USER_INPUT", argumentName: "breakdown.speed", codes: ["10MBPS"], allowed: [] },
    };
    const refused = await serve(fakeGraph([], { errors: [graphError] }).execute);
    try {
      const res = await fetch(`${refused.url}/downloads/internet_users_pct.csv?speed=10MBPS`);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error: { status: 400, message: graphError.message, parameter: "speed", allowed: [] },
      });
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
    [
      {
        message: 'Unknown indicator "nope" in "indicator"',
        extensions: { code: "NOT_FOUND", argumentName: "indicator" },
      },
      404,
      "indicator",
    ],
    [
      {
        message: 'Unknown indicator "nope" in "indicator"',
        extensions: { code: "BAD_USER_INPUT", argumentName: "indicator", codes: ["nope"] },
      },
      404,
      "indicator",
    ],
    [
      {
        message: 'Unknown economy code in "economies": ZZZ',
        extensions: { code: "BAD_USER_INPUT", argumentName: "economies", codes: ["ZZZ"] },
      },
      400,
      "economies",
    ],
    [
      {
        message: 'Unknown economy code in "economies": ZZZ',
        extensions: { code: "NOT_FOUND", argumentName: "economies", codes: ["ZZZ"] },
      },
      400,
      "economies",
    ],
    [
      {
        message: 'Argument "fromYear" (2022) is after "toYear" (2010)',
        extensions: { code: "BAD_USER_INPUT", argumentName: "fromYear" },
      },
      400,
      "from",
    ],
    [
      {
        message: 'Argument "breakdown.sex" has an unknown code "X"',
        extensions: { code: "BAD_USER_INPUT", argumentName: "breakdown.sex" },
      },
      400,
      "sex",
    ],
    [
      {
        message: 'Argument "region": membership unknown',
        extensions: { code: "BAD_USER_INPUT", argumentName: "region" },
      },
      400,
      "region",
    ],
    [
      { message: 'Unknown dataset "x" in "dataset"', extensions: { code: "NOT_FOUND", argumentName: "dataset" } },
      400,
      "dataset",
    ],
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
      expect(await unknown.json()).toMatchObject({
        error: { parameter: "format", allowed: DOWNLOAD_PARAMETER_SPECS.map((p) => p.name) },
      });
      const format = await fetch(`${url}/downloads/internet_users_pct.xlsx`);
      expect(format.status).toBe(404);
      expect(graph.calls).toHaveLength(0);
    } finally {
      await close();
    }
  });

  it("answers 502 when the graph fails before the first byte", async () => {
    const { url, close } = await serve(
      fakeGraph([], { errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] })
        .execute,
    );
    try {
      const res = await fetch(`${url}/downloads/internet_users_pct.csv`);
      expect(res.status).toBe(502);
      expect(((await res.json()) as { error: { status: number } }).error.status).toBe(502);
    } finally {
      await close();
    }
  });
});
