import { AGENCY, type Dataflow, type SdmxModel, VERSION } from "./sdmx.model";

/** Where the gateway serves SDMX REST. */
export const SDMX_PATH = "/sdmx";

/** The SDMX error codes of the REST specification (section "Error handling") and their HTTP status. */
export const SDMX_ERRORS = {
  noResults: { code: 100, status: 404, title: "No Results Found" },
  syntax: { code: 140, status: 400, title: "Syntax error" },
  semantic: { code: 150, status: 400, title: "Semantic error" },
  notAcceptable: { code: 406, status: 406, title: "Not Acceptable" },
  tooLarge: { code: 510, status: 413, title: "Response size exceeds service limit" },
  notImplemented: { code: 501, status: 501, title: "Not implemented" },
  unavailable: { code: 503, status: 503, title: "Service unavailable" },
} as const;

/** An answer other than the data: the SDMX error (code, HTTP status) and what went wrong. */
export class SdmxError extends Error {
  constructor(
    readonly kind: keyof typeof SDMX_ERRORS,
    message: string,
  ) {
    super(message);
    this.name = "SdmxError";
  }
  get status(): number {
    return SDMX_ERRORS[this.kind].status;
  }
}

/** The largest answer the data endpoint streams (observations, before the breakdown part of the key is applied). */
export const SDMX_MAX_OBSERVATIONS = 5_000_000;
/** The largest number of areas a key may list (the graph's `economies` filter bound). */
export const SDMX_MAX_AREAS = 300;

/** Resolves a flowRef (`id`, `agency,id` or `agency,id,version`; `all` and `latest` allowed) to the dataflow. */
export function resolveFlow(model: SdmxModel, flowRef: string): Dataflow {
  const parts = flowRef.split(",");
  if (parts.length > 3 || parts.some((p) => p.trim() === "")) {
    throw new SdmxError("syntax", `flowRef ${JSON.stringify(flowRef)} is not "id", "agency,id" or "agency,id,version"`);
  }
  const [agency, id, version] =
    parts.length === 1 ? [AGENCY, parts[0], "latest"] : [parts[0], parts[1], parts[2] ?? "latest"];
  if (!["all", AGENCY].includes(agency))
    throw new SdmxError("noResults", `No dataflow of agency ${JSON.stringify(agency)}: the hub's agency is ${AGENCY}`);
  if (!["all", "latest", VERSION].includes(version))
    throw new SdmxError(
      "noResults",
      `No version ${JSON.stringify(version)} of dataflow ${id}: the hub serves ${VERSION}`,
    );
  const flow = model.dataflows.find((f) => f.id.toLowerCase() === id.toLowerCase());
  if (!flow) {
    throw new SdmxError(
      "noResults",
      `No dataflow ${JSON.stringify(id)}; the dataflows are ${model.dataflows.map((f) => f.id).join(", ")} (GET ${SDMX_PATH}/dataflow)`,
    );
  }
  return flow;
}

/** A key selects, per dimension, a set of codes (null: any). */
export type KeySelection = Array<Set<string> | null>;

/**
 * Parses a key in dot notation (`A.IT_USE_ii99.404+356..`): one part per dimension of the dataflow, codes joined by
 * `+`, an empty part for any code; `all` (or no key) for everything. Codes are checked against the code lists (an area
 * may be given by its ISO3 code, a series by the hub's indicator code): a code that matches nothing is NoResultsFound.
 */
export function parseKey(model: SdmxModel, flow: Dataflow, key: string | undefined): KeySelection {
  if (key === undefined || key === "" || key === "all") return flow.dimensions.map(() => null);
  const parts = key.split(".");
  // A key written before the dimensions without a total were carried (they come last) selects any code of them.
  const required = flow.dimensions.filter((d) => !d.withoutTotal).length;
  if (parts.length >= required && parts.length < flow.dimensions.length)
    parts.push(...Array<string>(flow.dimensions.length - parts.length).fill(""));
  if (parts.length !== flow.dimensions.length) {
    throw new SdmxError(
      "syntax",
      `Key ${JSON.stringify(key)} has ${parts.length} part${parts.length === 1 ? "" : "s"}; dataflow ${flow.id} has ${flow.dimensions.length} dimensions: ${flow.dimensions.map((d) => d.id).join(".")}`,
    );
  }
  return parts.map((part, i) => {
    if (part === "") return null;
    const dimension = flow.dimensions[i];
    const codelist = model.codelists.find((c) => c.id === dimension.codelist)!;
    const codes = new Set<string>();
    for (const given of part.split("+")) {
      if (!/^[A-Za-z0-9_@$-]+$/.test(given))
        throw new SdmxError(
          "syntax",
          `Key part ${i + 1} (${dimension.id}) has an invalid code ${JSON.stringify(given)}`,
        );
      const code = codelist.codes.find(
        (c) =>
          c.id.toLowerCase() === given.toLowerCase() || c.aliases?.some((a) => a.toLowerCase() === given.toLowerCase()),
      );
      if (!code)
        throw new SdmxError(
          "noResults",
          `${dimension.id} has no code ${JSON.stringify(given)} (see GET ${SDMX_PATH}/codelist/${AGENCY}/${codelist.id})`,
        );
      codes.add(code.id);
    }
    return codes;
  });
}

