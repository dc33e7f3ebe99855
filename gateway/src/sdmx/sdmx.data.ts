import type express from "express";
import type { ExecutePublic, PublicGraphResult } from "../public-graph";
import { ClientGone, write } from "../downloads/downloads.route";
import { DATA_FORMATS, type DataFormat } from "./sdmx.formats";
import { type Dataflow, parseBreakdownKey, type SdmxModel, TOTAL } from "./sdmx.model";
import { type DataQuery, type KeySelection, SDMX_MAX_AREAS, SDMX_MAX_OBSERVATIONS, SdmxError } from "./sdmx.params";
import { type GraphObservation, type ObservationsPage, OBSERVATIONS_QUERY, SDMX_PAGE_SIZE } from "./sdmx.queries";
import type { AvailableConstraint } from "./sdmx.structure";
import { type DataSetMeta, dataWriter, type SdmxObservation, type SdmxSeries } from "./sdmx.writers";

type GraphError = NonNullable<PublicGraphResult<unknown>["errors"]>[number];

/** The graph's refusal of a read, as an SDMX error (a bad argument is the client's: 400; anything else 503). */
function graphRefusal(errors: readonly GraphError[]): SdmxError {
  const bad = errors.find((e) => e.extensions?.code === "BAD_USER_INPUT" || e.extensions?.code === "NOT_FOUND");
  return bad
    ? new SdmxError("semantic", bad.message)
    : new SdmxError("unavailable", "The observations could not be read from the graph; try again later");
}

/** One pass over the data: the values current at a pin (release or moment), optionally only those one release published. */
interface Pass {
  pin: { release?: number; asOf?: string };
  onlyRelease: number | null;
  minRelease: number | null;
  dataSet: DataSetMeta;
}

/** A read of one indicator of a dataflow: the graph's filter (areas and years; every breakdown, filtered here by the key). */
function filterOf(flow: Dataflow, indicator: string, key: KeySelection, query: DataQuery): Record<string, unknown> {
  const areas = key[2];
  if (areas && areas.size > SDMX_MAX_AREAS)
    throw new SdmxError("tooLarge", `The key lists ${areas.size} areas; at most ${SDMX_MAX_AREAS} per request`);
  return {
    indicator,
    dataset: flow.id,
    allBreakdowns: true,
    ...(areas ? { economies: [...areas] } : {}),
    ...(query.startYear !== null ? { fromYear: query.startYear } : {}),
    ...(query.endYear !== null ? { toYear: query.endYear } : {}),
  };
}

/** The release a pinned request reads (the given one, or the last published at asOf); null: unpinned (the current values). */
function pinnedRelease(flow: Dataflow, query: DataQuery): number | null {
  if (query.release !== null) {
    if (!flow.releases.some((r) => r.number === query.release)) {
      throw new SdmxError(
        "noResults",
        `Dataset ${flow.id} has no release ${query.release}; its releases are ${flow.releases.map((r) => r.number).join(", ") || "none"}`,
      );
    }
    return query.release;
  }
  if (query.asOf === null) return null;
  const at = query.asOf;
  const published = flow.releases.filter((r) => new Date(r.publishedAt) <= at);
  if (published.length === 0)
    throw new SdmxError("noResults", `Dataset ${flow.id} had published nothing at ${at.toISOString()}`);
  return published[published.length - 1].number;
}

/**
 * The passes of a request. Without includeHistory: one, the current values (or those of the pinned release), keeping
 * those published after updatedAfter. With it: one data set per release up to the pinned one, each holding the values
 * that release published (valid from its publication), so every earlier version of a revised value is there.
 */
function passesOf(flow: Dataflow, query: DataQuery): Pass[] {
  const pinned = pinnedRelease(flow, query);
  const last = pinned ?? flow.releases[flow.releases.length - 1]?.number ?? Number.POSITIVE_INFINITY;
  const updated = query.updatedAfter;
  const minRelease =
    updated === null
      ? null
      : (flow.releases.find((r) => new Date(r.publishedAt) > updated)?.number ?? Number.POSITIVE_INFINITY);
  if (minRelease !== null && minRelease > last)
    throw new SdmxError("noResults", `Nothing of ${flow.id} was published after ${updated!.toISOString()}`);
  const pin = pinned === null ? {} : { release: pinned };
  if (!query.includeHistory) return [{ pin, onlyRelease: null, minRelease, dataSet: { action: "Information" } }];
  return flow.releases
    .filter((r) => r.number <= last && (minRelease === null || r.number >= minRelease))
    .map((r) => ({
      pin: { release: r.number },
      onlyRelease: r.number,
      minRelease: null,
      dataSet: { action: r.number === 1 ? "Information" : "Replace", validFrom: r.publishedAt },
    }));
}

