import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import {
  type DownloadIndex,
  type DownloadMetadata,
  type DownloadObservation,
  INDEX_QUERY,
  METADATA_QUERY,
  PAGE_QUERY,
} from "../src/downloads/downloads.queries";
import { downloadsRouter } from "../src/downloads/downloads.route";
import type { ExecutePublic, PublicGraphResult } from "../src/public-graph";

// The fake public graph and the data the downloads tests share (downloads-*.test.ts).

// ---- a fake public graph that serves pages of observations --------------------------------------------------------

/** Observations as the graph serves them; the first values are real (UN SDG database, IT_USE_ii99), the rest repeat them. */
export const REAL: Array<Pick<DownloadObservation, "economy" | "year" | "valueText">> = [
  { economy: { code: "BRA", m49: "076", name: "Brazil", kind: "COUNTRY" }, year: 2010, valueText: "40.65" },
  { economy: { code: "IND", m49: "356", name: "India", kind: "COUNTRY" }, year: 2010, valueText: "7.5" },
  { economy: { code: "KEN", m49: "404", name: "Kenya", kind: "COUNTRY" }, year: 2010, valueText: "7.2" },
  {
    economy: { code: "BES", m49: "535", name: "Bonaire, Sint Eustatius and Saba", kind: "COUNTRY" },
    year: 2010,
    valueText: "0.0000005",
  },
  {
    economy: { code: "PRK", m49: "408", name: "Korea (Democratic People's Republic of)", kind: "COUNTRY" },
    year: 2010,
    valueText: "0",
  },
  { economy: { code: "CIV", m49: "384", name: 'Côte d"Ivoire', kind: "COUNTRY" }, year: 2010, valueText: "2.7" },
];

export function observations(n: number): DownloadObservation[] {
  return Array.from({ length: n }, (_, i) => ({
    ...REAL[i % REAL.length],
    year: 2000 + (i % 23),
    indicator: { code: "internet_users_pct" },
    unit: "% of population",
    breakdown: {
      key: i % 3 === 1 ? "sex=FEMALE" : "_T",
      label: i % 3 === 1 ? "Female" : "Total",
      sex: i % 3 === 1 ? "FEMALE" : "BOTHSEX",
      age: null,
      speed: null,
      location: null,
    },
    nature: "C",
    natureLabel: "Country data",
    footnote: i === 7 ? '=SUM(A1:A9), note with a "quote"\nand a line break' : null,
    dataset: { id: "unsd-sdg-2023-12" },
  }));
}

export type Call = { query: string; variables: Record<string, unknown> };

export interface FakeGraph {
  execute: ExecutePublic;
  calls: Call[];
}

export function fakeGraph(
  rows: DownloadObservation[],
  options: {
    failAfter?: string;
    gate?: { after: string; open: Promise<void> };
    errors?: PublicGraphResult<unknown>["errors"];
    metadata?: DownloadMetadata["indicator"];
    index?: DownloadIndex;
  } = {},
): FakeGraph {
  const calls: Call[] = [];
  const execute = (async (query: string, variables: Record<string, unknown> = {}) => {
    calls.push({ query, variables });
    if (options.errors) return { data: null, errors: options.errors };
    if (query === METADATA_QUERY)
      return { data: { indicator: options.metadata ?? null, economies: options.metadata ? ECONOMIES : [] } };
    if (query === INDEX_QUERY) return { data: options.index ?? { indicators: [], datasets: [] } };
    if (query !== PAGE_QUERY) throw new Error("unexpected query");
    const after = (variables.after as string | null) ?? null;
    if (options.gate && after === options.gate.after) await options.gate.open;
    if (options.failAfter !== undefined && after === options.failAfter)
      return {
        data: null,
        errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }],
      };
    const start = after === null ? 0 : Number(after);
    const first = variables.first as number;
    const end = Math.min(rows.length, start + first);
    return {
      data: {
        observations: {
          ...(variables.withCount ? { totalCount: rows.length } : {}),
          pageInfo: { hasNextPage: end < rows.length, endCursor: end > start ? String(end) : null },
          edges: rows.slice(start, end).map((node) => ({ node })),
        },
      },
    };
  }) as ExecutePublic;
  return { execute, calls };
}

