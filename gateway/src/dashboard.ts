import { existsSync } from "node:fs";
import path from "node:path";
import compression from "compression";
import express from "express";
import { CALENDAR_PATH } from "./calendar/calendar.route";
import { DOWNLOADS_PATH } from "./downloads/downloads.route";
import { SDMX_PATH } from "./sdmx/sdmx.params";
import type { ExecutePublic } from "./public-graph";

/** Where the gateway serves the dashboard (gateway/dashboard, built by Vite with this base path). */
export const DASHBOARD_PATH = "/dashboard";

/** The dashboard's build output: `npm run build` (turbo builds it before the gateway). */
export function dashboardDist(): string {
  return path.join(path.dirname(require.resolve("@wsis/dashboard/package.json")), "dist");
}

/** Hashed assets never change under their name: a year, immutable. Everything else is revalidated (ETag). */
const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

/**
 * The dashboard's page may only talk to its own origin and load its own files (no CDN: it works inside a closed
 * network). Plot writes style attributes and a <style> element, hence 'unsafe-inline' for styles only. Framing is
 * allowed: the dashboard's embeds are iframes on other sites.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'";

const INDICATORS_QUERY = "query LandingDownloads { indicators { code name unit } }";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The downloads index of the landing page: one CSV and one metadata file per indicator, read from the public graph. */
async function downloadsIndex(executePublic: ExecutePublic): Promise<string> {
  const pattern = `<code>${DOWNLOADS_PATH}/&lt;indicator&gt;.csv</code> (and <code>.json</code> for its unit, source and licence)`;
  try {
    const result = await executePublic<{ indicators: Array<{ code: string; name: string; unit: string }> | null }>(
      INDICATORS_QUERY,
    );
    const indicators = result.data?.indicators;
    if (!indicators?.length) throw new Error("no indicators");
    const items = indicators.map((i) => {
      const code = encodeURIComponent(i.code);
      return `<li>${escapeHtml(i.name)} (${escapeHtml(i.unit)}): <a href="${DOWNLOADS_PATH}/${code}.csv">CSV</a> · <a href="${DOWNLOADS_PATH}/${code}.json">metadata</a></li>`;
    });
    return `<p>Every observation of an indicator, filtered like the API: ${pattern}.</p><ul class="downloads">${items.join("")}</ul>`;
  } catch {
    return `<p>The list of indicators cannot be read right now; the downloads are at ${pattern}.</p>`;
  }
}

function landingPage(ide: boolean, downloads: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>WSIS Hub</title>
  <link rel="icon" href="data:," />
  <style>
    body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 52rem; margin: 2rem auto; padding: 0 1.25rem; color: #1a1a1a; }
    a { color: #1d4f80; } a:focus-visible { outline: 3px solid #d4380d; outline-offset: 2px; }
    .entry { font-size: 1.1rem; } code { background: #f2f4f7; padding: 0 0.25rem; border-radius: 3px; }
  </style>
</head>
<body>
  <h1>WSIS Hub</h1>
  <p>One public GraphQL endpoint over the World Summit on the Information Society: the WSIS action lines and the WSIS–SDG
  matrix, the WSIS+20 roadmap of events, the ICT statistics of the Partnership on Measuring ICT for Development, and the
  WSIS+20 reports. Every record says where it comes from.</p>
  <ul>
    <li class="entry"><a href="${DASHBOARD_PATH}/">Dashboard</a> — a world map, series, economy profiles, the WSIS–SDG matrix and the roadmap timeline, built only on the public endpoint</li>
    <li class="entry">GraphQL endpoint: <code>/graphql</code>${ide ? ` — <a href="/ide">GraphQL IDE</a>` : ""}</li>
    <li class="entry"><a href="${CALENDAR_PATH}">Calendar feed</a> (iCalendar) of the roadmap's events — subscribe in any calendar client; filter with <code>?year=2025&amp;actionLine=C5</code></li>
    <li class="entry"><a href="${SDMX_PATH}/dataflow/WSIS/all/latest">SDMX</a> (REST 1.5) for statistical software: the dataflows, their structures and data in SDMX-ML, SDMX-CSV and SDMX-JSON</li>
    <li class="entry">Downloads (CSV)</li>
  </ul>
  ${downloads}
</body>
</html>`;
}

/**
 * The dashboard at /dashboard (the files of gateway/dashboard/dist: index.html revalidated, hashed assets cached for a
 * year, compressed) and the hub's landing page at / (links to the dashboard, the IDE when it is on, the calendar feed
 * and the downloads of every indicator).
 */
export function dashboardRouter(options: {
  ide: boolean;
  executePublic: ExecutePublic;
  distDir?: string;
}): express.Router {
  const dist = options.distDir ?? dashboardDist();
  const index = path.join(dist, "index.html");
  const router = express.Router();

  router.get("/", async (_req, res) => {
    res.setHeader("cache-control", REVALIDATE);
    res.type("html").send(landingPage(options.ide, await downloadsIndex(options.executePublic)));
  });

  const page: express.RequestHandler = (_req, res) => {
    if (!existsSync(index)) {
      res
        .status(503)
        .type("text")
        .send("The dashboard is not built: run `npm run build` (it builds gateway/dashboard).\n");
      return;
    }
    res.setHeader("content-security-policy", CONTENT_SECURITY_POLICY);
    res.sendFile(index, { headers: { "cache-control": REVALIDATE } });
  };
  router.use(DASHBOARD_PATH, compression());
  router.get([DASHBOARD_PATH, `${DASHBOARD_PATH}/`, `${DASHBOARD_PATH}/index.html`], page);
  router.use(
    DASHBOARD_PATH,
    express.static(dist, {
      index: false,
      redirect: false,
      fallthrough: true,
      setHeaders: (res, file) => {
        res.setHeader(
          "cache-control",
          path.relative(dist, file).startsWith(`assets${path.sep}`) ? IMMUTABLE : REVALIDATE,
        );
        res.setHeader("x-content-type-options", "nosniff");
      },
    }),
  );
  router.use(DASHBOARD_PATH, (_req, res) => {
    res.status(404).type("text").send("Not found\n");
  });
  return router;
}
