/** Bounds and formats of the download parameters; they mirror the `observations(filter:)` arguments of the graph. */
export const DOWNLOAD_LIMITS = { economies: 300, minYear: 1900, maxYear: 2100 } as const;

/** The query parameters a download takes, each mapped onto the `ObservationFilter` of the graph. */
export const DOWNLOAD_PARAMETERS = ["economies", "region", "from", "to", "dataset", "sex", "speed"] as const;
export type DownloadParameter = (typeof DOWNLOAD_PARAMETERS)[number];

export type DownloadFormat = "csv" | "json";

/** A request for a download, checked. */
export interface DownloadRequest {
  indicator: string;
  format: DownloadFormat;
  economies: string[] | null;
  region: string | null;
  from: number | null;
  to: number | null;
  dataset: string | null;
  sex: string | null;
  speed: string | null;
}

/** A parameter (or the indicator of the path) that cannot be used: answered with 400 naming it. */
export class BadDownloadParameter extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
    this.name = "BadDownloadParameter";
  }
}

/** The path names no download this route serves (a format other than .csv or .json): answered with 404. */
export class UnknownDownload extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnknownDownload";
  }
}

const INDICATOR = /^[A-Za-z][A-Za-z0-9_.]{1,63}$/;
const ECONOMY = /^([A-Za-z]{3}|[0-9]{1,3})$/;
const REGION = /^[\p{L}0-9][\p{L}0-9 ().,'&-]{0,99}$/u;
const DATASET = /^[a-z0-9][a-z0-9.-]{0,63}$/;
const CODE = /^[A-Za-z0-9_]{1,32}$/;

const isParameter = (name: string): name is DownloadParameter => (DOWNLOAD_PARAMETERS as readonly string[]).includes(name);

function single(query: Record<string, unknown>, name: DownloadParameter): string | null {
  const raw = query[name];
  if (raw === undefined) return null;
  if (typeof raw !== "string") throw new BadDownloadParameter(name, `Parameter "${name}" must be given once, as a single value`);
  const value = raw.trim();
  if (value === "") throw new BadDownloadParameter(name, `Parameter "${name}" must not be empty`);
  return value;
}

function year(query: Record<string, unknown>, name: "from" | "to"): number | null {
  const value = single(query, name);
  if (value === null) return null;
  const n = Number(value);
  if (!/^[0-9]{4}$/.test(value) || n < DOWNLOAD_LIMITS.minYear || n > DOWNLOAD_LIMITS.maxYear) {
    throw new BadDownloadParameter(
      name,
      `Parameter "${name}" must be a year between ${DOWNLOAD_LIMITS.minYear} and ${DOWNLOAD_LIMITS.maxYear}, e.g. 2010; got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

function formatted(query: Record<string, unknown>, name: DownloadParameter, pattern: RegExp, example: string): string | null {
  const value = single(query, name);
  if (value !== null && !pattern.test(value)) {
    throw new BadDownloadParameter(name, `Parameter "${name}" has an invalid value ${JSON.stringify(value)}; expected e.g. ${example}`);
  }
  return value;
}

/**
 * Reads `<indicator>.csv` / `<indicator>.json` and the query string into a download request. Unknown, repeated,
 * empty or malformed parameters are refused naming them; an inverted year range names `from`.
 */
export function parseDownloadRequest(file: string, query: Record<string, unknown>): DownloadRequest {
  const match = /^(.+)\.([A-Za-z]+)$/.exec(file);
  if (!match || !["csv", "json"].includes(match[2].toLowerCase())) {
    throw new UnknownDownload(`No download ${JSON.stringify(file)}: ask for <indicator>.csv (the observations) or <indicator>.json (the metadata)`);
  }
  const [, indicator, extension] = match;
  if (!INDICATOR.test(indicator)) {
    throw new BadDownloadParameter("indicator", `Indicator ${JSON.stringify(indicator)} is not an indicator code such as internet_users_pct`);
  }
  const unknown = Object.keys(query).filter((name) => !isParameter(name));
  if (unknown.length > 0) {
    throw new BadDownloadParameter(
      unknown[0],
      `Unknown parameter${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")}; a download takes ${DOWNLOAD_PARAMETERS.join(", ")}`,
    );
  }
  const economiesText = single(query, "economies");
  let economies: string[] | null = null;
  if (economiesText !== null) {
    economies = economiesText.split(",").map((code) => code.trim());
    const bad = economies.find((code) => !ECONOMY.test(code));
    if (bad !== undefined) {
      throw new BadDownloadParameter("economies", `Parameter "economies" has an invalid code ${JSON.stringify(bad)}; give ISO3 or M49 codes separated by commas, e.g. KEN,IND,404`);
    }
    if (economies.length > DOWNLOAD_LIMITS.economies) {
      throw new BadDownloadParameter("economies", `Parameter "economies" has ${economies.length} codes; at most ${DOWNLOAD_LIMITS.economies} are allowed`);
    }
  }
  const from = year(query, "from");
  const to = year(query, "to");
  if (from !== null && to !== null && from > to) {
    throw new BadDownloadParameter("from", `Parameter "from" (${from}) is after "to" (${to})`);
  }
  return {
    indicator,
    format: extension.toLowerCase() as DownloadFormat,
    economies,
    region: formatted(query, "region", REGION, "Africa or 202"),
    from,
    to,
    dataset: formatted(query, "dataset", DATASET, "unsd-sdg-2023-12"),
    sex: formatted(query, "sex", CODE, "FEMALE"),
    speed: formatted(query, "speed", CODE, "10MBPS"),
  };
}

/** The `ObservationFilter` of the graph for a download request. */
export function observationFilter(request: DownloadRequest): Record<string, unknown> {
  const filter: Record<string, unknown> = { indicator: request.indicator };
  if (request.economies) filter.economies = request.economies;
  if (request.region) filter.region = request.region;
  if (request.from !== null) filter.fromYear = request.from;
  if (request.to !== null) filter.toYear = request.to;
  if (request.dataset) filter.dataset = request.dataset;
  if (request.sex || request.speed) {
    filter.breakdown = {
      ...(request.sex ? { sex: request.sex } : {}),
      ...(request.speed ? { speed: request.speed } : {}),
    };
  }
  return filter;
}

/** The download parameter a graph argument stands for (for errors the graph reports). */
export function parameterOfArgument(argumentName: string): string {
  const name = argumentName.replace(/^filter\./, "");
  switch (name) {
    case "fromYear":
      return "from";
    case "toYear":
      return "to";
    case "breakdown.sex":
      return "sex";
    case "breakdown.speed":
      return "speed";
    default:
      return name;
  }
}
