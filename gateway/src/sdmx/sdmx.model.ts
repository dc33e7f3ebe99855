import type { Catalog } from "./sdmx.queries";

/** The maintenance agency of every structure the hub serves, and their version. */
export const AGENCY = "WSIS";
export const VERSION = "1.0";
export const CONCEPT_SCHEME = "CS_WSIS";
/** The code of the total of a breakdown dimension (SDMX convention). */
export const TOTAL = "_T";

/** An SDMX identifier (IDType of SDMX-ML 2.1). */
export const SDMX_ID = /^[A-Za-z0-9_@$-]+$/;

export interface Code {
  id: string;
  name: string;
  /** Other codes a key may use for it (ISO3 for an area, the hub's code for a series). */
  aliases?: string[];
}

export interface Codelist {
  id: string;
  name: string;
  codes: Code[];
}

export interface Concept {
  id: string;
  name: string;
}

/**
 * A dimension of a data structure: its concept, its code list, and (for a breakdown) the hub's dimensions it carries
 * with their SDMX codes — one, or several that no observation combines (COMPOSITE_BREAKDOWN: the fixed-broadband speed
 * or the type of ICT skill, as in the UN SDG DSD).
 */
export interface Dimension {
  id: string;
  name: string;
  codelist: string;
  breakdown?: Array<{ name: string; sdmxOf: Map<string, string> }>;
  /**
   * A breakdown without a total in the data (education level: every figure names one). Such dimensions follow the
   * others in the key; a key may leave them out, as keys written before they were carried did (any code).
   */
  withoutTotal?: boolean;
}

export interface Attribute {
  id: string;
  name: string;
  codelist: string | null;
}

export interface Dataflow {
  id: string;
  name: string;
  description: string;
  dsd: string;
  dataset: NonNullable<Catalog["datasets"]>[number];
  /** The dimensions of its key, in order (TIME_PERIOD is the time dimension, after them). */
  dimensions: Dimension[];
  /** The indicators it publishes: hub code, SERIES code, unit. */
  indicators: Array<{ code: string; series: string; unit: string }>;
  /** Releases of the dataset, oldest first. */
  releases: Array<{ number: number; publishedAt: string }>;
}

export interface SdmxModel {
  dataflows: Dataflow[];
  codelists: Codelist[];
  concepts: Concept[];
  attributes: Attribute[];
  /** SDMX UNIT_MEASURE code by the hub's unit code and by the unit's name. */
  unitSdmx: Map<string, string>;
}

export const TIME_DIMENSION: Concept = { id: "TIME_PERIOD", name: "Time period" };
export const PRIMARY_MEASURE: Concept = { id: "OBS_VALUE", name: "Observation value" };

/** The SERIES code of an indicator: its UN SDG series code where it has one (as the SDG data flows), else the hub's code. */
export function seriesCodeOf(indicator: { code: string; unsdSeriesCode: string | null }): string {
  return indicator.unsdSeriesCode && SDMX_ID.test(indicator.unsdSeriesCode) ? indicator.unsdSeriesCode : indicator.code;
}

/** The breakdown dimensions and codes a breakdown key sets ("sex=FEMALE;speed=10MBPS"); {} for the total "_T". */
export function parseBreakdownKey(key: string): Record<string, string> {
  const values: Record<string, string> = {};
  if (key === TOTAL) return values;
  for (const part of key.split(";")) {
    const at = part.indexOf("=");
    if (at > 0) values[part.slice(0, at)] = part.slice(at + 1);
  }
  return values;
}

/**
 * The SDMX structures, derived from what the public graph says: one dataflow per dataset (its DSD has FREQ, SERIES —
 * the indicator —, REF_AREA and the breakdown dimensions its observations use), one code list per dimension and for the
 * attributes (units, natures). Nothing here names an indicator or a breakdown dimension: a new one in the graph
 * appears in the structures as it is.
 */