/**
 * GET /sdmx/data/{flow}/{key}: streams the observations of a dataflow, read page by page from the graph (1000 at a
 * time) and written as they come, so the gateway holds one page and one economy's series at a time. Nothing is written
 * before the first series that matches: an empty match is still a 404 NoResultsFound; a failure after the first byte
 * aborts the response, so a client never takes a truncated message for a complete one.
 */
export async function streamData(
  execute: ExecutePublic,
  model: SdmxModel,
  flow: Dataflow,
  key: KeySelection,
  query: DataQuery,
  format: DataFormat,
  res: express.Response,
  maxObservations = SDMX_MAX_OBSERVATIONS,
): Promise<void> {
  if (query.includeHistory && format === "csv")
    throw new SdmxError(
      "notImplemented",
      "includeHistory is served in SDMX-ML and SDMX-JSON (one data set per release); SDMX-CSV 1.0 has no place for it",
    );
  const indicators = flow.indicators.filter((i) => key[1] === null || key[1].has(i.series));
  const passes = passesOf(flow, query);

  // The size of the answer, before anything is written: 413 beyond the limit.
  let total = 0;
  for (const indicator of indicators) {
    const result = await execute<ObservationsPage>(OBSERVATIONS_QUERY, {
      filter: filterOf(flow, indicator.code, key, query),
      first: 0,
      withCount: true,
      ...passes[passes.length - 1].pin,
    });
    if (result.errors?.length || !result.data?.observations) throw graphRefusal(result.errors ?? []);
    total += (result.data.observations.totalCount ?? 0) * passes.length;
  }
  if (total > maxObservations) {
    throw new SdmxError(
      "tooLarge",
      `The request selects ${total} observations; at most ${maxObservations} per request: narrow the key or the periods`,
    );
  }
  if (total === 0) throw new SdmxError("noResults", `No observations of ${flow.id} match the key and the parameters`);

  const codelist = new Map(model.codelists.map((c) => [c.id, new Map(c.codes.map((code) => [code.id, code.name]))]));
  const writer = dataWriter(
    format,
    {
      flow,
      allDimensions: query.allDimensions,
      detail: query.detail,
      id: `WSIS-${Date.now()}`,
      prepared: new Date().toISOString(),
    },
    (list, code) => codelist.get(list)?.get(code) ?? code,
  );
  let started = false;
  let dataSetOpen = false;

  const emit = async (series: SdmxSeries[], pass: Pass) => {
    if (series.length === 0) return;
    if (!started) {
      started = true;
      res.status(200);
      res.setHeader("Content-Type", `${DATA_FORMATS[format]}; charset=utf-8`);
      res.setHeader("Cache-Control", "public, max-age=3600");
      if (format === "csv") res.setHeader("Content-Disposition", `attachment; filename="${flow.id}.csv"`);
      writer.begin();
    }
    if (!dataSetOpen) {
      writer.startDataSet(pass.dataSet);
      dataSetOpen = true;
    }
    for (const s of series) writer.series(s);
    if (res.destroyed) throw new ClientGone();
    await write(res, writer.take());
  };

  await walk(execute, model, flow, key, query, passes, emit, () => {
    if (dataSetOpen) {
      writer.endDataSet();
      dataSetOpen = false;
    }
  });
  if (!started) throw new SdmxError("noResults", `No observations of ${flow.id} match the key and the parameters`);
  writer.end();
  await write(res, writer.take());
  res.end();
}

/**
 * Reads the observations a key selects, pass by pass and indicator by indicator, page by page, and hands them on as
 * series, one economy at a time (the graph orders observations by economy, year and breakdown).
 */
