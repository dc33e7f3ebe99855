import type express from "express";
import type { ExecutePublic } from "../public-graph";
import { DOWNLOAD_PARAMETER_SPECS, DOWNLOADS_PATH, DownloadRefusal } from "./downloads.params";
import { type DownloadIndex, INDEX_QUERY } from "./downloads.queries";

/** What GET /downloads answers (JSON), built from the public graph. */
export interface DownloadList {
  indicators: Array<{
    code: string;
    name: string;
    unit: string;
    defaultDataset: string | null;
    csv: string;
    metadata: string;
    datasets: Array<{
      id: string;
      default: boolean;
      firstYear: number | null;
      lastYear: number | null;
      observations: number;
      csv: string;
      metadata: string;
    }>;
  }>;
  datasets: Array<{ id: string; title: string; publisher: string; licence: string; releaseDate: string | null }>;
  parameters: typeof DOWNLOAD_PARAMETER_SPECS;
}

const link = (code: string, extension: "csv" | "json", dataset?: string) =>
  `${DOWNLOADS_PATH}/${encodeURIComponent(code)}.${extension}${dataset ? `?dataset=${encodeURIComponent(dataset)}` : ""}`;

export function downloadList(index: DownloadIndex): DownloadList {
  return {
    indicators: (index.indicators ?? []).map((i) => ({
      code: i.code,
      name: i.name,
      unit: i.unit,
      defaultDataset: i.defaultDataset?.id ?? null,
      csv: link(i.code, "csv"),
      metadata: link(i.code, "json"),
      datasets: i.datasets.flatMap((d) =>
        d.dataset
          ? [
              {
                id: d.dataset.id,
                default: d.dataset.id === i.defaultDataset?.id,
                firstYear: d.firstYear,
                lastYear: d.lastYear,
                observations: d.observationCount,
                csv: link(i.code, "csv", d.dataset.id),
                metadata: link(i.code, "json", d.dataset.id),
              },
            ]
          : [],
      ),
    })),
    datasets: index.datasets ?? [],
    parameters: DOWNLOAD_PARAMETER_SPECS,
  };
}

const escapeHtml = (text: string | number | null | undefined): string =>
  String(text ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/** The same list as a page for a browser: every indicator with its links, the datasets, the parameters. */
export function downloadListHtml(list: DownloadList): string {
  const indicators = list.indicators
    .map(
      (
        i,
      ) => `<tr><td><code>${escapeHtml(i.code)}</code></td><td>${escapeHtml(i.name)}</td><td>${escapeHtml(i.unit)}</td>
<td><a href="${escapeHtml(i.csv)}">CSV</a> · <a href="${escapeHtml(i.csv)}${i.csv.includes("?") ? "&amp;" : "?"}layout=wide&amp;excel=1">Excel (wide)</a> · <a href="${escapeHtml(i.metadata)}">metadata</a></td>
<td>${i.datasets
        .map(
          (d) =>
            `<code>${escapeHtml(d.id)}</code>${d.default ? " (default)" : ""}, ${escapeHtml(d.firstYear)}–${escapeHtml(d.lastYear)}: <a href="${escapeHtml(d.csv)}">CSV</a> · <a href="${escapeHtml(d.metadata)}">metadata</a>`,
        )
        .join("<br>")}</td></tr>`,
    )
    .join("\n");
  const datasets = list.datasets
    .map(
      (d) =>
        `<tr><td><code>${escapeHtml(d.id)}</code></td><td>${escapeHtml(d.title)}</td><td>${escapeHtml(d.publisher)}</td><td>${escapeHtml(d.licence)}</td><td>${escapeHtml(d.releaseDate)}</td></tr>`,
    )
    .join("\n");
  const parameters = list.parameters
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.description)}</td><td>${escapeHtml(p.values?.join(", ") ?? `e.g. ${p.example}`)}</td></tr>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>WSIS Hub — downloads</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:75rem}table{border-collapse:collapse;margin-bottom:2rem}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}</style></head>
<body><h1>Downloads</h1>
<p>ICT indicators as CSV (one row per observation; <code>layout=wide</code> for one row per economy and one column per year; <code>excel=1</code> for a file a spreadsheet opens by double-click) and their metadata (unit, definition, source, licence, citation). By default a file holds the total of every breakdown from the indicator's default dataset. The same list as JSON: <code>Accept: application/json</code>.</p>
<h2>Indicators</h2>
<table><tr><th>code</th><th>name</th><th>unit</th><th>files</th><th>datasets</th></tr>
${indicators}</table>
<h2>Datasets</h2>
<table><tr><th>id</th><th>title</th><th>publisher</th><th>licence</th><th>release</th></tr>
${datasets}</table>
<h2>Parameters</h2>
<table><tr><th>name</th><th>what it does</th><th>values</th></tr>
${parameters}</table>
</body></html>
`;
}

/** GET /downloads: JSON for machines, HTML for a browser (by its Accept header; JSON when it prefers neither). */
export async function sendIndex(execute: ExecutePublic, req: express.Request, res: express.Response): Promise<void> {
  const unknown = Object.keys(req.query);
  if (unknown.length > 0) {
    throw new DownloadRefusal(
      400,
      `GET ${DOWNLOADS_PATH} takes no parameters; got ${unknown.map((u) => `"${u}"`).join(", ")}`,
      unknown[0],
    );
  }
  const result = await execute<DownloadIndex>(INDEX_QUERY, {});
  if (result.errors?.length || !result.data?.indicators) {
    throw new DownloadRefusal(502, "The list of downloads could not be read from the graph; try again later");
  }
  const list = downloadList(result.data);
  res.status(200).set("Cache-Control", "public, max-age=3600").vary("Accept");
  if (req.accepts(["json", "html"]) === "html") res.type("html").send(downloadListHtml(list));
  else res.json(list);
}
