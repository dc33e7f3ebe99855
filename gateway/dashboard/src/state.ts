/**
 * What the dashboard shows, all of it in the URL's query string: a permalink reopens the same view, and an embed
 * (`embed=1`) pinned to a dataset release (`dataset`, `release`) keeps showing the same figures.
 */

export const VIEWS = ["map", "series", "profile", "matrix", "timeline"] as const;
export type View = (typeof VIEWS)[number];

export const BREAKDOWN_DIMENSIONS = ["sex", "speed"] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export interface Breakdown {
  dimension: BreakdownDimension;
  code: string;
}

export interface DashboardState {
  view: View;
  /** Map and series: the indicator's hub code. */
  indicator: string;
  /** Map: only values of these years; series: the years drawn. Timeline: the years shown. */
  from?: number;
  to?: number;
  /** Map and series: one breakdown instead of the total (e.g. sex FEMALE). */
  breakdown?: Breakdown;
  /** Series: economies (ISO3 or M49) and regions (M49 aggregates), in the order chosen. */
  economies: string[];
  regions: string[];
  /** Series: also draw the hub's computed figure of each region (dashed). */
  computed: boolean;
  /** Profile: the economy. */
  economy: string;
  /** Matrix: the selected cell, "<action line>:<goal>". Timeline: the selected event. */
  cell?: string;
  event?: string;
  /** Pinned read: this release of this dataset (embeds are pinned so their figures never change). */
  dataset?: string;
  release?: number;
  /** Embedded in another page: the chart, its legend and its source only. */
  embed: boolean;
}

export const DEFAULT_STATE: DashboardState = {
  view: "map",
  indicator: "internet_users_pct",
  economies: ["KEN", "IND", "BRA"],
  regions: ["202"],
  computed: true,
  economy: "KEN",
  embed: false,
};

/** The timeline's default span: the roadmap (2022–2025) and the follow-up of the review. */
export const TIMELINE_YEARS = { from: 2022, to: 2027 } as const;

export const YEAR_BOUNDS = { min: 1990, max: 2100 } as const;
export const MAX_SERIES = 12;

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const ECONOMY = /^([A-Za-z]{3}|[0-9]{1,3})$/;
const CELL = /^[A-Za-z0-9.-]{1,32}:[0-9]{1,2}$/;

function year(value: string | null): number | undefined {
  if (value === null || !/^[0-9]{4}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= YEAR_BOUNDS.min && n <= YEAR_BOUNDS.max ? n : undefined;
}

function codes(value: string | null, pattern: RegExp): string[] | undefined {
  if (value === null) return undefined;
  const list = value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => pattern.test(s));
  return [...new Set(list.map((s) => s.toUpperCase()))].slice(0, MAX_SERIES);
}

function code(value: string | null, pattern: RegExp = CODE): string | undefined {
  return value !== null && pattern.test(value) ? value : undefined;
}

/** Reads the state from a query string; what is missing or malformed takes its default (a bad link still opens). */
export function parseState(search: string): DashboardState {
  const params = new URLSearchParams(search);
  const view = params.get("view");
  const [dimension, breakdownCode] = (params.get("breakdown") ?? "").split(":");
  const release = params.get("release");
  let from = year(params.get("from"));
  let to = year(params.get("to"));
  if (from !== undefined && to !== undefined && from > to) [from, to] = [to, from];
  const economies = codes(params.get("economies"), ECONOMY);
  const regions = codes(params.get("regions"), ECONOMY);
  return {
    view: (VIEWS as readonly string[]).includes(view ?? "") ? (view as View) : DEFAULT_STATE.view,
    indicator: code(params.get("indicator")) ?? DEFAULT_STATE.indicator,
    from,
    to,
    breakdown:
      (BREAKDOWN_DIMENSIONS as readonly string[]).includes(dimension) &&
      /^[A-Za-z0-9_]{1,32}$/.test(breakdownCode ?? "")
        ? { dimension: dimension as BreakdownDimension, code: breakdownCode.toUpperCase() }
        : undefined,
    economies: economies ?? DEFAULT_STATE.economies,
    regions: regions ?? DEFAULT_STATE.regions,
    computed: params.get("computed") !== "0",
    economy: code(params.get("economy"), ECONOMY)?.toUpperCase() ?? DEFAULT_STATE.economy,
    cell: code(params.get("cell"), CELL),
    event: code(params.get("event")),
    dataset: code(params.get("dataset")),
    release: release !== null && /^[0-9]{1,9}$/.test(release) && Number(release) >= 1 ? Number(release) : undefined,
    embed: params.get("embed") === "1",
  };
}

/** Which parameters each view reads: a permalink carries only those (and is the same for the same view). */
const VIEW_PARAMETERS: Record<View, ReadonlyArray<keyof DashboardState>> = {
  map: ["indicator", "from", "to", "breakdown", "dataset", "release"],
  series: ["indicator", "economies", "regions", "computed", "from", "to", "breakdown", "dataset", "release"],
  profile: ["economy"],
  matrix: ["cell"],
  timeline: ["from", "to", "event"],
};

/** The query string of a state, in a fixed order, without defaults: the permalink. */
export function stateToSearch(state: DashboardState): string {
  const params = new URLSearchParams();
  params.set("view", state.view);
  for (const key of VIEW_PARAMETERS[state.view]) {
    const value = state[key];
    if (value === undefined) continue;
    if (key === "breakdown") {
      const b = value as Breakdown;
      params.set("breakdown", `${b.dimension}:${b.code}`);
    } else if (key === "economies" || key === "regions") {
      params.set(key, (value as string[]).join(","));
    } else if (key === "computed") {
      if (!value) params.set("computed", "0");
    } else if (value !== DEFAULT_STATE[key] || key === "indicator" || key === "economy") {
      params.set(key, String(value));
    }
  }
  if (state.embed) params.set("embed", "1");
  return `?${params.toString()}`;
}

/** The state with some fields changed (the view switched, a selection made). */
export function withChanges(state: DashboardState, changes: Partial<DashboardState>): DashboardState {
  return { ...state, ...changes };
}

/** The embed link of a view: the same view, pinned to the dataset release it was read from where the graph has one. */
export function embedSearch(state: DashboardState, pin?: { dataset: string; release: number }): string {
  return stateToSearch({ ...state, embed: true, ...(pin ? { dataset: pin.dataset, release: pin.release } : {}) });
}
