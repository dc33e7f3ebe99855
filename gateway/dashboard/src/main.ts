import "./style.css";
import { createClient, GraphQLRequestError } from "./api";
import { toCsv, type CsvTable } from "./csv";
import { h } from "./dom";
import { EconomiesQuery, IndicatorsQuery } from "./queries";
import { embedSearch, parseState, stateToSearch, VIEWS, type DashboardState, type View } from "./state";
import type { EconomyInfo, IndicatorInfo, ViewContext, ViewModule, ViewOutput } from "./view";
import { mapView } from "./views/map";
import { matrixView } from "./views/matrix";
import { profileView } from "./views/profile";
import { seriesView } from "./views/series";
import { timelineView } from "./views/timeline";

const VIEW_MODULES: Record<View, ViewModule> = {
  map: mapView,
  series: seriesView,
  profile: profileView,
  matrix: matrixView,
  timeline: timelineView,
};
const VIEW_LABELS: Record<View, string> = {
  map: "Map",
  series: "Series",
  profile: "Economy profile",
  matrix: "WSIS–SDG matrix",
  timeline: "Timeline",
};

/** The endpoint: same origin by default; a deployment may point the page elsewhere with a meta tag. */
const endpoint = document.querySelector<HTMLMetaElement>('meta[name="graphql-endpoint"]')?.content || "/graphql";
const client = createClient(endpoint);

let indicatorsPromise: Promise<IndicatorInfo[]> | undefined;
let economiesPromise: Promise<EconomyInfo[]> | undefined;
const catalogues = {
  indicators: () => (indicatorsPromise ??= client.execute(IndicatorsQuery, {}).then((r) => r.data.indicators ?? [])),
  economies: () => (economiesPromise ??= client.execute(EconomiesQuery, {}).then((r) => r.data.economies ?? [])),
};

const app = document.getElementById("app")!;
let state: DashboardState = parseState(location.search);
let renderSeq = 0;

function chartWidth(): number {
  return Math.max(320, Math.min(1200, (document.getElementById("view")?.clientWidth ?? window.innerWidth) - 8));
}

function navigate(changes: Partial<DashboardState>): void {
  go({ ...state, ...changes });
}

function go(next: DashboardState, push = true): void {
  state = next;
  const search = stateToSearch(state);
  if (push && search !== location.search) history.pushState(null, "", search);
  void render();
}

async function copy(text: string, status: HTMLElement, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = h("textarea", { class: "visually-hidden" }, text);
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  status.textContent = `${what} copied`;
}