async function walk(
  execute: ExecutePublic,
  model: SdmxModel,
  flow: Dataflow,
  key: KeySelection,
  query: DataQuery,
  passes: Pass[],
  visit: (series: SdmxSeries[], pass: Pass) => Promise<void>,
  passEnd: () => void,
): Promise<void> {
  const indicators = flow.indicators.filter((i) => key[1] === null || key[1].has(i.series));
  for (const pass of passes) {
    for (const indicator of indicators) {
      const filter = filterOf(flow, indicator.code, key, query);
      let after: string | null = null;
      let economy: string | null = null;
      let buffered: GraphObservation[] = [];
      for (;;) {
        const result: PublicGraphResult<ObservationsPage> = await execute<ObservationsPage>(OBSERVATIONS_QUERY, {
          filter,
          first: SDMX_PAGE_SIZE,
          after,
          withCount: false,
          ...pass.pin,
        });
        const page = result.data?.observations;
        if (result.errors?.length || !page) throw graphRefusal(result.errors ?? []);
        for (const { node } of page.edges) {
          if (pass.onlyRelease !== null && node.release !== pass.onlyRelease) continue;
          if (pass.minRelease !== null && node.release < pass.minRelease) continue;
          const code = node.economy?.code ?? "";
          if (code !== economy) {
            await visit(seriesOf(model, flow, indicator, buffered, key, query), pass);
            buffered = [];
            economy = code;
          }
          buffered.push(node);
        }
        if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
        after = page.pageInfo.endCursor;
      }
      await visit(seriesOf(model, flow, indicator, buffered, key, query), pass);
    }
    passEnd();
  }
}

/**
 * GET /sdmx/availableconstraint/{flow}/{key}: what exists — per dimension the codes that have observations matching the
 * key and the periods, the time range and the count — read through the same pages as the data (nothing kept but the
 * codes).
 */
export async function availableConstraint(
  execute: ExecutePublic,
  model: SdmxModel,
  flow: Dataflow,
  key: KeySelection,
  query: DataQuery,
): Promise<AvailableConstraint> {
  const codes = flow.dimensions.map(() => new Set<string>());
  let firstYear: number | null = null;
  let lastYear: number | null = null;
  let observations = 0;
  await walk(
    execute,
    model,
    flow,
    key,
    query,
    passesOf(flow, query),
    async (series) => {
      for (const s of series) {
        s.key.forEach((code, i) => codes[i].add(code));
        for (const o of s.observations) {
          const year = Number(o.time);
          firstYear = firstYear === null ? year : Math.min(firstYear, year);
          lastYear = lastYear === null ? year : Math.max(lastYear, year);
          observations++;
        }
      }
    },
    () => {},
  );
  if (observations === 0)
    throw new SdmxError("noResults", `No observations of ${flow.id} match the key and the parameters`);
  return { flow, codes, firstYear, lastYear, observations };
}

/** The series of one economy's observations (one per breakdown), keyed and filtered by the key, periods in order. */
function seriesOf(
  model: SdmxModel,
  flow: Dataflow,
  indicator: Dataflow["indicators"][number],
  observations: GraphObservation[],
  key: KeySelection,
  query: DataQuery,
): SdmxSeries[] {
  const bySeries = new Map<string, SdmxSeries>();
  for (const o of observations) {
    const breakdown = parseBreakdownKey(o.breakdown.key);
    const codes = flow.dimensions.map((d) => {
      if (d.id === "FREQ") return "A";
      if (d.id === "SERIES") return indicator.series;
      if (d.id === "REF_AREA") return o.economy?.m49 ?? "";
      for (const { name, sdmxOf } of d.breakdown!) {
        const hub = breakdown[name];
        if (hub !== undefined) return sdmxOf.get(hub) ?? hub;
      }
      return TOTAL;
    });
    if (codes.some((code, i) => key[i] !== null && !key[i]!.has(code))) continue;
    const id = codes.join(".");
    let series = bySeries.get(id);
    if (!series) bySeries.set(id, (series = { key: codes, observations: [] }));
    const unit = o.unitCode ?? indicator.unit;
    series.observations.push({
      time: String(o.year),
      value: o.valueText,
      unit: model.unitSdmx.get(unit) ?? null,
      status: o.nature,
      comment: o.footnote,
    } satisfies SdmxObservation);
  }
  const result = [...bySeries.values()];
  for (const s of result) {
    s.observations.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
    if (query.firstN !== null || query.lastN !== null) {
      const first = query.firstN === null ? [] : s.observations.slice(0, query.firstN);
      const last = query.lastN === null ? [] : s.observations.slice(-query.lastN);
      s.observations = [...new Map([...first, ...last].map((o) => [o.time, o])).values()].sort((a, b) =>
        a.time < b.time ? -1 : 1,
      );
    }
  }
  return result.sort((a, b) => (a.key.join(".") < b.key.join(".") ? -1 : 1));
}
