/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdirSync, readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Browser, BrowserContext, Page, Response } from "playwright-core";
import { chromiumForTests, launchChromium } from "./browser";
import { post, startProcessHub, type HubProcess, type ProcessHub } from "./gateway-fixture";

/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core) against the real hub, run as in
 * production: every subgraph and the gateway as their own processes over one fresh database, NODE_ENV=production.
 * Each test compares what the page draws with what the public API answers. Screenshots of each view are written to
 * test/artifacts/ (git-ignored); with DASHBOARD_SCREENSHOT=1 the map's is also written for the README.
 */

const CHROMIUM = chromiumForTests();
const describeInBrowser = CHROMIUM ? describe : describe.skip;

const ROOT = path.resolve(__dirname, "../..");
const ARTIFACTS = path.join(ROOT, "test/artifacts");
const README_SCREENSHOT = path.join(ROOT, "gateway/dashboard/docs/dashboard.png");
const MANIFEST = path.join(ROOT, "gateway/dashboard/dist/persisted-query-manifest.json");

let hub: ProcessHub;
let gateway: HubProcess;
let browser: Browser;
let otherOrigin: { url: string; close(): Promise<void> };

/** A page of another origin (another port) that reads the hub's API from the browser: CORS. */
function crossOriginPage(hubUrl: () => string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(`<!doctype html><title>Another site</title><p id="post">…</p><p id="get">…</p>
<script type="module">
const hub = ${JSON.stringify(hubUrl())};
const show = (id, text) => { document.getElementById(id).textContent = text; };
try {
  const r = await fetch(hub + "/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: '{ actionLine(code: "C5") { title } }' }) });
  show("post", (await r.json()).data.actionLine.title);
} catch (e) { show("post", "error: " + e.message); }
try {
  const r = await fetch(hub + "/graphql?query=" + encodeURIComponent('{ sdgGoal(code: "17") { title } }'), { headers: { "apollo-require-preflight": "true" } });
  show("get", (await r.json()).data.sdgGoal.title);
} catch (e) { show("get", "error: " + e.message); }
document.body.dataset.done = "1";
</script>`);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    ),
  );
}

async function api<T>(query: string, variables?: Record<string, unknown>, target: HubProcess = gateway): Promise<T> {
  const reply = await post<T>(target.url, { query, variables });
  if (reply.errors?.length) throw new Error(`the API refused the test's query: ${JSON.stringify(reply.errors)}`);
  return reply.data!;
}

/** Opens a view and waits until it is drawn. */
async function open(context: BrowserContext, search: string, view: string, base = gateway.baseUrl): Promise<Page> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto(`${base}/dashboard/${search}`);
  await waitDrawn(page, view);
  expect(problems).toEqual([]);
  return page;
}

async function waitDrawn(page: Page, view: string, urlPart = ""): Promise<void> {
  await page.waitForFunction(
    ([v, part]) =>
      (document.body.dataset.readyView === v || document.body.dataset.readyView === `${v}:error`) &&
      location.search.includes(part),
    [view, urlPart] as const,
    { timeout: 60_000 },
  );
  const state = await page.evaluate(() => document.body.dataset.readyView);
  if (state !== view) throw new Error(`the ${view} view failed: ${await page.locator(".error").textContent()}`);
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true });
}

/** RFC 4180 records (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ",") {
      row.push(field);
      field = "";
    } else if (!quoted && c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

type Latest = {
  latestObservations: Array<{ year: number; valueText: string; economy: { code: string; m49: string } }>;
};
const LATEST = `query($indicator: String!, $minYear: Int, $maxYear: Int) {
  latestObservations(indicator: $indicator, kind: COUNTRY, minYear: $minYear, maxYear: $maxYear) { year valueText economy { code m49 } } }`;

/** What the map draws: one entry per shape with data. */
async function drawnShapes(page: Page) {
  return page.$$eval("figure.chart g.wsis-shapes-data path", (paths) =>
    paths.map((p) => ({
      economy: p.getAttribute("data-economy")!,
      m49: p.getAttribute("data-m49")!,
      value: p.getAttribute("data-value")!,
      year: Number(p.getAttribute("data-year")),
    })),
  );
}

