import { accessSync, constants, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type Page } from "playwright-core";

/**
 * The dashboard in Chromium (Debian's `chromium` through playwright-core), against the hub's gateway with its
 * response cache on (as `npm start` runs it): the cold load of /dashboard/?view=map — bytes on the wire and the time
 * until the map is drawn (the page's own `wsis-map-drawn` mark, from navigation start) — for the first visitor (the
 * gateway's cache empty) and for new visitors after it (an empty browser cache each, the gateway's cache warm); then a
 * view switch in the same page (map → series, and back). Loopback network, no throttling.
 */

export interface DashboardLoad {
  /** Milliseconds from navigation start to the map drawn. */
  drawnMs: number;
  /** Bytes received (headers and bodies, compressed as sent), and the number of responses. */
  bytes: number;
  requests: number;
  graphqlRequests: number;
}

export interface DashboardMeasurement {
  /** Why nothing was measured (no Chromium), when nothing was. */
  skipped?: string;
  chromium?: string;
  firstVisitor?: DashboardLoad;
  newVisitors?: DashboardLoad[];
  /** Milliseconds from the click on a view's link to that view drawn. */
  switchToSeriesMs?: number[];
  switchBackToMapMs?: number[];
  /** The dashboard's built files: size and gzipped size. */
  assets?: Array<{ file: string; bytes: number; gzipBytes: number }>;
}

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

function findChromium(): string | undefined {
  const dirs = (process.env.PATH ?? "").split(path.delimiter);
  const candidates = process.env.CHROMIUM_PATH
    ? [process.env.CHROMIUM_PATH]
    : dirs.flatMap((d) => [path.join(d, "chromium"), path.join(d, "chromium-browser")]);
  return candidates.find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function builtAssets(): Array<{ file: string; bytes: number; gzipBytes: number }> {
  const dist = path.join(path.dirname(require.resolve("@wsis/dashboard/package.json")), "dist");
  const files = ["index.html", ...readdirSync(path.join(dist, "assets")).map((f) => `assets/${f}`)];
  return files.map((file) => {
    const full = path.join(dist, file);
    return { file, bytes: statSync(full).size, gzipBytes: gzipSync(readFileSync(full)).length };
  });
}

/** What the page's functions below see (infra is typed for Node, without the DOM's types). */
interface PageGlobals {
  document: { body: { dataset: Record<string, string | undefined> } };
  performance: { now(): number; getEntriesByName(name: string): Array<{ startTime: number }> };
}

/** Waits until the page says it has drawn `view`, and returns the time of its mark (ms since navigation start). */
async function drawn(page: Page, view: string): Promise<number> {
  // Functions (sent as their source, so self-contained), not strings: the dashboard's content security policy forbids eval.
  await page.waitForFunction(
    (v) => [v, `${v}:error`].includes((globalThis as unknown as PageGlobals).document.body.dataset.readyView ?? ""),
    view,
    { timeout: 60_000 },
  );
  const state = await page.evaluate(() => (globalThis as unknown as PageGlobals).document.body.dataset.readyView);
  if (state !== view) throw new Error(`the dashboard's ${view} view failed to draw`);
  const marks = await page.evaluate(
    (v) =>
      (globalThis as unknown as PageGlobals).performance.getEntriesByName(`wsis-${v}-drawn`).map((m) => m.startTime),
    view,
  );
  return marks[marks.length - 1];
}

/** One visit in a fresh browser context (empty cache): loads the map, then switches to the series and back. */
async function visit(
  browser: Browser,
  baseUrl: string,
): Promise<{ load: DashboardLoad; toSeries: number; backToMap: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    let bytes = 0;
    let requests = 0;
    let graphqlRequests = 0;
    cdp.on("Network.loadingFinished", (event) => {
      bytes += event.encodedDataLength;
      requests++;
    });
    cdp.on("Network.responseReceived", (event) => {
      if (new URL(event.response.url).pathname === "/graphql") graphqlRequests++;
    });
    await page.goto(`${baseUrl}/dashboard/?view=map`);
    const drawnMs = await drawn(page, "map");
    const load: DashboardLoad = { drawnMs, bytes, requests, graphqlRequests };
    const switchTo = async (view: string) => {
      const start = await page.evaluate(() => (globalThis as unknown as PageGlobals).performance.now());
      await page.click(`nav a[data-view="${view}"]`);
      return (await drawn(page, view)) - start;
    };
    const toSeries = await switchTo("series");
    const backToMap = await switchTo("map");
    return { load, toSeries, backToMap };
  } finally {
    await context.close();
  }
}

