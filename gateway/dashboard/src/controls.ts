import { h, type Child } from "./dom";
import { YEAR_BOUNDS, type Breakdown, type DashboardState } from "./state";
import type { IndicatorInfo, ViewContext } from "./view";

/** The controls of a view: a form that never submits (each control applies itself). */
export function controlsForm(...children: Child[]): HTMLFormElement {
  return h("form", { class: "controls", onSubmit: (event: Event) => event.preventDefault() }, ...children);
}

/** A labelled control (label before the field, tied by id). */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || `f-${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  control.id = id;
  return h("div", { class: "field" }, h("label", { for: id }, label), control, hint ? h("small", {}, hint) : null);
}

export function indicatorSelect(
  state: DashboardState,
  indicators: readonly IndicatorInfo[],
  context: ViewContext,
): HTMLElement {
  const select = h(
    "select",
    {
      id: "indicator",
      name: "indicator",
      onChange: (event: Event) =>
        context.navigate({
          indicator: (event.target as HTMLSelectElement).value,
          breakdown: undefined,
          dataset: undefined,
          release: undefined,
        }),
    },
    indicators.map((i) =>
      h("option", { value: i.code, selected: i.code === state.indicator }, `${i.name} (${i.unit})`),
    ),
  );
  return field("Indicator", select);
}

/** From/to years; empty means no bound. */
export function yearRange(state: DashboardState, context: ViewContext, hint?: string): HTMLElement {
  const input = (name: "from" | "to") =>
    h("input", {
      id: `year-${name}`,
      name,
      type: "number",
      inputmode: "numeric",
      min: YEAR_BOUNDS.min,
      max: YEAR_BOUNDS.max,
      placeholder: name === "from" ? "first" : "latest",
      value: state[name] ?? "",
      onChange: (event: Event) => {
        const raw = (event.target as HTMLInputElement).value.trim();
        const value = /^[0-9]{4}$/.test(raw) ? Number(raw) : undefined;
        context.navigate({ [name]: value });
      },
    });
  return h(
    "fieldset",
    { class: "years" },
    h("legend", {}, "Years"),
    field("From", input("from")),
    field("To", input("to")),
    hint ? h("small", {}, hint) : null,
  );
}

/** Labels of the breakdown codes of the shipped data (UNSD codes). */
const BREAKDOWN_LABELS: Record<string, string> = {
  BOTHSEX: "Total (both sexes)",
  FEMALE: "Female",
  MALE: "Male",
  ANYS: "Total (any speed)",
  "256KT2MBPS": "256 kbit/s to 2 Mbit/s",
  "2MT10MBPS": "2 to 10 Mbit/s",
  "10MBPS": "10 Mbit/s and above",
};

const TOTALS = new Set(["BOTHSEX", "ANYS", "_T", "TOTAL"]);

/** The breakdowns the indicator has (sex, speed …): the total, or one code of one dimension. */
export function breakdownSelect(
  state: DashboardState,
  indicator: IndicatorInfo | undefined,
  context: ViewContext,
): HTMLElement | null {
  const dimensions = indicator?.dimensions.filter((d) => d.dimension === "sex" || d.dimension === "speed") ?? [];
  if (dimensions.length === 0) return null;
  const current = state.breakdown ? `${state.breakdown.dimension}:${state.breakdown.code}` : "";
  const select = h(
    "select",
    {
      id: "breakdown",
      name: "breakdown",
      onChange: (event: Event) => {
        const [dimension, code] = (event.target as HTMLSelectElement).value.split(":");
        context.navigate({ breakdown: code ? ({ dimension, code } as Breakdown) : undefined });
      },
    },
    h("option", { value: "", selected: current === "" }, "Total"),
    dimensions.map((d) =>
      h(
        "optgroup",
        { label: `By ${d.dimension}` },
        d.codes
          .filter((c) => !TOTALS.has(c))
          .map((c) =>
            h(
              "option",
              { value: `${d.dimension}:${c}`, selected: current === `${d.dimension}:${c}` },
              BREAKDOWN_LABELS[c] ?? c,
            ),
          ),
      ),
    ),
  );
  return field("Breakdown", select);
}

/** The `breakdown` argument of the graph for the state: always explicit (the total unless one is chosen). */
export function breakdownArgument(
  state: DashboardState,
  indicator: IndicatorInfo | undefined,
): { sex?: string; speed?: string } | undefined {
  if (state.breakdown) return { [state.breakdown.dimension]: state.breakdown.code };
  const dimension = indicator?.dimensions.find((d) => d.dimension === "sex" || d.dimension === "speed");
  if (!dimension) return undefined;
  const total = dimension.codes.find((c) => TOTALS.has(c));
  return total ? { [dimension.dimension]: total } : undefined;
}

export function breakdownLabel(state: DashboardState): string {
  return state.breakdown ? (BREAKDOWN_LABELS[state.breakdown.code] ?? state.breakdown.code) : "Total";
}

/** The dataset and release a read is pinned to (an embed), or the indicator's default dataset, latest release. */
export function readArguments(state: DashboardState): { dataset?: string; release?: number } {
  return { dataset: state.dataset, release: state.dataset ? state.release : undefined };
}

export function pinOf(
  state: DashboardState,
  indicator: IndicatorInfo | undefined,
): { dataset: string; release: number } | undefined {
  if (state.dataset && state.release) return { dataset: state.dataset, release: state.release };
  const dataset = indicator?.defaultDataset;
  if (!dataset?.latestRelease || (state.dataset && state.dataset !== dataset.id)) return undefined;
  return { dataset: dataset.id, release: dataset.latestRelease.number };
}