async function expectMapEqualsApi(
  page: Page,
  indicator: string,
  years: { minYear?: number; maxYear?: number } = {},
): Promise<number> {
  const served = new Map(
    (await api<Latest>(LATEST, { indicator, ...years })).latestObservations.map((o) => [o.economy.code, o]),
  );
  const drawn = await drawnShapes(page);
  const economies = new Set(drawn.map((d) => d.economy));
  for (const shape of drawn) {
    const o = served.get(shape.economy);
    expect({ economy: shape.economy, value: shape.value, year: shape.year }).toEqual({
      economy: shape.economy,
      value: o?.valueText,
      year: o?.year,
    });
  }
  // Shapes drawn as without data are economies the API has no value for.
  const hatched = await page.$$eval("figure.chart g.wsis-shapes-no-data path", (paths) =>
    paths.map((p) => p.getAttribute("data-m49")),
  );
  const servedM49 = new Set([...served.values()].map((o) => o.economy.m49));
  expect(hatched.filter((m49) => m49 && servedM49.has(m49))).toEqual([]);
  return economies.size;
}

beforeAll(async () => {
  if (!CHROMIUM) return;
  let hubBase = "";
  otherOrigin = await crossOriginPage(() => hubBase);
  hub = await startProcessHub({
    subgraphs: ["action-lines", "events", "indicators", "reports"],
    // CORS_ORIGINS: the other site's origin may read the API (the gateway's CORS setting).
    gatewayEnv: { LOG_LEVEL: "warn", CORS_ORIGINS: otherOrigin.url },
  });
  gateway = hub.gateways[0];
  hubBase = gateway.baseUrl;
  browser = await launchChromium(CHROMIUM);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await otherOrigin?.close();
  await hub?.stop();
});

