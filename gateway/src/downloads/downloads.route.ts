import express from "express";
import type { ExecutePublic, PublicGraphResult } from "../public-graph";
import { csvField, csvRecord, csvText } from "./csv";
import { sendIndex } from "./downloads.index";
import {
  BadDownloadParameter,
  DOWNLOADS_PATH,
  DownloadRefusal,
  type DownloadRequest,
  observationFilter,
  parameterOfArgument,
  parseDownloadRequest,
  UnknownDownload,
} from "./downloads.params";
import {
  DOWNLOAD_PAGE_SIZE,
  type DownloadMetadata,
  type DownloadObservation,
  type DownloadPage,
  METADATA_QUERY,
  PAGE_QUERY,
} from "./downloads.queries";

export { DOWNLOADS_PATH };

/** The columns of a CSV download, in order, with what each holds (the metadata JSON lists them too). */
export const CSV_COLUMNS: ReadonlyArray<{
  name: string;
  description: string;
  cell: (o: DownloadObservation) => string;
}> = [
  { name: "indicator", description: "Indicator code of the hub", cell: (o) => csvField(o.indicator?.code) },
  {
    name: "economy",
    description: "ISO 3166-1 alpha-3 for countries (XKX for Kosovo), zero-padded M49 for aggregates",
    cell: (o) => csvField(o.economy?.code),
  },
  { name: "m49", description: "UN M49 code, zero-padded", cell: (o) => csvField(o.economy?.m49) },
  { name: "economy_name", description: "Name of the economy", cell: (o) => csvText(o.economy?.name) },
  { name: "economy_kind", description: "COUNTRY or AGGREGATE", cell: (o) => csvField(o.economy?.kind) },
  { name: "year", description: "Year of the observation", cell: (o) => csvField(o.year) },
  { name: "value", description: "The value exactly as the source publishes it", cell: (o) => csvField(o.valueText) },
  { name: "unit", description: "Unit of the value", cell: (o) => csvText(o.unit) },
  {
    name: "breakdown",
    description: 'Label of the breakdown ("Total", "Female", "10 Mbit/s and above")',
    cell: (o) => csvText(o.breakdown.label),
  },
  {
    name: "sex",
    description: "UNSD code: BOTHSEX, FEMALE, MALE; empty when not broken down by sex",
    cell: (o) => csvField(o.breakdown.sex),
  },
  { name: "age", description: "UNSD age code, where the source gives one", cell: (o) => csvField(o.breakdown.age) },
  {
    name: "speed",
    description: "UNSD fixed-broadband speed code: ANYS, 256KT2MBPS, 2MT10MBPS, 10MBPS",
    cell: (o) => csvField(o.breakdown.speed),
  },
  {
    name: "location",
    description: "UNSD urban/rural code, where the source gives one",
    cell: (o) => csvField(o.breakdown.location),
  },
  {
    name: "nature",
    description: "UNSD nature code (C country data, E estimated, N non-relevant, ...); empty where the source has none",
    cell: (o) => csvField(o.nature),
  },
  { name: "nature_label", description: "Label of the nature code", cell: (o) => csvText(o.natureLabel) },
  { name: "footnote", description: "Footnote of the source, if any", cell: (o) => csvText(o.footnote) },
  {
    name: "dataset",
    description: "Dataset (source and release) the value comes from; see the metadata JSON for licence and citation",
    cell: (o) => csvField(o.dataset?.id),
  },
];

/** The columns of a wide CSV before the years (one row per economy and breakdown, one column per year after them). */
export const WIDE_COLUMNS: ReadonlyArray<{
  name: string;
  description: string;
  cell: (o: DownloadObservation) => string;
}> = [
  ...CSV_COLUMNS.filter((c) =>
    ["indicator", "economy", "m49", "economy_name", "economy_kind", "breakdown", "unit"].includes(c.name),
  ),
  { name: "dataset", description: "Dataset the values come from", cell: (o) => csvField(o.dataset?.id) },
];

/** A wide file holds every observation in memory to know its columns: beyond this many, a filter (or layout=long) is needed. */
export const WIDE_MAX_OBSERVATIONS = 100_000;

