import * as Plot from "@observablehq/plot";
import { controlsForm, field } from "../controls";
import { dataTable, h } from "../dom";
import { ProfileQuery } from "../queries";
import { stateToSearch } from "../state";
import type { ViewModule } from "../view";

export const profileView: ViewModule = {
  async controls(state, context) {
    const economies = await context.economies();
    const select = h(
      "select",
      {
        id: "economy",
        onChange: (event: Event) => context.navigate({ economy: (event.target as HTMLSelectElement).value }),
      },
      h(
        "optgroup",
        { label: "Countries and areas" },
        economies
          .filter((e) => e.kind === "COUNTRY")
          .map((e) => h("option", { value: e.code, selected: e.code === state.economy }, e.name)),
      ),
      h(
        "optgroup",
        { label: "Regions and groups" },
        economies
          .filter((e) => e.kind === "AGGREGATE")
          .map((e) => h("option", { value: e.code, selected: e.code === state.economy }, e.name)),
      ),
    );
    return controlsForm(field("Economy", select));
  },

  async render(state, context) {
    const variables = { code: state.economy };
    const result = await context.client.execute(ProfileQuery, variables);
    const economy = result.data.economy;
    if (!economy) {
      return {
        title: `No economy "${state.economy}"`,
        chart: h("p", {}, "The hub knows no economy with this ISO3 or M49 code. Pick one above."),
        table: dataTable("No data", [], []),
        csv: { filename: `${state.economy}-profile.csv`, header: [], rows: [] },
        operations: [{ query: String(ProfileQuery), variables }],
        errors: result.errors,
        sources: [],
      };
    }
    const values = economy.latestValues;
    const percent = values.filter((v) => v.unit.startsWith("%"));
    const chart =
      percent.length > 0
        ? Plot.plot({
            width: context.width,
            height: 50 + percent.length * 34,
            marginLeft: Math.min(360, context.width / 2.5),
            marginRight: 90,
            ariaLabel: `Bar chart: latest values of ${economy.name} in percent of the population`,
            x: { label: "% of population (latest year of each indicator)", domain: [0, 100], grid: true },
            y: { label: null },
            marks: [
              Plot.barX(percent, {
                y: (v: (typeof percent)[number]) => v.indicator?.name ?? "",
                x: "value",
                fill: "#3b6ea8",
                className: "wsis-profile-bar",
                href: (v: (typeof percent)[number]) =>
                  stateToSearch({
                    ...state,
                    view: "series",
                    indicator: v.indicator?.code ?? "",
                    economies: [economy.code],
                    regions: [],
                    embed: false,
                  }),
                title: (v: (typeof percent)[number]) =>
                  `${v.indicator?.name}\n${v.valueText} ${v.unit} (${v.year})\nSource: ${v.dataset?.title ?? "–"}`,
                tip: true,
              }),
              Plot.text(percent, {
                y: (v: (typeof percent)[number]) => v.indicator?.name ?? "",
                x: "value",
                text: (v: (typeof percent)[number]) => `${v.valueText} (${v.year})`,
                dx: 4,
                textAnchor: "start",
              }),
              Plot.ruleX([0]),
            ],
          })
        : h("p", {}, "No indicator of this economy is measured in percent of the population; see the table.");
    const link = (href: string, text: string) => h("a", { href }, text);
    const details = h(
      "div",
      { class: "profile-details" },
      h("p", {}, [
        `${economy.name} · ${economy.kind === "COUNTRY" ? "ISO3" : "M49"} ${economy.code} · M49 ${economy.m49}`,
        economy.region ? ` · ${economy.region}${economy.subRegion ? ` / ${economy.subRegion}` : ""}` : "",
      ]),
      h("h3", {}, "Events hosted"),
      economy.events?.length
        ? h(
            "ul",
            {},
            economy.events.map((e) =>
              h(
                "li",
                {},
                link(stateToSearch({ ...state, view: "timeline", event: e.id, embed: false }), e.title),
                ` — ${e.startDate}${e.status === "CANCELLED" ? " (cancelled)" : ""}`,
              ),
            ),
          )
        : h("p", {}, "None in the roadmap's timeline."),
      h("h3", {}, "WSIS+20 reports about this economy"),
      economy.reports?.length
        ? h(
            "ul",
            {},
            economy.reports.map((r) => h("li", {}, `${r.title} — ${r.status.toLowerCase()}`)),
          )
        : h("p", {}, "None in the catalogue."),
    );
    return {
      title: `${economy.name} — economy profile`,
      subtitle: `Latest value of every indicator (${values.length}), each from its default dataset`,
      chart,
      table: dataTable(
        `${economy.name}: latest value of each indicator`,
        ["Indicator", "Value", "Unit", "Year", "Dataset"],
        values.map((v) => [
          link(
            stateToSearch({
              ...state,
              view: "series",
              indicator: v.indicator?.code ?? "",
              economies: [economy.code],
              regions: [],
              embed: false,
            }),
            v.indicator?.name ?? "",
          ),
          v.valueText,
          v.unit,
          v.year,
          v.dataset?.id,
        ]),
      ),
      details,
      csv: {
        filename: `${economy.code.toLowerCase()}-profile.csv`,
        header: ["economy", "indicator", "indicator_name", "year", "value", "unit", "dataset"],
        rows: values.map((v) => [
          economy.code,
          v.indicator?.code,
          v.indicator?.name,
          v.year,
          v.valueText,
          v.unit,
          v.dataset?.id,
        ]),
      },
      operations: [{ query: String(ProfileQuery), variables }],
      pinNote:
        "An economy profile shows the latest release of every indicator (Economy.latestValues takes no release).",
      errors: result.errors,
      sources: [...new Set(values.map((v) => v.dataset?.title).filter(Boolean))].map(
        (t) => `Data: ${t}, through the WSIS Hub.`,
      ),
    };
  },
};