export function buildModel(catalog: Catalog): SdmxModel {
  const dimensions = catalog.breakdownDimensions ?? [];
  const indicators = catalog.indicators ?? [];
  const units = catalog.unitsOfMeasure ?? [];

  // Breakdown codes found in the data (per dataset) that the hub has no label for are exchanged as they are.
  const seen = new Map<string, Set<string>>();
  for (const indicator of indicators) {
    for (const d of indicator.datasets) {
      for (const key of d.breakdownKeys) {
        for (const [dimension, code] of Object.entries(parseBreakdownKey(key))) {
          if (!seen.has(dimension)) seen.set(dimension, new Set());
          seen.get(dimension)!.add(code);
        }
      }
    }
  }
  // One SDMX dimension per concept: hub dimensions that share one (speed and skill: COMPOSITE_BREAKDOWN) share its list.
  const byConcept = new Map<string, typeof dimensions>();
  for (const dimension of dimensions)
    byConcept.set(dimension.sdmxConcept, [...(byConcept.get(dimension.sdmxConcept) ?? []), dimension]);
  const breakdownCodelists: Codelist[] = [];
  const breakdownDimensions: Dimension[] = [];
  for (const [concept, members] of byConcept) {
    const codes: Code[] = [];
    const breakdown = members.map((dimension) => {
      const sdmxOf = new Map<string, string>();
      for (const c of dimension.codes) {
        sdmxOf.set(c.code, c.sdmxCode);
        if (!codes.some((k) => k.id === c.sdmxCode)) codes.push({ id: c.sdmxCode, name: c.label });
      }
      for (const code of [...(seen.get(dimension.name) ?? [])].sort()) {
        if (!sdmxOf.has(code) && SDMX_ID.test(code)) {
          sdmxOf.set(code, code);
          if (!codes.some((k) => k.id === code)) codes.push({ id: code, name: code });
        }
      }
      return { name: dimension.name, sdmxOf };
    });
    if (!codes.some((k) => k.id === TOTAL)) codes.unshift({ id: TOTAL, name: "Total" });
    const name = members
      .map((m, i) => (i === 0 ? m.label : m.label.charAt(0).toLowerCase() + m.label.slice(1)))
      .join(" or ");
    breakdownCodelists.push({ id: `CL_${concept}`, name, codes });
    breakdownDimensions.push({
      id: concept,
      name,
      codelist: `CL_${concept}`,
      breakdown,
      ...(members.every((m) => !m.codes.some((c) => c.isTotal)) ? { withoutTotal: true } : {}),
    });
  }
  // Those without a total follow the others (the order of the key is the order of the catalog otherwise).
  breakdownDimensions.sort((a, b) => Number(a.withoutTotal ?? false) - Number(b.withoutTotal ?? false));

  const codelists: Codelist[] = [
    { id: "CL_FREQ", name: "Frequency", codes: [{ id: "A", name: "Annual" }] },
    {
      id: "CL_SERIES",
      name: "Indicator (statistical series)",
      codes: indicators.map((i) => ({
        id: seriesCodeOf(i),
        name: i.name,
        aliases: seriesCodeOf(i) === i.code ? [] : [i.code],
      })),
    },
    {
      id: "CL_AREA",
      name: "Reference area (UN M49)",
      codes: (catalog.economies ?? []).map((e) => ({
        id: e.m49,
        name: e.name,
        aliases: [e.code, ...(e.iso3 && e.iso3 !== e.code ? [e.iso3] : [])],
      })),
    },
    ...breakdownCodelists,
    { id: "CL_UNIT_MEASURE", name: "Unit of measure", codes: units.map((u) => ({ id: u.sdmxCode, name: u.unit })) },
    {
      id: "CL_OBS_STATUS",
      name: "Observation status (nature of the figure, UN SDG database)",
      codes: (catalog.observationNatures ?? []).map((n) => ({ id: n.code, name: n.label })),
    },
  ];

  const attributes: Attribute[] = [
    { id: "UNIT_MEASURE", name: "Unit of measure", codelist: "CL_UNIT_MEASURE" },
    { id: "OBS_STATUS", name: "Observation status (nature)", codelist: "CL_OBS_STATUS" },
    { id: "COMMENT_OBS", name: "Comment (footnote of the source)", codelist: null },
  ];
  const fixed: Dimension[] = [
    { id: "FREQ", name: "Frequency", codelist: "CL_FREQ" },
    { id: "SERIES", name: "Indicator (statistical series)", codelist: "CL_SERIES" },
    { id: "REF_AREA", name: "Reference area", codelist: "CL_AREA" },
  ];
  const concepts: Concept[] = [...fixed, ...breakdownDimensions, TIME_DIMENSION, PRIMARY_MEASURE, ...attributes].map(
    ({ id, name }) => ({ id, name }),
  );

  const dataflows: Dataflow[] = (catalog.datasets ?? []).map((dataset) => {
    const published = indicators.flatMap((i) => {
      const served = i.datasets.find((d) => d.dataset?.id === dataset.id);
      return served ? [{ indicator: i, served }] : [];
    });
    const used = new Set(
      published.flatMap(({ served }) => served.breakdownKeys.flatMap((key) => Object.keys(parseBreakdownKey(key)))),
    );
    return {
      id: dataset.id,
      name: dataset.title,
      description: `${dataset.publisher}. Licence: ${dataset.licence}. ${dataset.citation}`,
      dsd: `DSD_${dataset.id}`,
      dataset,
      dimensions: [...fixed, ...breakdownDimensions.filter((d) => d.breakdown!.some((b) => used.has(b.name)))],
      indicators: published.map(({ indicator }) => ({
        code: indicator.code,
        series: seriesCodeOf(indicator),
        unit: indicator.unit,
      })),
      releases: dataset.releases.edges.map((e) => e.node).sort((a, b) => a.number - b.number),
    };
  });

  const unitSdmx = new Map<string, string>();
  for (const u of units) {
    unitSdmx.set(u.code, u.sdmxCode);
    unitSdmx.set(u.unit, u.sdmxCode);
  }
  return { dataflows, codelists, concepts, attributes, unitSdmx };
}
