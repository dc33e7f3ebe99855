import express from "express";
import type { ExecutePublic } from "../public-graph";
import { csvField, csvRecord } from "./csv";
import { CSV_COLUMNS, UTF8_BOM, WIDE_COLUMNS, WIDE_MAX_OBSERVATIONS } from "./downloads.columns";
import { sendIndex } from "./downloads.index";
import { sendMetadata } from "./downloads.metadata";
import {
  BadDownloadParameter,
  DOWNLOADS_PATH,
  DownloadRefusal,
  type DownloadRequest,
  observationFilter,
  parseDownloadRequest,
  UnknownDownload,
} from "./downloads.params";
import { DOWNLOAD_PAGE_SIZE, type DownloadObservation, type DownloadPage, PAGE_QUERY } from "./downloads.queries";
import { refusalOf, sendError } from "./downloads.refusal";

export { DOWNLOADS_PATH };

/** The client went away: stop reading pages. */
export class ClientGone extends Error {}

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