describeInBrowser("the dashboard in Chromium", () => {
  let context: BrowserContext;
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  });
  afterEach(async () => {
    await context.close();
  });

  it("map: at least 190 economies drawn, each with the value and year of latestObservations; hover shows value, year and source", async () => {
    const page = await open(context, "?view=map&indicator=internet_users_pct", "map");
    expect(await expectMapEqualsApi(page, "internet_users_pct")).toBeGreaterThanOrEqual(190);
    expect(await page.locator("figure.chart").first().getAttribute("data-view")).toBe("map");
    await page.hover('g.wsis-shapes-data path[data-economy="KEN"]');
    const tip = await page
      .locator('g[aria-label="tip"]', { hasText: "Kenya" })
      .first()
      .textContent({ timeout: 10_000 });
    const kenya = (await api<Latest>(LATEST, { indicator: "internet_users_pct" })).latestObservations.find(
      (o) => o.economy.code === "KEN",
    )!;
    expect(tip).toContain("Kenya");
    expect(tip).toContain(kenya.valueText);
    expect(tip).toContain(String(kenya.year));
    expect(tip).toMatch(/Source: .+/);
    expect(await page.locator(".legend-extra").textContent()).toMatch(/no data/);
    await screenshot(page, "map");
    if (process.env.DASHBOARD_SCREENSHOT === "1") {
      mkdirSync(path.dirname(README_SCREENSHOT), { recursive: true });
      await page.screenshot({ path: README_SCREENSHOT, clip: { x: 0, y: 0, width: 1280, height: 900 } });
    }
  });

  it("map: changing the indicator redraws the map with that indicator's values, and the URL says so", async () => {
    const page = await open(context, "?view=map&indicator=internet_users_pct", "map");
    await page.selectOption("#indicator", "mobile_cellular_per100");
    await waitDrawn(page, "map", "indicator=mobile_cellular_per100");
    expect(await page.locator("#view-title").textContent()).toMatch(/Mobile-cellular/);
    expect(await expectMapEqualsApi(page, "mobile_cellular_per100")).toBeGreaterThanOrEqual(190);
    // The year range: only values of 2020 or later are coloured.
    await page.fill("#year-from", "2020");
    await page.press("#year-from", "Enter");
    await waitDrawn(page, "map", "from=2020");
    const drawn = await drawnShapes(page);
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.every((d) => d.year >= 2020)).toBe(true);
    expect(await expectMapEqualsApi(page, "mobile_cellular_per100", { minYear: 2020 })).toBe(
      new Set(drawn.map((d) => d.economy)).size,
    );
    // An upper bound maps each economy's latest value up to that year (not its latest value, hidden when later).
    const until2010 = await open(context, "?view=map&indicator=mobile_cellular_per100&to=2010", "map");
    const upTo2010 = await drawnShapes(until2010);
    expect(upTo2010.every((d) => d.year <= 2010)).toBe(true);
    expect(await expectMapEqualsApi(until2010, "mobile_cellular_per100", { maxYear: 2010 })).toBeGreaterThanOrEqual(
      180,
    );
  });

  it("map: clicking a country opens its profile, whose table is the API's latest values", async () => {
    const page = await open(context, "?view=map&indicator=internet_users_pct", "map");
    await page.click('g.wsis-shapes-data path[data-economy="BRA"]');
    await waitDrawn(page, "profile", "economy=BRA");
    const { economy } = await api<{
      economy: { latestValues: Array<{ indicator: { name: string }; valueText: string; year: number }> };
    }>('{ economy(code: "BRA") { latestValues { indicator { name } valueText year } } }');
    const rows = await page.$$eval("table.data-table tbody tr", (trs) =>
      trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)),
    );
    expect(rows.map((r) => [r[0], r[1], Number(r[3])])).toEqual(
      economy.latestValues.map((v) => [v.indicator.name, v.valueText, v.year]),
    );
    expect(await page.locator("#view-title").textContent()).toBe("Brazil — economy profile");
    await screenshot(page, "profile");
  });

  it("series: one line per chosen economy and region, the official and the computed regional figures apart, breakdowns selectable", async () => {
    const search = "?view=series&indicator=internet_users_pct&economies=KEN%2CNGA%2CIND&regions=202&from=2010&to=2021";
    const page = await open(context, search, "series");
    const lines = await page.$$eval("g.wsis-series-line", (gs) =>
      gs.map((g) => ({
        series: g.getAttribute("data-series"),
        kind: g.getAttribute("data-kind"),
        points: Number(g.getAttribute("data-points")),
        dashed: g.getAttribute("stroke-dasharray"),
      })),
    );
    expect(lines.map((l) => [l.series, l.kind])).toEqual([
      ["KEN", "economy"],
      ["NGA", "economy"],
      ["IND", "economy"],
      ["202", "official"],
      ["202:computed", "computed"],
    ]);
    expect(lines.filter((l) => l.dashed).map((l) => l.series)).toEqual(["202:computed"]);
    const seriesQuery = `query($breakdown: ObservationBreakdownInput) { series(indicator: "internet_users_pct", economies: ["KEN", "NGA", "IND", "202"], fromYear: 2010, toYear: 2021, breakdown: $breakdown) { economy { code } points { year } } }`;
    type Series = { series: Array<{ economy: { code: string }; points: unknown[] }> };
    // The API's series with points, by code: a series without any is not drawn (there is no line to draw).
    const withPoints = (answer: Series) =>
      answer.series.filter((s) => s.points.length).map((s) => [s.economy.code, s.points.length]);
    const total = await api<Series>(seriesQuery);
    expect(lines.slice(0, 4).map((l) => l.points)).toEqual(total.series.map((s) => s.points.length));
    await screenshot(page, "series");

    await page.selectOption("#breakdown", "sex:FEMALE");
    await waitDrawn(page, "series", "breakdown=sex%3AFEMALE");
    const female = await api<Series>(seriesQuery, { breakdown: { sex: "FEMALE" } });
    const drawnFemale = await page.$$eval("g.wsis-series-line", (gs) =>
      gs
        .filter((g) => g.getAttribute("data-kind") !== "computed")
        .map((g) => [g.getAttribute("data-series"), Number(g.getAttribute("data-points"))]),
    );
    expect(drawnFemale).toEqual(withPoints(female));
    expect(await page.locator(".subtitle").textContent()).toMatch(/^Female/);
  });

  it("matrix: the 188 links in their cells; a cell opened from the keyboard shows each link's target and rationale", async () => {
    const page = await open(context, "?view=matrix", "matrix");
    const { actionLines } = await api<{
      actionLines: Array<{ code: string; sdgLinks: Array<{ id: string; goal: { code: string }; rationale: string }> }>;
    }>("{ actionLines { code sdgLinks { id goal { code } rationale } } }");
    const links = actionLines.flatMap((l) => l.sdgLinks.map((s) => ({ line: l.code, ...s })));
    expect(links).toHaveLength(188);
    expect(await page.locator("figure.chart > figure, figure.chart > svg").first().getAttribute("data-links")).toBe(
      "188",
    );
    const cells = await page.$$eval("g.wsis-matrix-cell rect", (rects) =>
      rects.map((r) => [r.getAttribute("data-cell"), Number(r.getAttribute("data-links"))] as const),
    );
    expect(cells.reduce((n, [, count]) => n + count, 0)).toBe(188);
    expect(cells.length).toBe(new Set(links.map((l) => `${l.line}:${l.goal.code}`)).size);
    expect(await page.locator("table.data-table tbody tr").count()).toBe(188);

    const [cell, count] = cells.reduce((a, b) => (b[1] > a[1] ? b : a));
    await page.focus(`a[*|href*="cell=${encodeURIComponent(cell!)}"]`);
    await page.keyboard.press("Enter");
    await waitDrawn(page, "matrix", `cell=${encodeURIComponent(cell!)}`);
    const shown = await page.$$eval(".cell-details li", (lis) =>
      lis.map((li) => [li.getAttribute("data-link"), li.querySelector("p")?.textContent]),
    );
    const [line, goal] = cell!.split(":");
    expect(shown).toEqual(links.filter((l) => l.line === line && l.goal.code === goal).map((l) => [l.id, l.rationale]));
    expect(shown).toHaveLength(count);
    await screenshot(page, "matrix");
  });

  it("timeline: every event of 2022–2027 by track, with its status; an event shows its linked reports", async () => {
    const page = await open(context, "?view=timeline", "timeline");
    const { timeline } = await api<{
      timeline: Array<{
        events: Array<{
          id: string;
          status: string;
          tracks: unknown[];
          reports: Array<{ title: string; status: string }>;
        }>;
      }>;
    }>("{ timeline(fromYear: 2022, toYear: 2027) { events { id status tracks { id } reports { title status } } } }");
    const events = timeline.flatMap((y) => y.events);
    expect(Number(await page.locator("[data-events]").getAttribute("data-events"))).toBe(events.length);
    const bars = await page.$$eval("g.wsis-timeline-event rect", (rects) =>
      rects.map((r) => [r.getAttribute("data-event"), r.getAttribute("data-status")]),
    );
    expect(bars).toHaveLength(events.reduce((n, e) => n + Math.max(1, e.tracks.length), 0));
    for (const [id, status] of bars) expect(status).toBe(events.find((e) => e.id === id)!.status);
    const withReports = events.find((e) => e.reports.length > 0)!;
    await page.click(`g.wsis-timeline-event rect[data-event="${withReports.id}"]`);
    await waitDrawn(page, "timeline", `event=${withReports.id}`);
    const reports = await page.$$eval(".event-details li", (lis) => lis.map((li) => li.textContent));
    expect(reports).toEqual(withReports.reports.map((r) => `${r.title} — ${r.status.toLowerCase()}`));
    await screenshot(page, "timeline");
  });

  it("the CSV download of the map is the API's latestObservations, value for value", async () => {
    const page = await open(context, "?view=map&indicator=internet_users_pct", "map");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("button.download-csv")]);
    expect(download.suggestedFilename()).toBe("internet_users_pct-latest.csv");
    const [header, ...rows] = parseCsv(readFileSync((await download.path())!, "utf8"));
    expect(header).toEqual(["economy", "m49", "economy_name", "year", "value", "unit", "breakdown", "dataset"]);
    const served = (await api<Latest>(LATEST, { indicator: "internet_users_pct" })).latestObservations;
    const key = (economy: string, m49: string, year: string | number, value: string) =>
      `${economy}|${m49}|${year}|${value}`;
    expect(rows.map((r) => key(r[0], r[1], r[3], r[4])).sort()).toEqual(
      served.map((o) => key(o.economy.code, o.economy.m49, o.year, o.valueText)).sort(),
    );
  });

  it("'copy the GraphQL query' gives a query and variables that return what the view shows; the permalink reopens the view", async () => {
    const page = await open(context, "?view=map&indicator=fixed_broadband_per100&breakdown=speed%3A10MBPS", "map");
    await page.click("details.query summary");
    const query = await page.locator("textarea.graphql-query").inputValue();
    const variables = JSON.parse(await page.locator("textarea.graphql-variables").inputValue()) as Record<
      string,
      unknown
    >;
    expect(variables).toMatchObject({ indicator: "fixed_broadband_per100", breakdown: { speed: "10MBPS" } });
    const answer = await api<{ latestObservations: Array<{ economy: { code: string }; valueText: string }> }>(
      query,
      variables,
    );
    const drawn = await drawnShapes(page);
    const byEconomy = new Map(answer.latestObservations.map((o) => [o.economy.code, o.valueText]));
    expect(drawn.length).toBeGreaterThan(50);
    for (const d of drawn) expect(byEconomy.get(d.economy)).toBe(d.value);

    const permalink = await page.locator("a.permalink").getAttribute("href");
    const again = await open(context, new URL(permalink!).search, "map");
    expect(await drawnShapes(again)).toEqual(drawn);
  });

  it("the embed snippet is pinned to the dataset release and shows the chart alone", async () => {
    const page = await open(context, "?view=map&indicator=internet_users_pct", "map");
    await page.click("details.embed summary");
    const snippet = await page.locator("textarea.embed-snippet").inputValue();
    const src = /src="([^"]+)"/.exec(snippet)![1].replace(/&amp;/g, "&");
    const { indicator } = await api<{
      indicator: { defaultDataset: { id: string; latestRelease: { number: number } } };
    }>('{ indicator(code: "internet_users_pct") { defaultDataset { id latestRelease { number } } } }');
    const url = new URL(src);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      view: "map",
      indicator: "internet_users_pct",
      dataset: indicator.defaultDataset.id,
      release: String(indicator.defaultDataset.latestRelease.number),
      embed: "1",
    });
    const embedded = await open(context, url.search, "map");
    expect(await embedded.locator("header.top").count()).toBe(0);
    expect(await embedded.locator("#controls").count()).toBe(0);
    expect((await drawnShapes(embedded)).length).toBe((await drawnShapes(page)).length);
  });

  it("every request is a GET with the operation's sha256, and a second visitor is answered from the gateway's response cache", async () => {
    const requests = (target: Page) => {
      const seen: Response[] = [];
      target.on("response", (r) => {
        if (new URL(r.url()).pathname === "/graphql") seen.push(r);
      });
      return seen;
    };
    const first = await context.newPage();
    const firstSeen = requests(first);
    await first.goto(`${gateway.baseUrl}/dashboard/?view=matrix`);
    await waitDrawn(first, "matrix");
    expect(firstSeen.length).toBeGreaterThan(0);
    for (const r of firstSeen) {
      expect(r.request().method()).toBe("GET");
      expect(JSON.parse(new URL(r.url()).searchParams.get("extensions")!).persistedQuery.sha256Hash).toMatch(
        /^[0-9a-f]{64}$/,
      );
    }
    // Another visitor (a fresh browser cache): only hashes are sent, and the gateway answers from its cache (Age).
    const visitor = await browser.newContext();
    try {
      const second = await visitor.newPage();
      const secondSeen = requests(second);
      await second.goto(`${gateway.baseUrl}/dashboard/?view=matrix`);
      await waitDrawn(second, "matrix");
      expect(secondSeen.length).toBeGreaterThan(0);
      for (const r of secondSeen) {
        expect(new URL(r.url()).searchParams.has("query")).toBe(false);
        expect(r.status()).toBe(200);
        expect(await r.headerValue("age")).not.toBeNull();
        expect(await r.headerValue("cache-control")).toMatch(/public/);
      }
    } finally {
      await visitor.close();
    }
  });

  it("keyboard: Tab reaches the views' links, Enter opens one", async () => {
    const page = await open(context, "?view=map", "map");
    const reached: string[] = [];
    for (let i = 0; i < 8 && !reached.includes("timeline"); i++) {
      await page.keyboard.press("Tab");
      reached.push((await page.evaluate(() => document.activeElement?.getAttribute("data-view"))) ?? "");
    }
    expect(reached.filter(Boolean)).toEqual(["map", "series", "profile", "matrix", "timeline"]);
    await page.keyboard.press("Enter");
    await waitDrawn(page, "timeline", "view=timeline");
  });

  it("a page of another origin reads the API through CORS (POST, and GET with the preflight header)", async () => {
    const page = await context.newPage();
    await page.goto(otherOrigin.url);
    await page.waitForFunction(() => document.body.dataset.done === "1", null, { timeout: 30_000 });
    const { actionLine, sdgGoal } = await api<{ actionLine: { title: string }; sdgGoal: { title: string } }>(
      '{ actionLine(code: "C5") { title } sdgGoal(code: "17") { title } }',
    );
    expect(await page.locator("#post").textContent()).toBe(actionLine.title);
    expect(await page.locator("#get").textContent()).toBe(sdgGoal.title);
  });

  it("with the dashboard's manifest as ALLOWLIST_PATH (trusted documents), every view works and other operations are refused", async () => {
    const trusted = await hub.startGateway({ ALLOWLIST_PATH: MANIFEST, LOG_LEVEL: "warn" });
    for (const [search, view] of [
      ["?view=map", "map"],
      ["?view=series", "series"],
      ["?view=profile&economy=IND", "profile"],
      ["?view=matrix", "matrix"],
      ["?view=timeline", "timeline"],
    ]) {
      const page = await open(context, search, view, trusted.baseUrl);
      expect(await page.locator(".partial").count()).toBe(0);
    }
    const refused = await post(trusted.url, { query: "{ actionLines { code } }" });
    expect(refused.status).toBe(403);
    expect(refused.errors![0].extensions!.code).toBe("OPERATION_NOT_ALLOWED");
  });
});