/** The UTF-8 byte-order mark that tells a spreadsheet the file is UTF-8 (excel=1). */
export const UTF8_BOM = "\uFEFF";

/** The client went away: stop reading pages. */
export class ClientGone extends Error {}

type GraphError = NonNullable<PublicGraphResult<unknown>["errors"]>[number];

/** Turns the errors of the graph into the answer of the route: 404 for an unknown indicator, 400 for bad parameters. */
function refusalOf(errors: readonly GraphError[]): DownloadRefusal {
  for (const error of errors) {
    const code = error.extensions?.code;
    const argument = typeof error.extensions?.argumentName === "string" ? error.extensions.argumentName : undefined;
    const parameter = argument ? parameterOfArgument(argument) : undefined;
    const allowed = Array.isArray(error.extensions?.allowed) ? (error.extensions.allowed as string[]) : undefined;
    // The path names the indicator: an unknown one is a download that does not exist (the graph answers BAD_USER_INPUT
    // naming "indicator"; its format was checked before asking).
    if ((code === "NOT_FOUND" || code === "BAD_USER_INPUT") && parameter === "indicator")
      return new DownloadRefusal(404, error.message, "indicator");
    if (code === "NOT_FOUND" || code === "BAD_USER_INPUT")
      return new DownloadRefusal(400, error.message, parameter, allowed);
  }
  return new DownloadRefusal(502, "The observations could not be read from the graph; try again later");
}

function sendError(res: express.Response, refusal: DownloadRefusal): void {
  res.status(refusal.status).json({
    error: {
      status: refusal.status,
      message: refusal.message,
      ...(refusal.parameter ? { parameter: refusal.parameter } : {}),
      ...(refusal.allowed ? { allowed: refusal.allowed } : {}),
    },
  });
}

/** Writes a chunk, waiting for the socket to drain when its buffer is full; rejects with ClientGone if it closes. */
export function write(res: express.Response, chunk: string): Promise<void> {
  if (res.destroyed || res.writableEnded) return Promise.reject(new ClientGone());
  if (res.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      res.off("drain", onDrain);
      res.off("close", onClose);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(new ClientGone());
    };
    res.on("drain", onDrain);
    res.on("close", onClose);
  });
}

async function readPage(
  execute: ExecutePublic,
  filter: Record<string, unknown>,
  after: string | null,
  withCount: boolean,
): Promise<NonNullable<DownloadPage["observations"]>> {
  const result = await execute<DownloadPage>(PAGE_QUERY, { filter, first: DOWNLOAD_PAGE_SIZE, after, withCount });
  const page = result.data?.observations;
  if (result.errors?.length || !page) throw refusalOf(result.errors ?? []);
  return page;
}

function csvHeaders(res: express.Response, request: DownloadRequest, totalCount: number | undefined): void {
  res.status(200);
  res.setHeader("Content-Type", "text/csv; charset=utf-8");
  res.setHeader(
    "Content-Disposition",
    `attachment; filename="${request.indicator}${request.layout === "wide" ? "-wide" : ""}.csv"`,
  );
  res.setHeader("Cache-Control", "public, max-age=3600");
  if (totalCount !== undefined) res.setHeader("X-Total-Count", String(totalCount));
}

/**
 * The CSV download: reads the first page before answering (so a bad parameter is still a 400), then writes the header
 * and each page as it arrives, 1000 observations at a time, until the last page. A failure after the first byte
 * aborts the response, so a client never takes a truncated file for a complete one.
 */
async function streamCsv(execute: ExecutePublic, request: DownloadRequest, res: express.Response): Promise<void> {
  const filter = observationFilter(request);
  let page = await readPage(execute, filter, null, true);
  if (request.layout === "wide") return sendWide(execute, request, filter, page, res);
  csvHeaders(res, request, page.totalCount);
  await write(res, (request.excel ? UTF8_BOM : "") + csvRecord(CSV_COLUMNS.map((c) => c.name)));
  for (;;) {
    if (page.edges.length > 0) {
      await write(res, page.edges.map((e) => csvRecord(CSV_COLUMNS.map((c) => c.cell(e.node)))).join(""));
    }
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
    if (res.destroyed) throw new ClientGone();
    page = await readPage(execute, filter, page.pageInfo.endCursor, false);
  }
  res.end();
}

