import * as Plot from "@observablehq/plot";
import { geoArea } from "d3-geo";
import type { Feature, Geometry } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import {
  breakdownArgument,
  breakdownLabel,
  breakdownSelect,
  controlsForm,
  indicatorSelect,
  pinOf,
  readArguments,
  yearRange,
} from "../controls";
import { dataTable, formatNumber, h, plotSvg } from "../dom";
import type { DashboardMapQuery } from "../gql/graphql";
import { MapQuery } from "../queries";
import { stateToSearch, type DashboardState } from "../state";
import type { ViewContext, ViewModule } from "../view";
import { economiesWithoutShape, joinShapes, UNNUMBERED_SHAPES } from "../world";

type Observation = NonNullable<DashboardMapQuery["latestObservations"]>[number];
type Shape = Feature<Geometry, { name: string }>;

let shapes: Promise<Shape[]> | undefined;

/** The map's shapes (a separate chunk, fetched once, in parallel with the data). */
function loadShapes(): Promise<Shape[]> {
  shapes ??= import("virtual:world-atlas").then(({ default: world }) => {
    const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    return feature(topology, topology.objects.countries).features as Shape[];
  });
  return shapes;
}

/** About 4,000 km²: smaller shapes are a few pixels wide on a 1,200-pixel world map. */
const SMALL_SHAPE_STERADIANS = 1e-4;

