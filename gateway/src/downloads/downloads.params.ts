/** Where the gateway serves the downloads: /downloads (the list), /downloads/<indicator>.csv and .json. */
export const DOWNLOADS_PATH = "/downloads";

/** An answer other than the download: the status and a JSON error naming the parameter at fault (and what it allows). */
export class DownloadRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly parameter?: string,
    readonly allowed?: readonly string[],
  ) {
    super(message);
    this.name = "DownloadRefusal";
  }
}

/** Bounds and formats of the download parameters; they mirror the `observations(filter:)` arguments of the graph. */
export const DOWNLOAD_LIMITS = { economies: 300, minYear: 1900, maxYear: 2100 } as const;

/** A query parameter of the downloads: its name, what it does, its allowed values (when they are a closed list). */
export interface DownloadParameterSpec {
  name: string;
  description: string;
  example: string;
  /** The values it takes, when they are a closed list (any other value is a 400 that lists them). */
  values?: readonly string[];
}

const BOOLEAN_VALUES = ["true", "false", "1", "0"] as const;

/**
 * Every query parameter a download takes: the filters mirror the `observations(filter:)` arguments of the graph, the
 * rest shape the file. The README and GET /downloads list them from here. Any other parameter is a 400 naming these.
 */
export const DOWNLOAD_PARAMETER_SPECS: readonly DownloadParameterSpec[] = [
  {
    name: "economies",
    example: "KEN,IND,404",
    description: "Only these economies: ISO 3166 alpha-3 or M49 codes, comma-separated, at most 300",
  },
  {
    name: "region",
    example: "Africa",
    description: 'Only the member countries of an aggregate: its name ("Sub-Saharan Africa") or M49 code ("202")',
  },
  { name: "from", example: "2010", description: "First year (YYYY)" },
  { name: "to", example: "2022", description: "Last year (YYYY)" },
  {
    name: "dataset",
    example: "unsd-sdg-2023-12",
    description:
      "A dataset that publishes the indicator (see GET /downloads); default: the indicator's default dataset, chosen by the rule of Indicator.defaultDatasetChoice",
  },
  {
    name: "sex",
    example: "FEMALE",
    description:
      "One breakdown by sex: FEMALE or MALE (TOTAL: the total); an indicator without a sex breakdown refuses it",
  },
  {
    name: "speed",
    example: "10MBPS",
    description: "One fixed-broadband speed band: 256KT2MBPS, 2MT10MBPS or 10MBPS (TOTAL: any speed)",
  },
  {
    name: "age",
    example: "15_24",
    description: "One age group (ICT skills): LT15Y, 15_24, 25_74 or 75 (TOTAL: all ages)",
  },
  { name: "location", example: "RURAL", description: "Urban or rural (ICT skills): URBAN or RURAL (TOTAL: all areas)" },
  {
    name: "skill",
    example: "COPA",
    description:
      "One type of ICT skill (4.4.1, 4.5.1), e.g. COPA, EMAIL, PCPR; these indicators have no total over skills, so a download without skill (or allBreakdowns) of them is empty",
  },
  {
    name: "educationLevel",
    example: "PRIMAR",
    description: "One education level (4.a.1): PRIMAR, LOWSEC, UPPSEC or SECOND; no total over levels, as for skill",
  },
  {
    name: "allBreakdowns",
    example: "true",
    values: BOOLEAN_VALUES,
    description:
      "true: every breakdown (Total, Female, Male, speed bands) of the dataset that has them; default: the total only, one figure per economy and year",
  },
  {
    name: "layout",
    example: "wide",
    values: ["long", "wide"],
    description:
      "long (default): one row per observation, with its nature and footnote; wide: one row per economy (and breakdown), one column per year, for a spreadsheet",
  },
  {
    name: "excel",
    example: "1",
    values: BOOLEAN_VALUES,
    description:
      "1: the file starts with a UTF-8 byte-order mark, so that a spreadsheet opened by double-click reads accented names (Côte d'Ivoire) right",
  },
];

/** The query parameters a download takes. */
export const DOWNLOAD_PARAMETERS = DOWNLOAD_PARAMETER_SPECS.map((p) => p.name) as readonly string[];
export type DownloadParameter = string;

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
  age: string | null;
  location: string | null;
  skill: string | null;
  educationLevel: string | null;
  allBreakdowns: boolean;
  layout: "long" | "wide";
  excel: boolean;
}