/**
 * layout=wide: one row per economy and breakdown, one column per year (in order), each cell the value as published.
 * Its columns are known only once every page is read, so the pages are read first (bounded by WIDE_MAX_OBSERVATIONS).
 */
async function sendWide(
  execute: ExecutePublic,
  request: DownloadRequest,
  filter: Record<string, unknown>,
  first: NonNullable<DownloadPage["observations"]>,
  res: express.Response,
): Promise<void> {
  if ((first.totalCount ?? 0) > WIDE_MAX_OBSERVATIONS) {
    throw new DownloadRefusal(
      400,
      `layout=wide holds at most ${WIDE_MAX_OBSERVATIONS} observations; this selection has ${first.totalCount}. Narrow it (economies, region, from, to) or use layout=long`,
      "layout",
    );
  }
  const rows = new Map<string, { first: DownloadObservation; values: Map<number, string> }>();
  const years = new Set<number>();
  let page = first;
  for (;;) {
    for (const { node } of page.edges) {
      const key = `${node.economy?.code ?? ""}\u0000${node.breakdown.key}`;
      const row = rows.get(key) ?? { first: node, values: new Map<number, string>() };
      row.values.set(node.year, node.valueText);
      rows.set(key, row);
      years.add(node.year);
    }
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
    if (res.destroyed) throw new ClientGone();
    page = await readPage(execute, filter, page.pageInfo.endCursor, false);
  }
  const columns = [...years].sort((a, b) => a - b);
  const ordered = [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  csvHeaders(res, request, first.totalCount);
  await write(
    res,
    (request.excel ? UTF8_BOM : "") + csvRecord([...WIDE_COLUMNS.map((c) => c.name), ...columns.map(String)]),
  );
  for (let start = 0; start < ordered.length; start += DOWNLOAD_PAGE_SIZE) {
    const chunk = ordered.slice(start, start + DOWNLOAD_PAGE_SIZE);
    await write(
      res,
      chunk
        .map((row) =>
          csvRecord([
            ...WIDE_COLUMNS.map((c) => c.cell(row.first)),
            ...columns.map((y) => csvField(row.values.get(y))),
          ]),
        )
        .join(""),
    );
  }
  res.end();
}

/** The query string of a request as given (for the CSV link of the metadata). */
function queryString(req: express.Request): string {
  const at = req.originalUrl.indexOf("?");
  return at >= 0 ? req.originalUrl.slice(at) : "";
}

/**
 * The UN linked-data identifiers of what the download refers to: the SDG indicators (with their targets and goals) in the
 * SDG Knowledge Organization System (http://metadata.un.org/sdg), and the M49 IRI of every economy the CSV's economy
 * column may name (as the graph serves them: Economy.iri, SdgIndicator.iri; null where the UN publishes none).
 */
function linkedData(
  indicator: NonNullable<DownloadMetadata["indicator"]>,
  economies: NonNullable<DownloadMetadata["economies"]>,
) {
  return {
    sdgIndicators: indicator.sdgIndicators.map((s) => ({
      code: s.code,
      iri: s.iri ?? null,
      target: s.target ? { code: s.target.code, iri: s.target.iri } : null,
      goal: s.target?.goal ? { code: s.target.goal.code, iri: s.target.goal.iri } : null,
    })),
    economies: economies.map((e) => ({ code: e.code, m49: e.m49, iri: e.iri })),
  };
}

/** The metadata JSON: unit, definition, source, licence, citation and last update of the dataset served. */
async function sendMetadata(
  execute: ExecutePublic,
  request: DownloadRequest,
  req: express.Request,
  res: express.Response,
): Promise<void> {
  const result = await execute<DownloadMetadata>(METADATA_QUERY, { code: request.indicator });
  if (result.errors?.length) throw refusalOf(result.errors);
  const indicator = result.data?.indicator;
  if (!indicator)
    throw new DownloadRefusal(
      404,
      `Unknown indicator ${JSON.stringify(request.indicator)}; the list is at { indicators { code } }`,
      "indicator",
    );
  const wanted = request.dataset ?? indicator.defaultDataset?.id;
  const served = indicator.datasets.find((d) => d.dataset?.id === wanted);
  if (!served?.dataset) {
    throw new DownloadRefusal(
      400,
      `Dataset ${JSON.stringify(wanted)} does not publish indicator "${indicator.code}"; it is published in: ${indicator.datasets.map((d) => d.dataset?.id).join(", ")}`,
      "dataset",
    );
  }
  const dataset = served.dataset;
  res
    .status(200)
    .set("Cache-Control", "public, max-age=3600")
    .json({
      indicator: {
        code: indicator.code,
        name: indicator.name,
        wdiCode: indicator.wdiCode,
        unsdSeriesCode: indicator.unsdSeriesCode,
        sdgIndicators: indicator.sdgIndicators.map((s) => s.code),
        custodian: indicator.custodian?.id ?? null,
        breakdownDimensions: indicator.breakdownDimensions,
      },
      unit: indicator.unit,
      definition: indicator.definition ?? indicator.description,
      description: indicator.description,
      source: {
        dataset: dataset.id,
        title: dataset.title,
        publisher: dataset.publisher,
        release: dataset.release,
        releaseDate: dataset.releaseDate,
        seriesCode: served.seriesCode,
        file: served.file,
        fileUrl: served.source?.url ?? null,
        url: dataset.url,
        isDefault: served.isDefault,
      },
      licence: dataset.licence,
      citation: dataset.citation,
      lastUpdated: served.lastUpdated,
      coverage: { observations: served.observationCount, firstYear: served.firstYear, lastYear: served.lastYear },
      otherDatasets: indicator.datasets.filter((d) => d !== served).map((d) => d.dataset?.id),
      defaultDataset: {
        id: indicator.defaultDataset?.id ?? null,
        rule: indicator.defaultDatasetChoice.rule,
        reason: indicator.defaultDatasetChoice.reason,
      },
      linkedData: linkedData(indicator, result.data?.economies ?? []),
      csv: `${DOWNLOADS_PATH}/${encodeURIComponent(request.indicator)}.csv${queryString(req)}`,
      columns: CSV_COLUMNS.map(({ name, description }) => ({ name, description })),
      wideColumns: [
        ...WIDE_COLUMNS.map(({ name, description }) => ({ name, description })),
        { name: "<year>", description: "One column per year: the value as published" },
      ],
    });
}

/**
 * GET /downloads lists every indicator and dataset with its CSV and metadata links (JSON, or HTML for a browser);
 * GET /downloads/<indicator>.csv?economies=KEN,IND&from=2010&to=2022&dataset=...&region=...&sex=...&speed=...
 * &allBreakdowns=true&layout=wide&excel=1 streams the observations of an indicator as CSV, filtered like
 * `observations(filter:)`; GET /downloads/<indicator>.json gives its metadata. All are built from the public graph
 * (never a database). A bad parameter, an unknown parameter or an unknown value is a 400 whose JSON error names it
 * (and the allowed values); an unknown indicator is a 404.
 */
export function downloadsRouter(execute: ExecutePublic): express.Router {
  const router = express.Router();
  const refuse = (res: express.Response, next: express.NextFunction, error: unknown) => {
    if (error instanceof ClientGone) return;
    if (res.headersSent) {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (error instanceof DownloadRefusal) return sendError(res, error);
    if (error instanceof BadDownloadParameter)
      return sendError(res, new DownloadRefusal(400, error.message, error.parameter, error.allowed));
    if (error instanceof UnknownDownload) return sendError(res, new DownloadRefusal(404, error.message));
    next(error);
  };
  router.get(DOWNLOADS_PATH, async (req, res, next) => {
    try {
      await sendIndex(execute, req, res);
    } catch (error) {
      refuse(res, next, error);
    }
  });
  router.get(`${DOWNLOADS_PATH}/:file`, async (req, res, next) => {
    try {
      const request = parseDownloadRequest(String(req.params.file), req.query as Record<string, unknown>);
      if (request.format === "json") await sendMetadata(execute, request, req, res);
      else await streamCsv(execute, request, res);
    } catch (error) {
      refuse(res, next, error);
    }
  });
  return router;
}