/** Measures the dashboard `runs` times after a first visit; never throws for a missing browser (it says so instead). */
export async function measureDashboard(baseUrl: string, runs = 5): Promise<DashboardMeasurement> {
  const executablePath = findChromium();
  if (!executablePath) return { skipped: "no chromium on the PATH (apt-get install chromium)" };
  const browser = await chromium.launch({ executablePath, headless: true, args: ARGS });
  try {
    const first = await visit(browser, baseUrl);
    const later = [];
    for (let i = 0; i < runs; i++) later.push(await visit(browser, baseUrl));
    return {
      chromium: browser.version(),
      firstVisitor: first.load,
      newVisitors: later.map((v) => v.load),
      switchToSeriesMs: [first.toSeries, ...later.map((v) => v.toSeries)],
      switchBackToMapMs: [first.backToMap, ...later.map((v) => v.backToMap)],
      assets: builtAssets(),
    };
  } finally {
    await browser.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;
const msText = (values: number[]) =>
  `${median(values).toFixed(0)} ms (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;

/** The report's section: one row per scale (the dashboard reads the same real data at every scale). */
export function dashboardSection(results: Array<{ scale: string; dashboard?: DashboardMeasurement }>): string[] {
  const measured = results.filter((r) => r.dashboard);
  if (!measured.length) return [];
  const lines = [
    "## The dashboard in Chromium",
    "",
    "The cold load of `/dashboard/?view=map` in headless Chromium (playwright-core), from the hub's gateway with its response cache on, over the loopback (no throttling): " +
      "bytes received (headers and compressed bodies) and the time from navigation start to the map drawn (the page's own mark). " +
      "The first visitor finds the gateway's cache empty; each new visitor after it has an empty browser cache. A view switch is the time from the click on a view's link to that view drawn.",
    "",
    "| scale | Chromium | first visitor: map drawn | bytes | responses (GraphQL) | new visitors: map drawn, median (range) | bytes | switch map → series | switch series → map |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of measured) {
    const d = r.dashboard!;
    if (d.skipped || !d.firstVisitor || !d.newVisitors) {
      lines.push(`| ${r.scale} | not measured: ${d.skipped ?? "no result"} | | | | | | | |`);
      continue;
    }
    const visitors = d.newVisitors;
    lines.push(
      `| ${r.scale} | ${d.chromium} | ${d.firstVisitor.drawnMs.toFixed(0)} ms | ${kb(d.firstVisitor.bytes)} | ${d.firstVisitor.requests} (${d.firstVisitor.graphqlRequests}) | ` +
        `${msText(visitors.map((v) => v.drawnMs))} | ${kb(median(visitors.map((v) => v.bytes)))} | ${msText(d.switchToSeriesMs ?? [])} | ${msText(d.switchBackToMapMs ?? [])} |`,
    );
  }
  const assets = measured.find((r) => r.dashboard?.assets)?.dashboard?.assets;
  if (assets) {
    lines.push(
      "",
      "Its files (`gateway/dashboard/dist`, built by Vite; the gateway compresses them on the way):",
      "",
      "| file | bytes | gzipped |",
      "|---|---:|---:|",
    );
    for (const a of assets)
      lines.push(`| ${a.file.replace(/-[A-Za-z0-9_-]{8}\./, "-[hash].")} | ${kb(a.bytes)} | ${kb(a.gzipBytes)} |`);
  }
  lines.push("");
  return lines;
}
