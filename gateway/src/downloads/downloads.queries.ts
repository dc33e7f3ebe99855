/** The public-graph operations the downloads are built from (the indicators subgraph's fields). */

/** Rows per page read from the graph: the largest page `observations` serves. */
export const DOWNLOAD_PAGE_SIZE = 1000;

export const PAGE_QUERY = `query DownloadObservations($filter: ObservationFilter!, $first: Int!, $after: String, $withCount: Boolean!) {
  observations(filter: $filter, first: $first, after: $after) {
    totalCount @include(if: $withCount)
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        indicator { code }
        economy { code m49 name kind }
        year
        valueText
        unit
        breakdown { key label sex age speed location }
        nature
        natureLabel
        footnote
        dataset { id }
      }
    }
  }
}`;

export interface DownloadObservation {
  indicator: { code: string } | null;
  economy: { code: string; m49: string; name: string; kind: string } | null;
  year: number;
  valueText: string;
  unit: string;
  breakdown: {
    key: string;
    label: string;
    sex: string | null;
    age: string | null;
    speed: string | null;
    location: string | null;
  };
  nature: string | null;
  natureLabel: string | null;
  footnote: string | null;
  dataset: { id: string } | null;
}

export interface DownloadPage {
  observations: {
    totalCount?: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: DownloadObservation }>;
  } | null;
}

export const METADATA_QUERY = `query DownloadMetadata($code: String!) {
  indicator(code: $code) {
    code
    name
    unit
    definition
    description
    wdiCode
    unsdSeriesCode
    sdgIndicators { code iri target { code iri goal { code iri } } }
    custodian { id }
    breakdownDimensions
    defaultDataset { id }
    defaultDatasetChoice { rule reason }
    datasets {
      isDefault
      seriesCode
      file
      lastUpdated
      observationCount
      firstYear
      lastYear
      source { url }
      dataset { id title publisher release releaseDate licence citation url }
    }
  }
  economies { code m49 iri }
}`;

export interface DownloadMetadata {
  indicator: {
    code: string;
    name: string;
    unit: string;
    definition: string | null;
    description: string | null;
    wdiCode: string | null;
    unsdSeriesCode: string | null;
    sdgIndicators: Array<{
      code: string;
      iri?: string | null;
      target?: { code: string; iri: string | null; goal: { code: string; iri: string | null } | null } | null;
    }>;
    custodian: { id: string } | null;
    breakdownDimensions: string[];
    defaultDataset: { id: string } | null;
    defaultDatasetChoice: { rule: string; reason: string };
    datasets: Array<{
      isDefault: boolean;
      seriesCode: string | null;
      file: string;
      lastUpdated: string | null;
      observationCount: number;
      firstYear: number | null;
      lastYear: number | null;
      source: { url: string | null } | null;
      dataset: {
        id: string;
        title: string;
        publisher: string;
        release: string;
        releaseDate: string | null;
        licence: string;
        citation: string;
        url: string | null;
      } | null;
    }>;
  } | null;
  /** Every economy with its M49 linked-data IRI (null where the UN publishes none): the linked data of the CSV's economy column. */
  economies?: Array<{ code: string; m49: string; iri: string | null }> | null;
}

/** Everything GET /downloads lists: the indicators with their datasets, and the datasets. */
export const INDEX_QUERY = `query DownloadIndex {
  indicators {
    code
    name
    unit
    defaultDataset { id }
    datasets { dataset { id } firstYear lastYear observationCount }
  }
  datasets { id title publisher licence releaseDate }
}`;

export interface DownloadIndex {
  indicators: Array<{
    code: string;
    name: string;
    unit: string;
    defaultDataset: { id: string } | null;
    datasets: Array<{
      dataset: { id: string } | null;
      firstYear: number | null;
      lastYear: number | null;
      observationCount: number;
    }>;
  }> | null;
  datasets: Array<{ id: string; title: string; publisher: string; licence: string; releaseDate: string | null }> | null;
}