export type Detail = "full" | "dataonly" | "serieskeysonly" | "nodata";

/** The query parameters of the data endpoint, checked. */
export interface DataQuery {
  startYear: number | null;
  endYear: number | null;
  updatedAfter: Date | null;
  firstN: number | null;
  lastN: number | null;
  /** TIME_PERIOD: series with their observations; AllDimensions: flat observations. */
  allDimensions: boolean;
  detail: Detail;
  includeHistory: boolean;
  /** The hub's pinning: the values of one release of the dataset, or those published at a moment. */
  release: number | null;
  asOf: Date | null;
  format: string | null;
}

const DATA_PARAMETERS = [
  "startPeriod",
  "endPeriod",
  "updatedAfter",
  "firstNObservations",
  "lastNObservations",
  "dimensionAtObservation",
  "detail",
  "includeHistory",
  "release",
  "asOf",
  "format",
] as const;

function single(query: Record<string, unknown>, name: string): string | null {
  const raw = query[name];
  if (raw === undefined) return null;
  if (typeof raw !== "string" || raw.trim() === "")
    throw new SdmxError("syntax", `Parameter ${name} must be given once, with a value`);
  return raw.trim();
}

/** The year of an SDMX period (2020, 2020-06, 2020-06-30, 2020-Q2, 2020-S1, 2020-A1, 2020-W10, 2020-M06): annual data. */
function periodYear(query: Record<string, unknown>, name: string): number | null {
  const value = single(query, name);
  if (value === null) return null;
  const match = /^([0-9]{4})(-([0-9]{2}(-[0-9]{2})?|[ASQTMW][0-9]{1,2}))?$/.exec(value);
  if (!match)
    throw new SdmxError(
      "syntax",
      `Parameter ${name} must be an SDMX period such as 2010, 2010-06 or 2010-Q2; got ${JSON.stringify(value)}`,
    );
  return Number(match[1]);
}

function moment(query: Record<string, unknown>, name: string): Date | null {
  const value = single(query, name);
  if (value === null) return null;
  const date = /^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]+(Z|[+-][0-9]{2}:?[0-9]{2})?)?$/.test(value)
    ? new Date(value)
    : new Date(Number.NaN);
  if (Number.isNaN(date.getTime()))
    throw new SdmxError(
      "syntax",
      `Parameter ${name} must be an ISO 8601 date-time such as 2024-01-31T00:00:00Z; got ${JSON.stringify(value)}`,
    );
  return date;
}

function positive(query: Record<string, unknown>, name: string): number | null {
  const value = single(query, name);
  if (value === null) return null;
  if (!/^[1-9][0-9]{0,8}$/.test(value))
    throw new SdmxError("syntax", `Parameter ${name} must be a positive integer; got ${JSON.stringify(value)}`);
  return Number(value);
}

/** Reads the query string of a data request; an unknown parameter or a bad value is a 400 naming it. */
export function parseDataQuery(query: Record<string, unknown>): DataQuery {
  const unknown = Object.keys(query).filter((name) => !(DATA_PARAMETERS as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new SdmxError(
      "syntax",
      `Unknown parameter ${unknown.map((u) => JSON.stringify(u)).join(", ")}; the data endpoint takes ${DATA_PARAMETERS.join(", ")}`,
    );
  const startYear = periodYear(query, "startPeriod");
  const endYear = periodYear(query, "endPeriod");
  if (startYear !== null && endYear !== null && startYear > endYear)
    throw new SdmxError("semantic", `startPeriod ${startYear} is after endPeriod ${endYear}`);
  const atObservation = single(query, "dimensionAtObservation") ?? "TIME_PERIOD";
  if (!["TIME_PERIOD", "AllDimensions"].includes(atObservation)) {
    throw new SdmxError(
      "notImplemented",
      `dimensionAtObservation=${atObservation} is not supported; use TIME_PERIOD (the default) or AllDimensions`,
    );
  }
  const detail = (single(query, "detail") ?? "full") as Detail;
  if (!["full", "dataonly", "serieskeysonly", "nodata"].includes(detail)) {
    throw new SdmxError(
      "syntax",
      `Parameter detail must be full, dataonly, serieskeysonly or nodata; got ${JSON.stringify(detail)}`,
    );
  }
  const history = single(query, "includeHistory") ?? "false";
  if (!["true", "false"].includes(history))
    throw new SdmxError("syntax", `Parameter includeHistory must be true or false; got ${JSON.stringify(history)}`);
  const releaseText = single(query, "release");
  if (releaseText !== null && !/^[1-9][0-9]{0,8}$/.test(releaseText))
    throw new SdmxError(
      "syntax",
      `Parameter release must be a release number (1, 2, ...); got ${JSON.stringify(releaseText)}`,
    );
  const release = releaseText === null ? null : Number(releaseText);
  const asOf = moment(query, "asOf");
  if (release !== null && asOf !== null) throw new SdmxError("semantic", "Give release or asOf, not both");
  return {
    startYear,
    endYear,
    updatedAfter: moment(query, "updatedAfter"),
    firstN: positive(query, "firstNObservations"),
    lastN: positive(query, "lastNObservations"),
    allDimensions: atObservation === "AllDimensions",
    detail,
    includeHistory: history === "true",
    release,
    asOf,
    format: single(query, "format"),
  };
}
