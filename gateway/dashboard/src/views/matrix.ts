import * as Plot from "@observablehq/plot";
import { dataTable, h, plotSvg } from "../dom";
import type { DashboardMatrixQuery } from "../gql/graphql";
import { MatrixQuery } from "../queries";
import { stateToSearch } from "../state";
import type { ViewModule } from "../view";

type ActionLine = NonNullable<DashboardMatrixQuery["actionLines"]>[number];
type Link = ActionLine["sdgLinks"][number];

interface Cell {
  line: ActionLine;
  lineLabel: string;
  goal: string;
  goalTitle: string;
  links: Link[];
}

const lineLabel = (line: ActionLine) => `${line.code.replace(/\..*$/, "")} ${line.shortName ?? line.title}`;

export const matrixView: ViewModule = {
  async controls() {
    return h(
      "p",
      { class: "controls" },
      "Select a cell (click, or Tab to it and press Enter) to read the links' rationale and targets.",
    );
  },

  async render(state, context) {
    const result = await context.client.execute(MatrixQuery, {});
    const lines = (result.data.actionLines ?? []).filter((l) => l.sdgLinks.length > 0);
    const goals = [...(result.data.sdgGoals ?? [])].sort((a, b) => Number(a.code) - Number(b.code));
    const cells: Cell[] = [];
    for (const line of lines) {
      for (const goal of goals) {
        const links = line.sdgLinks.filter((l) => l.goal?.code === goal.code);
        if (links.length)
          cells.push({ line, lineLabel: lineLabel(line), goal: goal.code, goalTitle: goal.shortTitle, links });
      }
    }
    const total = cells.reduce((n, c) => n + c.links.length, 0);
    const cellKey = (c: Cell) => `${c.line.code}:${c.goal}`;
    const selected = cells.find((c) => cellKey(c) === state.cell);
    const chart = Plot.plot({
      width: context.width,
      height: 60 + lines.length * 26,
      marginLeft: 300,
      marginTop: 40,
      padding: 0.06,
      ariaLabel: `Heatmap: ${total} links of the WSIS–SDG matrix, action lines by SDG`,
      x: { label: "SDG", axis: "top", domain: goals.map((g) => g.code), tickFormat: (code: string) => code },
      y: { label: null, domain: lines.map(lineLabel) },
      color: {
        type: "linear",
        scheme: "purples",
        domain: [0, Math.max(...cells.map((c) => c.links.length), 1)],
        legend: true,
        label: "Links (goal and target level)",
      },
      marks: [
        Plot.cell(cells, {
          x: "goal",
          y: "lineLabel",
          fill: (c: Cell) => c.links.length,
          stroke: (c: Cell) => (c === selected ? "#d4380d" : "white"),
          strokeWidth: (c: Cell) => (c === selected ? 3 : 1),
          inset: 0.5,
          className: "wsis-matrix-cell",
          href: (c: Cell) =>
            state.embed ? null : stateToSearch({ ...state, view: "matrix", cell: cellKey(c), embed: false }),
          ariaLabel: (c: Cell) =>
            `${c.lineLabel} and SDG ${c.goal} (${c.goalTitle}): ${c.links.length} link${c.links.length > 1 ? "s" : ""}`,
          title: (c: Cell) =>
            `${c.lineLabel}\nSDG ${c.goal}: ${c.goalTitle}\n${c.links.length} link(s): ${c.links.map((l) => l.target?.code ?? "goal").join(", ")}`,
          tip: true,
        }),
        Plot.text(cells, {
          x: "goal",
          y: "lineLabel",
          text: (c: Cell) => String(c.links.length),
          fill: (c: Cell) => (c.links.length >= 3 ? "white" : "black"),
          pointerEvents: "none",
          ariaHidden: "true",
        }),
      ],
    });
    const svg = plotSvg(chart);
    svg.querySelectorAll<SVGRectElement>("g.wsis-matrix-cell rect").forEach((rect, i) => {
      rect.dataset.cell = cellKey(cells[i]);
      rect.dataset.links = String(cells[i].links.length);
    });
    chart.setAttribute("data-links", String(total));

    const allLinks = lines.flatMap((line) => line.sdgLinks.map((link) => ({ line, link })));
    const details = selected
      ? h(
          "section",
          { class: "cell-details", "aria-live": "polite" },
          h(
            "h3",
            {},
            `${selected.lineLabel} × SDG ${selected.goal} (${selected.goalTitle}): ${selected.links.length} link(s)`,
          ),
          h(
            "ul",
            {},
            selected.links.map((l) =>
              h(
                "li",
                { "data-link": l.id },
                h("strong", {}, l.target ? `Target ${l.target.code}` : "Goal-level link"),
                l.target ? ` — ${l.target.title}` : "",
                h("p", {}, l.rationale),
                l.note ? h("p", { class: "note" }, l.note) : null,
              ),
            ),
          ),
        )
      : h("p", { class: "note" }, "No cell selected.");
    return {
      title: "WSIS–SDG matrix",
      subtitle: `${total} links between ${lines.length} action lines and ${goals.length} goals; the number in a cell counts its goal- and target-level links`,
      chart,
      details,
      table: dataTable(
        "Every link of the WSIS–SDG matrix",
        ["Action line", "SDG", "Target", "Rationale"],
        allLinks.map(({ line, link }) => [
          lineLabel(line),
          link.goal?.code,
          link.target?.code ?? "(goal)",
          link.rationale,
        ]),
      ),
      csv: {
        filename: "wsis-sdg-matrix.csv",
        header: ["link", "action_line", "goal", "target", "rationale", "note"],
        rows: allLinks.map(({ line, link }) => [
          link.id,
          line.code,
          link.goal?.code,
          link.target?.code,
          link.rationale,
          link.note,
        ]),
      },
      operations: [{ query: String(MatrixQuery), variables: {} }],
      pinNote: "The action lines and the matrix have no releases in the graph: an embed shows the current matrix.",
      errors: result.errors,
      sources: [...new Set(allLinks.map(({ link }) => link.source?.title).filter((t): t is string => Boolean(t)))].map(
        (t) => `Data: ${t}, through the WSIS Hub.`,
      ),
    };
  },
};
