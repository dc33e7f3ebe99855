/** A child of `h`: an element, text, or nothing (skipped). */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

type Attributes = Record<string, string | number | boolean | null | undefined | EventListener>;

/**
 * Creates an element: attributes (`on…` functions become listeners, `false`/`null`/`undefined` are left out, `true`
 * is an empty attribute) and children (text is escaped by the DOM, never parsed as HTML).
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === "function") element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(name, "");
    else if (value !== false && value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === "object" ? (child as Node) : document.createTextNode(String(child)));
  }
}

/** A data table: a caption, a header row and one row per record (cells may be elements, e.g. links). */
export function dataTable(
  caption: string,
  header: readonly string[],
  rows: ReadonlyArray<readonly Child[]>,
): HTMLTableElement {
  return h(
    "table",
    { class: "data-table" },
    h("caption", {}, caption),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        header.map((cell) => h("th", { scope: "col" }, cell)),
      ),
    ),
    h(
      "tbody",
      {},
      rows.map((row) =>
        h(
          "tr",
          {},
          row.map((cell) => h("td", {}, cell)),
        ),
      ),
    ),
  );
}

/** Formats a number for people (the exact published text is in the tables and the CSV). */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return value.toLocaleString("en", { maximumFractionDigits: Math.abs(value) >= 100 ? 1 : 2 });
}

/** The plot itself in what Plot returns: the SVG, or the last SVG child of its figure (legends come first). */
export function plotSvg(chart: Element): SVGSVGElement {
  if (chart instanceof SVGSVGElement) return chart;
  const svgs = [...chart.children].filter((c): c is SVGSVGElement => c instanceof SVGSVGElement);
  const svg = svgs[svgs.length - 1];
  if (!svg) throw new Error("Plot drew no SVG");
  return svg;
}
