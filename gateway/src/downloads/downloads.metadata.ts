import type express from "express";
import type { ExecutePublic } from "../public-graph";
import { CSV_COLUMNS, WIDE_COLUMNS } from "./downloads.columns";
import { DOWNLOADS_PATH, DownloadRefusal, type DownloadRequest } from "./downloads.params";
import { type DownloadMetadata, METADATA_QUERY } from "./downloads.queries";
import { refusalOf } from "./downloads.refusal";

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
export async function sendMetadata(
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