/** An SVG element with its attributes. */
function svgElement(tag: string, attributes: Record<string, string | number>, ...children: SVGElement[]): SVGElement {
  const element = document.createElementNS("http://www.w3.org/2000/svg", tag) as SVGElement;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

/** A diagonal hatch for shapes without data: different from every colour of the scale, in greyscale too. */
function addNoDataPattern(svg: SVGSVGElement): void {
  const pattern = svgElement(
    "pattern",
    { id: "wsis-no-data", patternUnits: "userSpaceOnUse", width: 5, height: 5, patternTransform: "rotate(45)" },
    svgElement("rect", { width: 5, height: 5, fill: "#f4f4f4" }),
    svgElement("line", { x1: 0, y1: 0, x2: 0, y2: 5, stroke: "#9a9a9a", "stroke-width": 1.5 }),
  );
  svg.prepend(svgElement("defs", {}, pattern));
}

function inRange(state: DashboardState) {
  return (o: Observation) =>
    (state.from === undefined || o.year >= state.from) && (state.to === undefined || o.year <= state.to);
}

export const mapView: ViewModule = {
  async controls(state, context) {
    const indicators = await context.indicators();
    const indicator = indicators.find((i) => i.code === state.indicator);
    return controlsForm(
      indicatorSelect(state, indicators, context),
      breakdownSelect(state, indicator, context),
      yearRange(
        state,
        context,
        "Each economy is drawn with its latest value within these years; one without a value in them, as without data.",
      ),
    );
  },

  async render(state: DashboardState, context: ViewContext) {
    const shapesLoaded = loadShapes(); // in parallel with the catalogue and the data
    const indicators = await context.indicators();
    const indicator = indicators.find((i) => i.code === state.indicator);
    const variables = {
      indicator: state.indicator,
      ...readArguments(state),
      breakdown: breakdownArgument(state, indicator),
      minYear: state.from,
      maxYear: state.to,
    };
    const [result, world] = await Promise.all([context.client.execute(MapQuery, variables), shapesLoaded]);
    const observations = result.data.latestObservations ?? [];
    const unit = observations[0]?.unit ?? indicator?.unit ?? "";
    const joined = joinShapes(world, observations, inRange(state));
    type Joined = (typeof joined)[number];
    const withData = joined.filter((j) => j.observation);
    // Shapes too small to see at this scale (small island states) also get a circle, as on UN maps.
    const small = withData.filter((j) => geoArea(j.shape) < SMALL_SHAPE_STERADIANS);
    const without = joined.filter((j) => !j.observation);
    const shown = observations.filter(inRange(state));
    const values = shown.map((o) => o.value);
    const percent = unit.startsWith("%");
    const domain: [number, number] = percent ? [0, 100] : [Math.min(0, ...values), Math.max(...values, 1)];
    const years = shown.map((o) => o.year);
    const yearText = years.length
      ? Math.min(...years) === Math.max(...years)
        ? `${years[0]}`
        : `${Math.min(...years)}–${Math.max(...years)}`
      : "no year";
    const profileLink = (m49: string | undefined) => {
      const economy = observations.find((o) => o.economy?.m49 === m49)?.economy?.code ?? m49;
      return economy ? stateToSearch({ ...state, view: "profile", economy, embed: false }) : null;
    };
    const label = (j: Joined) => {
      const name = j.observation?.economy?.name ?? j.shape.properties.name;
      if (!j.observation) {
        if (j.m49 === undefined)
          return `${name}: ${UNNUMBERED_SHAPES[j.shape.properties.name]?.note ?? "not an economy of the hub"}`;
        return state.from === undefined && state.to === undefined
          ? `${name}: no data`
          : `${name}: no data in the years chosen`;
      }
      const o = j.observation;
      return `${name}\n${o.valueText} ${unit} (${o.year})\n${o.breakdown.label}\nSource: ${o.dataset?.title ?? "–"}`;
    };

    // Shapes with a value and the circles of small states: coloured, a tip, a link to the economy's profile.
    const withValue = {
      geometry: (j: Joined) => j.shape,
      fill: (j: Joined) => j.observation!.value,
      title: label,
      tip: true,
      href: (j: Joined) => profileLink(j.m49),
      target: state.embed ? "_blank" : undefined,
    };
    const chart = Plot.plot({
      width: context.width,
      height: Math.round(context.width * 0.5),
      projection: "equal-earth",
      ariaLabel: `World map: ${indicator?.name ?? state.indicator}, latest value per economy`,
      ariaDescription: `${withData.length} shapes coloured by their economy's latest value; hatched: no data`,
      color: {
        type: "quantize",
        n: 6,
        scheme: "blues",
        domain,
        legend: true,
        label: `${indicator?.name ?? state.indicator} (${unit})`,
        tickFormat: (d: number) => formatNumber(d),
      },
      marks: [
        Plot.sphere({ stroke: "#bbb", strokeWidth: 0.5 }),
        Plot.geo(without, {
          geometry: (j: Joined) => j.shape,
          fill: "url(#wsis-no-data)",
          stroke: "#8a8a8a",
          strokeWidth: 0.4,
          className: "wsis-shapes-no-data",
          title: label,
          href: (j: Joined) => (j.m49 && !state.embed ? profileLink(j.m49) : null),
          ariaLabel: (j: Joined) => label(j).split("\n")[0],
        }),
        Plot.geo(withData, {
          ...withValue,
          stroke: "#fff",
          strokeWidth: 0.4,
          className: "wsis-shapes-data",
          ariaLabel: (j: Joined) => label(j).replace(/\n/g, "; "),
        }),
        Plot.dot(
          small,
          Plot.centroid({
            ...withValue,
            r: 3,
            stroke: "#333",
            strokeWidth: 0.6,
            className: "wsis-small-states",
            ariaHidden: "true",
          }),
        ),
      ],
    });
    const svg = plotSvg(chart);
    addNoDataPattern(svg);
    // Each shape says which economy and value it draws (the tests and assistive tools read these).
    svg.querySelectorAll<SVGPathElement>("g.wsis-shapes-data path").forEach((path, i) => {
      const o = withData[i].observation!;
      path.dataset.economy = o.economy?.code ?? "";
      path.dataset.m49 = withData[i].m49 ?? "";
      path.dataset.value = o.valueText;
      path.dataset.year = String(o.year);
    });
    svg.querySelectorAll<SVGPathElement>("g.wsis-shapes-no-data path").forEach((path, i) => {
      path.dataset.m49 = without[i].m49 ?? "";
    });
    svg.querySelectorAll<SVGCircleElement>("g.wsis-small-states circle").forEach((circle, i) => {
      circle.dataset.economy = small[i].observation!.economy?.code ?? "";
    });
    const drawnEconomies = new Set(withData.map((j) => j.observation!.economy?.code));
    const notDrawn = economiesWithoutShape(world, shown);
    chart.setAttribute("data-economies-drawn", String(drawnEconomies.size));
    chart.append(
      h(
        "p",
        { class: "legend-extra" },
        h("span", { class: "swatch-no-data", "aria-hidden": "true" }),
        " Hatched: no data (or none in the years chosen) · circles: small states · click a shape, or Tab to it and press Enter, for the economy's profile",
      ),
    );

    const rows = [...shown].sort((a, b) => (a.economy?.name ?? "").localeCompare(b.economy?.name ?? ""));
    const datasets = [...new Map(shown.map((o) => [o.dataset?.id, o.dataset])).values()].filter((d) => d);
    const pin = pinOf(state, indicator);
    return {
      title: `${indicator?.name ?? state.indicator} — latest value per economy`,
      subtitle: `${breakdownLabel(state)} · ${unit} · ${shown.length} economies with a value (${yearText}); ${drawnEconomies.size} drawn${
        notDrawn.length ? `, ${notDrawn.length} without a shape at this scale` : ""
      }${state.release ? ` · release ${state.release} of ${state.dataset}` : ""}`,
      chart,
      table: dataTable(
        `${indicator?.name ?? state.indicator}: latest value per economy (${unit})`,
        ["Economy", "Code", "M49", "Year", "Value", "Unit", "Breakdown", "Dataset"],
        rows.map((o) => [
          h(
            "a",
            { href: stateToSearch({ ...state, view: "profile", economy: o.economy?.code ?? "", embed: false }) },
            o.economy?.name ?? "",
          ),
          o.economy?.code,
          o.economy?.m49,
          o.year,
          o.valueText,
          o.unit,
          o.breakdown.label,
          o.dataset?.id,
        ]),
      ),
      csv: {
        filename: `${state.indicator}-latest${state.breakdown ? `-${state.breakdown.code.toLowerCase()}` : ""}.csv`,
        header: ["economy", "m49", "economy_name", "year", "value", "unit", "breakdown", "dataset"],
        rows: rows.map((o) => [
          o.economy?.code,
          o.economy?.m49,
          o.economy?.name,
          o.year,
          o.valueText,
          o.unit,
          o.breakdown.label,
          o.dataset?.id,
        ]),
      },
      operations: [{ query: String(MapQuery), variables }],
      pin,
      errors: result.errors,
      sources: [
        ...datasets.map(
          (d) =>
            `Data: ${d!.title}${d!.publisher ? ` (${d!.publisher})` : ""} — dataset ${d!.id}, through the WSIS Hub.`,
        ),
        "Boundaries: Natural Earth 1:50m (public domain), world-atlas package; joined by UN M49. Boundaries do not imply endorsement by the UN.",
      ],
    };
  },
};