function downloadCsv(table: CsvTable): void {
  const url = URL.createObjectURL(new Blob([toCsv(table)], { type: "text/csv;charset=utf-8" }));
  const link = h("a", { href: url, download: table.filename, class: "visually-hidden" });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function toolbar(output: ViewOutput): HTMLElement {
  const status = h("span", { class: "status", role: "status", "aria-live": "polite" });
  const permalink = `${location.origin}${location.pathname}${stateToSearch({ ...state, embed: false })}`;
  const operation = output.operations[0];
  const query = operation?.query.trim() ?? "";
  const variables = JSON.stringify(operation?.variables ?? {}, null, 2);
  const embedUrl = `${location.origin}${location.pathname}${embedSearch(state, output.pin)}`;
  const height = Math.round(chartWidth() * (state.view === "map" ? 0.62 : 0.6)) + 120;
  const snippet = `<iframe src="${embedUrl.replace(/&/g, "&amp;")}" title="${output.title.replace(/"/g, "&quot;")} (WSIS Hub)" width="100%" height="${height}" style="border:0" loading="lazy"></iframe>`;
  return h(
    "div",
    { class: "toolbar" },
    h(
      "div",
      { class: "actions" },
      h("a", { class: "permalink", href: permalink }, "Permalink"),
      h(
        "button",
        { type: "button", class: "copy-permalink", onClick: () => void copy(permalink, status, "Permalink") },
        "Copy the permalink",
      ),
      h("button", { type: "button", class: "download-csv", onClick: () => downloadCsv(output.csv) }, "Download CSV"),
      status,
    ),
    h(
      "details",
      { class: "query" },
      h("summary", {}, "Copy the GraphQL query"),
      h(
        "p",
        {},
        `Sent as GET to ${endpoint} with the query's sha256 (a persisted document), so caches answer repeats. Paste it into the IDE or any GraphQL client:`,
      ),
      h(
        "textarea",
        {
          readonly: true,
          rows: Math.min(18, query.split("\n").length + 1),
          class: "graphql-query",
          "aria-label": "GraphQL query",
        },
        query,
      ),
      h(
        "textarea",
        {
          readonly: true,
          rows: Math.min(12, variables.split("\n").length + 1),
          class: "graphql-variables",
          "aria-label": "Variables (JSON)",
        },
        variables,
      ),
      output.operations.length > 1
        ? h(
            "p",
            { class: "note" },
            `And ${output.operations.length - 1} more: ${output.operations
              .slice(1)
              .map((o) => o.query.match(/query (\w+)/)?.[1])
              .join(", ")}.`,
          )
        : null,
      h("button", { type: "button", onClick: () => void copy(query, status, "Query") }, "Copy the query"),
      h("button", { type: "button", onClick: () => void copy(variables, status, "Variables") }, "Copy the variables"),
    ),
    h(
      "details",
      { class: "embed" },
      h("summary", {}, "Embed this view"),
      h(
        "p",
        {},
        output.pin
          ? `Pinned to release ${output.pin.release} of dataset ${output.pin.dataset}: the embedded chart keeps these figures when newer releases are published.`
          : "Not pinned to a release.",
        output.pinNote ? ` ${output.pinNote}` : "",
      ),
      h("textarea", { readonly: true, rows: 3, class: "embed-snippet", "aria-label": "Embed snippet (HTML)" }, snippet),
      h("button", { type: "button", onClick: () => void copy(snippet, status, "Embed snippet") }, "Copy the snippet"),
    ),
  );
}

const present = (...nodes: Array<Node | null | undefined | false>): Node[] =>
  nodes.filter((n): n is Node => Boolean(n));

interface Layout {
  embed: boolean;
  controls: HTMLElement;
  view: HTMLElement;
}
let layout: Layout | undefined;

/** The page's frame, built once (again only when entering or leaving embed mode); the links follow the state. */
function shell(): Layout {
  if (!layout || layout.embed !== state.embed) {
    const controls = h("div", { id: "controls" });
    const view = h("section", { id: "view", "aria-labelledby": "view-title" });
    app.replaceChildren(
      state.embed
        ? h("span", {})
        : h(
            "header",
            { class: "top" },
            h("p", { class: "brand" }, h("a", { href: "/" }, "WSIS Hub"), " · Dashboard"),
            h(
              "nav",
              { "aria-label": "Views" },
              h(
                "ul",
                {},
                VIEWS.map((v) => h("li", {}, h("a", { "data-view": v }, VIEW_LABELS[v]))),
              ),
            ),
          ),
      h("main", { id: "main" }, state.embed ? null : controls, view),
      state.embed
        ? h(
            "p",
            { class: "embed-open" },
            h("a", { target: "_blank", rel: "noopener" }, "Open in the WSIS Hub dashboard"),
          )
        : h(
            "footer",
            {},
            "Built only on the hub's public GraphQL endpoint (",
            h("a", { href: endpoint }, endpoint),
            ") and its downloads — every figure here can be read the same way. ",
            h("a", { href: "/" }, "Hub home"),
          ),
    );
    document.body.classList.toggle("embed", state.embed);
    layout = { embed: state.embed, controls, view };
  }
  for (const link of app.querySelectorAll<HTMLAnchorElement>("nav a[data-view]")) {
    const v = link.dataset.view as View;
    link.href = stateToSearch({ ...state, view: v, embed: false });
    if (v === state.view) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  app
    .querySelector<HTMLAnchorElement>(".embed-open a")
    ?.setAttribute("href", `${location.pathname}${stateToSearch({ ...state, embed: false })}`);
  return layout;
}

/** The width the last drawing used: a resize redraws only when the chart's room changed noticeably. */
let drawnWidth = 0;
/** A link inside the page was followed: move the keyboard focus to what it opened once drawn. */
let focusAfterLink = false;

async function render(): Promise<void> {
  const seq = ++renderSeq;
  const current = state;
  const module = VIEW_MODULES[current.view];
  document.body.dataset.readyView = "";
  document.title = `${VIEW_LABELS[current.view]} — WSIS Hub dashboard`;
  const { controls, view } = shell();
  // The previous drawing stays (dimmed) until the new one is ready.
  const sameView = view.dataset.view === current.view;
  view.setAttribute("aria-busy", "true");
  if (!sameView) {
    controls.replaceChildren();
    view.replaceChildren(h("p", { class: "loading" }, "Loading…"));
  }
  const width = chartWidth();
  const context: ViewContext = { client, ...catalogues, navigate, width };
  try {
    const [controlsElement, output] = await Promise.all([
      current.embed ? Promise.resolve(null) : module.controls(current, context),
      module.render(current, context),
    ]);
    if (seq !== renderSeq) return;
    // Keyboard focus stays on the control that was used (the controls are rebuilt from the new state).
    const focused =
      document.activeElement instanceof HTMLElement && controls.contains(document.activeElement)
        ? document.activeElement.id
        : "";
    if (controlsElement) controls.replaceChildren(controlsElement);
    if (focused) document.getElementById(focused)?.focus();
    drawnWidth = width;
    view.dataset.view = current.view;
    view.replaceChildren(
      ...present(
        h("h1", { id: "view-title", tabindex: -1 }, output.title),
        output.subtitle ? h("p", { class: "subtitle" }, output.subtitle) : null,
        output.errors?.length
          ? h(
              "div",
              { class: "partial", role: "alert" },
              "Part of the answer is missing: ",
              output.errors.map((e) => `${e.message}${e.extensions?.code ? ` (${e.extensions.code})` : ""}`).join("; "),
            )
          : null,
        h("figure", { class: "chart", "data-view": current.view }, output.chart),
        h(
          "ul",
          { class: "sources" },
          output.sources.map((s) => h("li", {}, s)),
        ),
        current.embed ? null : toolbar(output),
        output.details && !current.embed ? h("div", { class: "details", tabindex: -1 }, output.details) : null,
        h(
          "details",
          { class: "table" },
          h("summary", {}, `Data table (${output.table.tBodies[0]?.rows.length ?? 0} rows)`),
          output.table,
        ),
      ),
    );
    view.removeAttribute("aria-busy");
    if (focusAfterLink) {
      // After following a link, the keyboard goes on from what it opened: the selection's details, or the new view.
      focusAfterLink = false;
      view.querySelector<HTMLElement>(sameView ? ".details" : "#view-title")?.focus();
    }
    document.body.dataset.readyView = current.view;
    performance.mark(`wsis-${current.view}-drawn`);
  } catch (error) {
    if (seq !== renderSeq) return;
    const code = error instanceof GraphQLRequestError ? error.errors[0]?.extensions?.code : undefined;
    view.dataset.view = "";
    view.replaceChildren(
      h("h1", { id: "view-title" }, VIEW_LABELS[current.view]),
      h(
        "div",
        { class: "error", role: "alert", "data-code": code ?? "" },
        `The hub could not answer: ${(error as Error).message}`,
      ),
    );
    view.removeAttribute("aria-busy");
    document.body.dataset.readyView = `${current.view}:error`;
  }
}

// Links inside the dashboard ("?view=…") change the view without reloading the page.
document.addEventListener("click", (event) => {
  const link = (event.target as Element | null)?.closest?.("a");
  // Plot writes its links as xlink:href (SVG).
  const href = link?.getAttribute("href") ?? link?.getAttribute("xlink:href");
  if (
    !link ||
    !href?.startsWith("?") ||
    link.getAttribute("target") === "_blank" ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.button !== 0
  )
    return;
  event.preventDefault();
  focusAfterLink = true;
  go(parseState(href));
});
window.addEventListener("popstate", () => go(parseState(location.search), false));
let resizeTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    if (Math.abs(chartWidth() - drawnWidth) >= 80) void render();
  }, 200);
});

void render();