export async function serve(execute: ExecutePublic): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  app.use(downloadsRouter(execute));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const ECONOMIES: NonNullable<DownloadMetadata["economies"]> = [
  { code: "KEN", m49: "404", iri: "http://metadata.un.org/sdg/codes/geoArea/404" },
  { code: "XKX", m49: "412", iri: null },
];

export const METADATA: NonNullable<DownloadMetadata["indicator"]> = {
  code: "internet_users_pct",
  name: "Individuals using the Internet",
  unit: "% of population",
  definition: null,
  description: "Proportion of individuals using the Internet (%)",
  wdiCode: "IT.NET.USER.ZS",
  unsdSeriesCode: "IT_USE_ii99",
  sdgIndicators: [
    {
      code: "17.8.1",
      iri: "http://metadata.un.org/sdg/C170801",
      target: {
        code: "17.8",
        iri: "http://metadata.un.org/sdg/17.8",
        goal: { code: "17", iri: "http://metadata.un.org/sdg/17" },
      },
    },
  ],
  custodian: { id: "ITU" },
  breakdownDimensions: ["sex"],
  defaultDataset: { id: "unsd-sdg-2023-12" },
  defaultDatasetChoice: {
    rule: "The default dataset is the one whose latest complete year is the most recent.",
    reason: "only one",
  },
  datasets: [
    {
      isDefault: true,
      seriesCode: "IT_USE_ii99",
      file: "unsd_sdg_it_use_ii99.csv",
      lastUpdated: "2023-04-02",
      observationCount: 7504,
      firstYear: 2000,
      lastYear: 2022,
      source: { url: "https://github.com/open-numbers/ddf--unstats--sdg_indicators/blob/e0117e9f/x.csv" },
      dataset: {
        id: "unsd-sdg-2023-12",
        title: "UN Global SDG Indicators Database — ITU series",
        publisher: "United Nations Statistics Division",
        release: "e0117e9f (2023-12-17)",
        releaseDate: "2023-12-17",
        licence: "CC-BY-4.0",
        citation: "United Nations Statistics Division, Global SDG Indicators Database, series IT_USE_ii99 ...",
        url: "https://unstats.un.org/sdgs/dataportal",
      },
    },
    {
      isDefault: false,
      seriesCode: "IT.NET.USER.ZS",
      file: "gapminder_wdi_internet_users_2000-2024.csv",
      lastUpdated: "2025-12-08",
      observationCount: 4714,
      firstYear: 2000,
      lastYear: 2024,
      source: { url: "https://github.com/open-numbers/ddf--gapminder--systema_globalis/blob/c63631ab/y.csv" },
      dataset: {
        id: "wdi-2026-03",
        title: "World Development Indicators — ICT series",
        publisher: "World Bank; original source: ITU",
        release: "c63631ab (2026-03-01)",
        releaseDate: "2026-03-01",
        licence: "CC-BY-4.0",
        citation: "World Bank, World Development Indicators, series IT.NET.USER.ZS; original source: ITU ...",
        url: "https://databank.worldbank.org",
      },
    },
  ],
};

// ---- parameters -------------------------------------------------------------------------------------------------

export const INDEX: DownloadIndex = {
  indicators: [
    {
      code: "internet_users_pct",
      name: "Individuals using the Internet",
      unit: "% of population",
      defaultDataset: { id: "wdi-2026-03" },
      datasets: [
        { dataset: { id: "unsd-sdg-2023-12" }, firstYear: 2000, lastYear: 2022, observationCount: 7504 },
        { dataset: { id: "wdi-2026-03" }, firstYear: 2000, lastYear: 2024, observationCount: 4714 },
      ],
    },
    {
      code: "mobile_network_4g_pct",
      name: "Population covered by at least a 4G mobile network",
      unit: "% of population",
      defaultDataset: { id: "unsd-sdg-2023-12" },
      datasets: [{ dataset: { id: "unsd-sdg-2023-12" }, firstYear: 2015, lastYear: 2022, observationCount: 1894 }],
    },
  ],
  datasets: [
    {
      id: "unsd-sdg-2023-12",
      title: "UN Global SDG Indicators Database — ITU series",
      publisher: "UNSD <ITU>",
      licence: "CC-BY-4.0",
      releaseDate: "2023-12-17",
    },
    {
      id: "wdi-2026-03",
      title: "World Development Indicators — ICT series",
      publisher: "World Bank",
      licence: "CC-BY-4.0",
      releaseDate: "2026-03-01",
    },
  ],
};
