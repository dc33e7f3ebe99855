/** The public-graph operations the SDMX API is built from (the indicators subgraph's fields): never a database. */

/** Observations per page read from the graph: the largest page `observations` serves. */
export const SDMX_PAGE_SIZE = 1000;

/** Everything the structures are derived from: datasets (the dataflows), indicators, economies and the code lists. */
export const CATALOG_QUERY = `query SdmxCatalog {
  datasets {
    id title publisher licence citation url releaseDate
    releases(first: 100) { edges { node { number publishedAt } } }
  }
  indicators {
    code name unit description unsdSeriesCode
    datasets { dataset { id } breakdownKeys }
  }
  economies { code m49 iso3 name kind }
  breakdownDimensions { name label sdmxConcept codes { code label sdmxCode isTotal } }
  observationNatures { code label }
  unitsOfMeasure { unit code sdmxCode }
}`;

export interface Catalog {
  datasets: Array<{
    id: string;
    title: string;
    publisher: string;
    licence: string;
    citation: string;
    url: string | null;
    releaseDate: string | null;
    releases: { edges: Array<{ node: { number: number; publishedAt: string } }> };
  }> | null;
  indicators: Array<{
    code: string;
    name: string;
    unit: string;
    description: string | null;
    unsdSeriesCode: string | null;
    /** Only stored fields (no count over the observations: the catalog is read on every request). */
    datasets: Array<{ dataset: { id: string } | null; breakdownKeys: string[] }>;
  }> | null;
  economies: Array<{ code: string; m49: string; iso3: string | null; name: string; kind: string }> | null;
  breakdownDimensions: Array<{
    name: string;
    label: string;
    sdmxConcept: string;
    codes: Array<{ code: string; label: string; sdmxCode: string; isTotal: boolean }>;
  }> | null;
  observationNatures: Array<{ code: string; label: string }> | null;
  unitsOfMeasure: Array<{ unit: string; code: string; sdmxCode: string }> | null;
}

/** One page of observations (first: 0 reads the count only). */
export const OBSERVATIONS_QUERY = `query SdmxObservations($filter: ObservationFilter!, $first: Int!, $after: String, $asOf: DateTimeISO, $release: Int, $withCount: Boolean!) {
  observations(filter: $filter, first: $first, after: $after, asOf: $asOf, release: $release) {
    totalCount @include(if: $withCount)
    pageInfo { hasNextPage endCursor }
    edges { node { economy { code m49 } year valueText unitCode nature footnote release breakdown { key } } }
  }
}`;

export interface GraphObservation {
  economy: { code: string; m49: string } | null;
  year: number;
  valueText: string;
  unitCode: string | null;
  nature: string | null;
  footnote: string | null;
  release: number;
  breakdown: { key: string };
}

export interface ObservationsPage {
  observations: {
    /** Only asked with the first read (a count over the whole filter; not again on every page). */
    totalCount?: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: GraphObservation }>;
  } | null;
}