/** A parameter (or the indicator of the path) that cannot be used: answered with 400 naming it (and its allowed values). */
export class BadDownloadParameter extends Error {
  constructor(
    readonly parameter: string,
    message: string,
    readonly allowed?: readonly string[],
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

const isParameter = (name: string): boolean => DOWNLOAD_PARAMETERS.includes(name);

function single(query: Record<string, unknown>, name: DownloadParameter): string | null {
  const raw = query[name];
  if (raw === undefined) return null;
  if (typeof raw !== "string")
    throw new BadDownloadParameter(name, `Parameter "${name}" must be given once, as a single value`);
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

/** A parameter whose values are a closed list (case-insensitive); any other value is refused naming them. */
function oneOf(query: Record<string, unknown>, name: DownloadParameter): string | null {
  const value = single(query, name);
  if (value === null) return null;
  const allowed = DOWNLOAD_PARAMETER_SPECS.find((p) => p.name === name)!.values!;
  const match = allowed.find((v) => v === value.toLowerCase());
  if (match === undefined) {
    throw new BadDownloadParameter(
      name,
      `Parameter "${name}" must be one of ${allowed.join(", ")}; got ${JSON.stringify(value)}`,
      allowed,
    );
  }
  return match;
}

const isTrue = (value: string | null): boolean => value === "true" || value === "1";

function formatted(
  query: Record<string, unknown>,
  name: DownloadParameter,
  pattern: RegExp,
  example: string,
): string | null {
  const value = single(query, name);
  if (value !== null && !pattern.test(value)) {
    throw new BadDownloadParameter(
      name,
      `Parameter "${name}" has an invalid value ${JSON.stringify(value)}; expected e.g. ${example}`,
    );
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
    throw new UnknownDownload(
      `No download ${JSON.stringify(file)}: ask for <indicator>.csv (the observations) or <indicator>.json (the metadata)`,
    );
  }
  const [, indicator, extension] = match;
  if (!INDICATOR.test(indicator)) {
    throw new BadDownloadParameter(
      "indicator",
      `Indicator ${JSON.stringify(indicator)} is not an indicator code such as internet_users_pct`,
    );
  }
  const unknown = Object.keys(query).filter((name) => !isParameter(name));
  if (unknown.length > 0) {
    throw new BadDownloadParameter(
      unknown[0],
      `Unknown parameter${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")}; a download takes ${DOWNLOAD_PARAMETERS.join(", ")} (see GET /downloads)`,
      DOWNLOAD_PARAMETERS,
    );
  }
  const economiesText = single(query, "economies");
  let economies: string[] | null = null;
  if (economiesText !== null) {
    economies = economiesText.split(",").map((code) => code.trim());
    const bad = economies.find((code) => !ECONOMY.test(code));
    if (bad !== undefined) {
      throw new BadDownloadParameter(
        "economies",
        `Parameter "economies" has an invalid code ${JSON.stringify(bad)}; give ISO3 or M49 codes separated by commas, e.g. KEN,IND,404`,
      );
    }
    if (economies.length > DOWNLOAD_LIMITS.economies) {
      throw new BadDownloadParameter(
        "economies",
        `Parameter "economies" has ${economies.length} codes; at most ${DOWNLOAD_LIMITS.economies} are allowed`,
      );
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
    age: formatted(query, "age", CODE, "15_24"),
    location: formatted(query, "location", CODE, "RURAL"),
    skill: formatted(query, "skill", CODE, "COPA"),
    educationLevel: formatted(query, "educationLevel", CODE, "PRIMAR"),
    allBreakdowns: isTrue(oneOf(query, "allBreakdowns")),
    layout: (oneOf(query, "layout") ?? "long") as DownloadRequest["layout"],
    excel: isTrue(oneOf(query, "excel")),
  };
}

/** The parameters that select one breakdown, named as the fields of the graph's ObservationBreakdownInput. */
const BREAKDOWN_PARAMETERS = ["sex", "speed", "age", "location", "skill", "educationLevel"] as const;

/** The `ObservationFilter` of the graph for a download request. */
export function observationFilter(request: DownloadRequest): Record<string, unknown> {
  const filter: Record<string, unknown> = { indicator: request.indicator };
  if (request.economies) filter.economies = request.economies;
  if (request.region) filter.region = request.region;
  if (request.from !== null) filter.fromYear = request.from;
  if (request.to !== null) filter.toYear = request.to;
  if (request.dataset) filter.dataset = request.dataset;
  if (request.allBreakdowns) filter.allBreakdowns = true;
  const breakdown = Object.fromEntries(
    BREAKDOWN_PARAMETERS.flatMap((name) => (request[name] ? [[name, request[name]]] : [])),
  );
  if (Object.keys(breakdown).length > 0) filter.breakdown = breakdown;
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
    default:
      // breakdown.sex, breakdown.skill, ...: the parameter of the same name
      return name.startsWith("breakdown.") && (BREAKDOWN_PARAMETERS as readonly string[]).includes(name.slice(10))
        ? name.slice(10)
        : name;
  }
}
