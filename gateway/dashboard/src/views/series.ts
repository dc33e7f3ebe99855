import * as Plot from "@observablehq/plot";
import type { GraphQLErrorShape } from "../api";
import {
  breakdownArgument,
  breakdownLabel,
  breakdownSelect,
  controlsForm,
  field,
  indicatorSelect,
  pinOf,
  readArguments,
  yearRange,
} from "../controls";
import { dataTable, formatNumber, h, plotSvg } from "../dom";
import { RegionalFigureQuery, SeriesQuery } from "../queries";
import { MAX_SERIES, stateToSearch, type DashboardState } from "../state";
import type { EconomyInfo, SentOperation, ViewContext, ViewModule } from "../view";

/** One drawn line: an economy, a region's official figure, or a region's figure computed by the hub. */
interface Line {
  key: string;
  code: string;
  name: string;
  kind: "economy" | "official" | "computed";
  points: Array<{ year: number; value: number; valueText: string; note?: string }>;
}

const KIND_LABEL: Record<Line["kind"], string> = {
  economy: "",
  official: " — official",
  computed: " — computed by the hub",
};

/** Default years when none are chosen: the regional figures are read one year at a time. */
const DEFAULT_FROM = 2005;
const COMPUTED_MAX_YEARS = 30;
const CONCURRENCY = 4;

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function economyPicker(state: DashboardState, economies: readonly EconomyInfo[], context: ViewContext): HTMLElement {
  const countries = economies.filter((e) => e.kind === "COUNTRY");
  const regions = economies.filter((e) => e.kind === "AGGREGATE");
  const nameOf = (code: string) => economies.find((e) => e.code === code || e.m49 === code)?.name ?? code;
  const chips = (list: string[], key: "economies" | "regions") =>
    h(
      "ul",
      { class: "chips", "aria-label": key === "economies" ? "Economies drawn" : "Regions drawn" },
      list.map((code) =>
        h(
          "li",
          {},
          nameOf(code),
          " ",
          h(
            "button",
            {
              type: "button",
              "aria-label": `Remove ${nameOf(code)}`,
              onClick: () => context.navigate({ [key]: list.filter((c) => c !== code) }),
            },
            "×",
          ),
        ),
      ),
    );
  const adder = (key: "economies" | "regions", options: readonly EconomyInfo[], label: string) => {
    const list = state[key];
    const select = h(
      "select",
      {
        id: `add-${key}`,
        disabled: state.economies.length + state.regions.length >= MAX_SERIES,
        onChange: (event: Event) => {
          const code = (event.target as HTMLSelectElement).value;
          if (code && !list.includes(code)) context.navigate({ [key]: [...list, code] });
        },
      },
      h("option", { value: "" }, `Add ${label}…`),
      options.filter((e) => !list.includes(e.code)).map((e) => h("option", { value: e.code }, e.name)),
    );
    return field(key === "economies" ? "Economies" : "Regions", select);
  };
  return h(
    "div",
    { class: "pickers" },
    h("div", {}, adder("economies", countries, "an economy"), chips(state.economies, "economies")),
    h("div", {}, adder("regions", regions, "a region"), chips(state.regions, "regions")),
    h(
      "div",
      { class: "field checkbox" },
      h(
        "label",
        {},
        h("input", {
          type: "checkbox",
          id: "computed",
          checked: state.computed,
          onChange: (event: Event) => context.navigate({ computed: (event.target as HTMLInputElement).checked }),
        }),
        " Computed regional figures",
      ),
      h(
        "small",
        {},
        "Dashed: the hub's population-weighted mean over the region's member countries; solid: the figure the source publishes.",
      ),
    ),
  );
}

export const seriesView: ViewModule = {
  async controls(state, context) {
    const [indicators, economies] = await Promise.all([context.indicators(), context.economies()]);
    const indicator = indicators.find((i) => i.code === state.indicator);
    return controlsForm(
      indicatorSelect(state, indicators, context),
      breakdownSelect(state, indicator, context),
      yearRange(state, context),
      economyPicker(state, economies, context),
    );
  },

  async render(state, context) {
    const [indicators, economies] = await Promise.all([context.indicators(), context.economies()]);
    const indicator = indicators.find((i) => i.code === state.indicator);
    const unit = indicator?.unit ?? "";
    const breakdown = breakdownArgument(state, indicator);
    const codes = [...state.economies, ...state.regions];
    const seriesVariables = {
      indicator: state.indicator,
      economies: codes,
      fromYear: state.from ?? DEFAULT_FROM,
      toYear: state.to,
      ...readArguments(state),
      breakdown,
    };
    const operations: SentOperation[] = [{ query: String(SeriesQuery), variables: seriesVariables }];
    const errors: GraphQLErrorShape[] = [];
    const result = codes.length ? await context.client.execute(SeriesQuery, seriesVariables) : { data: { series: [] } };
    if ("errors" in result && result.errors) errors.push(...result.errors);
    const series = result.data.series ?? [];
    const regionCodes = new Set(state.regions);
    const lines: Line[] = series.map((s, i) => ({
      key: codes[i],
      code: s.economy.code,
      name: s.economy.name,
      kind: regionCodes.has(codes[i]) ? "official" : "economy",
      points: s.points.map((p) => ({ year: p.year, value: p.value, valueText: p.valueText })),
    }));

    if (state.computed && state.regions.length) {
      const allYears = lines.flatMap((l) => l.points.map((p) => p.year));
      const last = state.to ?? (allYears.length ? Math.max(...allYears) : new Date().getFullYear() - 2);
      const first = Math.max(state.from ?? DEFAULT_FROM, last - COMPUTED_MAX_YEARS + 1);
      const years = Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
      for (const region of state.regions) {
        const variablesOf = (year: number) => ({
          indicator: state.indicator,
          region,
          year,
          dataset: state.dataset,
          breakdown,
        });
        operations.push({
          query: String(RegionalFigureQuery),
          variables: { ...variablesOf(years[0] ?? last), year: `one request per year, ${first}–${last}` },
        });
        const figures = await mapLimit(years, CONCURRENCY, async (year) => {
          try {
            const answer = await context.client.execute(RegionalFigureQuery, variablesOf(year));
            if (answer.errors) errors.push(...answer.errors);
            return answer.data.regionalFigures;
          } catch (error) {
            errors.push({ message: (error as Error).message });
            return null;
          }
        });
        const name =
          figures.find((f) => f?.region)?.region?.name ?? economies.find((e) => e.code === region)?.name ?? region;
        const points = figures
          .filter((f): f is NonNullable<typeof f> => f?.computed?.value !== null && f?.computed?.value !== undefined)
          .map((f) => ({
            year: f.year,
            value: f.computed!.value!,
            valueText: String(f.computed!.value),
            note: `${f.computed!.count} countries, ${Math.round((f.computed!.coverage ?? 0) * 100)}% of the population`,
          }));
        if (points.length)
          lines.push({
            key: `${region}:computed`,
            code: figures.find((f) => f?.region)?.region?.code ?? region,
            name,
            kind: "computed",
            points,
          });
      }
    }

    const rows = lines.flatMap((l) =>
      l.points.map((p) => ({ ...p, line: l, label: `${l.name}${KIND_LABEL[l.kind]}` })),
    );
    const lastPoints = lines
      .filter((l) => l.points.length)
      .map((l) => ({ ...l.points[l.points.length - 1], label: `${l.name}${KIND_LABEL[l.kind]}` }));
    const tipTitle = (d: (typeof rows)[number]) =>
      `${d.label}\n${d.year}: ${d.valueText} ${unit}${d.note ? `\n${d.note}` : ""}`;
    // Only lines with points are drawn (Plot draws no group for an empty mark), so the drawn groups and `drawn` match.
    const drawn = lines.filter((l) => l.points.length);
    const marks = drawn.map((line) =>
      Plot.lineY(
        rows.filter((r) => r.line === line),
        {
          x: "year",
          y: "value",
          stroke: () => line.name,
          strokeWidth: line.kind === "economy" ? 2 : 2.5,
          strokeDasharray: line.kind === "computed" ? "6,4" : undefined,
          marker: line.kind === "computed" ? "circle-stroke" : line.kind === "official" ? "tick" : "circle",
          className: "wsis-series-line",
          ariaLabel: (d: (typeof rows)[number]) => `${d.label}, ${d.year}: ${d.valueText}`,
        },
      ),
    );
    const chart = Plot.plot({
      width: context.width,
      height: Math.max(320, Math.round(context.width * 0.45)),
      marginRight: 190,
      ariaLabel: `Line chart: ${indicator?.name ?? state.indicator} by year`,
      x: { label: "Year", tickFormat: "d" },
      y: { label: unit, grid: true, zero: unit.startsWith("%") },
      color: { legend: true, scheme: "tableau10", domain: [...new Set(lines.map((l) => l.name))] },
      marks: [
        ...marks,
        Plot.text(lastPoints, {
          x: "year",
          y: "value",
          text: "label",
          dx: 8,
          textAnchor: "start",
          fill: "currentColor",
          fontSize: 11,
        }),
        Plot.tip(rows, Plot.pointer({ x: "year", y: "value", title: tipTitle })),
      ],
    });
    const svg = plotSvg(chart);
    svg.querySelectorAll<SVGGElement>("g.wsis-series-line").forEach((g, i) => {
      g.dataset.series = drawn[i].key;
      g.dataset.kind = drawn[i].kind;
      g.dataset.points = String(drawn[i].points.length);
    });
    chart.setAttribute("data-series-drawn", String(drawn.length));
    const pin = pinOf(state, indicator);
    return {
      title: `${indicator?.name ?? state.indicator} — series`,
      subtitle: `${breakdownLabel(state)} · ${unit} · solid with ticks: a region's official figure; dashed: computed by the hub over its member countries`,
      chart,
      table: dataTable(
        `${indicator?.name ?? state.indicator} by year (${unit})`,
        ["Series", "Code", "Kind", "Year", "Value", "Note"],
        rows.map((r) => [r.line.name, r.line.code, r.line.kind, r.year, r.valueText, r.note ?? ""]),
      ),
      csv: {
        filename: `${state.indicator}-series.csv`,
        header: ["series", "economy", "kind", "year", "value", "unit", "breakdown", "note"],
        rows: rows.map((r) => [
          r.line.name,
          r.line.code,
          r.line.kind,
          r.year,
          r.valueText,
          unit,
          breakdownLabel(state),
          r.note ?? "",
        ]),
      },
      operations,
      pin,
      pinNote:
        state.computed && state.regions.length
          ? "The computed regional figures are read from the latest release (regionalFigures takes no release)."
          : undefined,
      errors,
      details: h(
        "p",
        { class: "note" },
        "Open an economy's profile: ",
        lines
          .filter((l) => l.kind === "economy")
          .map((l, i) => [
            i ? ", " : "",
            h("a", { href: stateToSearch({ ...state, view: "profile", economy: l.code, embed: false }) }, l.name),
          ]),
        lines.some((l) => l.kind === "economy") ? "." : "none chosen.",
        ` Values as published; points: ${formatNumber(rows.length)}.`,
      ),
      sources: [
        `Data: ${indicator?.defaultDataset?.title ?? "the indicator's default dataset"}${state.dataset ? ` (dataset ${state.dataset})` : ""}, through the WSIS Hub; computed regional figures: population-weighted means (World Bank SP.POP.TOTL).`,
      ],
    };
  },
};
