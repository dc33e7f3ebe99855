/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** COUNTRY: a country or area (ISO 3166-1, or Kosovo); AGGREGATE: an M49 region or group (World, SDG regions, LDCs...) */
export type EconomyKind =
  | 'AGGREGATE'
  | 'COUNTRY';

/** What kind of meeting or activity an event is */
export type EventKind =
  /** An assembly of an ITU Sector, e.g. the Radiocommunication Assembly */
  | 'ASSEMBLY'
  /** An award ceremony, e.g. the WSIS Prizes ceremony */
  | 'CEREMONY'
  /** A treaty or policy conference, e.g. WTDC or the ITU Plenipotentiary Conference */
  | 'CONFERENCE'
  /** A series of consultations, e.g. the WSIS regional reviews */
  | 'CONSULTATION'
  /** A multistakeholder forum, e.g. the annual WSIS Forum */
  | 'FORUM'
  /** A high-level meeting of the UN General Assembly */
  | 'HIGH_LEVEL_MEETING'
  /** A meeting of a group, e.g. UNGIS */
  | 'MEETING'
  /** Work during a period towards a later meeting, not a meeting itself */
  | 'PREPARATORY_PROCESS'
  /** A session of a UN commission, e.g. the UN Statistical Commission or the CSTD */
  | 'SESSION'
  /** A contribution to be submitted to another process (e.g. the HLPF), not a meeting */
  | 'SUBMISSION';

/** Whether an event takes place, took place, or will not (see `statusSource` for the record that says so) */
export type EventStatus =
  /** Cancelled by an organising agency (see `cancelledReason`) */
  | 'CANCELLED'
  /** Took place: a public record says so (see `statusSource`) */
  | 'HELD'
  /** Put off to a later date, as a public record says (see `statusSource`) */
  | 'POSTPONED'
  /** Takes place as listed; for a past event: no record saying that it took place has been found */
  | 'SCHEDULED';

/** Selects one breakdown: the dimensions given take these codes, the others are at their total. Empty selects the total. */
export type ObservationBreakdownInput = {
  /** ALLAGE (or TOTAL), LT15Y, 15_24, 25_74, 75 */
  age?: string | null | undefined;
  /** Education level: PRIMAR, LOWSEC, UPPSEC, SECOND (no total: TOTAL is BAD_USER_INPUT) */
  educationLevel?: string | null | undefined;
  /** ALLAREA (or TOTAL), URBAN, RURAL */
  location?: string | null | undefined;
  /** BOTHSEX (or TOTAL), FEMALE, MALE */
  sex?: string | null | undefined;
  /** Type of ICT skill: ARSP, CMFL, COPA, EMAIL, EPRS, INST, PCPR, PRVCY, SCRTY, SOFT, TRAF, VRFY (no total: TOTAL is BAD_USER_INPUT) */
  skill?: string | null | undefined;
  /** ANYS (or TOTAL), 256KT2MBPS, 2MT10MBPS, 10MBPS */
  speed?: string | null | undefined;
};

/** Workflow state: PLANNED → DRAFTING → SUBMITTED → PUBLISHED; SUBMITTED → DRAFTING (returned for revision); PLANNED, DRAFTING or SUBMITTED → WITHDRAWN. PUBLISHED and WITHDRAWN are final. */
export type ReportStatus =
  | 'DRAFTING'
  | 'PLANNED'
  | 'PUBLISHED'
  | 'SUBMITTED'
  | 'WITHDRAWN';

export type DashboardIndicatorsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardIndicatorsQuery = { indicators: Array<{ code: string, name: string, unit: string, dimensions: Array<{ dimension: string, codes: Array<string> }>, defaultDataset: { id: string, title: string, latestRelease: { number: number, publishedAt: string } | null } | null }> | null };

export type DashboardEconomiesQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardEconomiesQuery = { economies: Array<{ code: string, m49: string, name: string, kind: EconomyKind }> | null };

export type DashboardMapQueryVariables = Exact<{
  indicator: string;
  dataset?: string | null | undefined;
  release?: number | null | undefined;
  breakdown?: ObservationBreakdownInput | null | undefined;
  minYear?: number | null | undefined;
  maxYear?: number | null | undefined;
}>;


export type DashboardMapQuery = { latestObservations: Array<{ year: number, value: number, valueText: string, unit: string, economy: { code: string, m49: string, name: string } | null, breakdown: { key: string, label: string }, dataset: { id: string, title: string, publisher: string } | null }> | null };

export type DashboardSeriesQueryVariables = Exact<{
  indicator: string;
  economies: Array<string> | string;
  fromYear?: number | null | undefined;
  toYear?: number | null | undefined;
  dataset?: string | null | undefined;
  release?: number | null | undefined;
  breakdown?: ObservationBreakdownInput | null | undefined;
}>;


export type DashboardSeriesQuery = { series: Array<{ economy: { code: string, name: string, kind: EconomyKind }, points: Array<{ year: number, value: number, valueText: string, breakdown: { key: string, label: string }, dataset: { id: string, title: string } | null }> }> | null };

export type DashboardRegionalFigureQueryVariables = Exact<{
  indicator: string;
  region: string;
  year: number;
  dataset?: string | null | undefined;
  breakdown?: ObservationBreakdownInput | null | undefined;
}>;


export type DashboardRegionalFigureQuery = { regionalFigures: { year: number, region: { code: string, name: string } | null, computed: { value: number | null, count: number | null, coverage: number | null, method: string } | null } | null };

export type DashboardProfileQueryVariables = Exact<{
  code: string;
}>;


export type DashboardProfileQuery = { economy: { code: string, m49: string, name: string, kind: EconomyKind, region: string | null, subRegion: string | null, latestValues: Array<{ year: number, value: number, valueText: string, unit: string, indicator: { code: string, name: string } | null, dataset: { id: string, title: string } | null }>, events: Array<{ id: string, title: string, startDate: string, status: EventStatus }> | null, reports: Array<{ id: string, title: string, status: ReportStatus }> | null } | null };

export type DashboardMatrixQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardMatrixQuery = { actionLines: Array<{ code: string, title: string, shortName: string | null, sdgLinks: Array<{ id: string, rationale: string, note: string | null, goal: { code: string } | null, target: { code: string, title: string } | null, source: { title: string, url: string | null, licence: string } | null }> }> | null, sdgGoals: Array<{ code: string, shortTitle: string, title: string }> | null };

export type DashboardTimelineQueryVariables = Exact<{
  fromYear?: number | null | undefined;
  toYear?: number | null | undefined;
}>;


export type DashboardTimelineQuery = { timeline: Array<{ year: number, events: Array<{ id: string, title: string, kind: EventKind, startDate: string, endDate: string | null, firstDay: string, lastDay: string, status: EventStatus, location: string | null, tracks: Array<{ id: string, name: string }>, reports: Array<{ id: string, title: string, status: ReportStatus }> | null }> }> | null, roadmapTracks: Array<{ id: string, name: string, position: number, source: { title: string, url: string | null } | null }> | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const DashboardIndicatorsDocument = new TypedDocumentString(`
    query DashboardIndicators {
  indicators {
    code
    name
    unit
    dimensions {
      dimension
      codes
    }
    defaultDataset {
      id
      title
      latestRelease {
        number
        publishedAt
      }
    }
  }
}
    `, {"hash":"sha256:71715efff6e7a3a98e719205a36e2ca705c15561f13c881fa84e2fc76e80e4ba"}) as unknown as TypedDocumentString<DashboardIndicatorsQuery, DashboardIndicatorsQueryVariables>;
export const DashboardEconomiesDocument = new TypedDocumentString(`
    query DashboardEconomies {
  economies {
    code
    m49
    name
    kind
  }
}
    `, {"hash":"sha256:bef6a97ee668242e6b3be2ed0ac77a2e3282bf7c0e0eb27a38b9332418ec87a0"}) as unknown as TypedDocumentString<DashboardEconomiesQuery, DashboardEconomiesQueryVariables>;
export const DashboardMapDocument = new TypedDocumentString(`
    query DashboardMap($indicator: String!, $dataset: String, $release: Int, $breakdown: ObservationBreakdownInput, $minYear: Int, $maxYear: Int) {
  latestObservations(
    indicator: $indicator
    kind: COUNTRY
    dataset: $dataset
    release: $release
    breakdown: $breakdown
    minYear: $minYear
    maxYear: $maxYear
  ) {
    year
    value
    valueText
    unit
    economy {
      code
      m49
      name
    }
    breakdown {
      key
      label
    }
    dataset {
      id
      title
      publisher
    }
  }
}
    `, {"hash":"sha256:b30aecbf0b2fedba9d69580b6da31784fb48358909a999f80f1368b17e77ceb0"}) as unknown as TypedDocumentString<DashboardMapQuery, DashboardMapQueryVariables>;
export const DashboardSeriesDocument = new TypedDocumentString(`
    query DashboardSeries($indicator: String!, $economies: [String!]!, $fromYear: Int, $toYear: Int, $dataset: String, $release: Int, $breakdown: ObservationBreakdownInput) {
  series(
    indicator: $indicator
    economies: $economies
    fromYear: $fromYear
    toYear: $toYear
    dataset: $dataset
    release: $release
    breakdown: $breakdown
  ) {
    economy {
      code
      name
      kind
    }
    points {
      year
      value
      valueText
      breakdown {
        key
        label
      }
      dataset {
        id
        title
      }
    }
  }
}
    `, {"hash":"sha256:0a948c2dfa6aa6dcb745e358b49c2453a99a9bf83ea6984f638e80eed16b6b66"}) as unknown as TypedDocumentString<DashboardSeriesQuery, DashboardSeriesQueryVariables>;
export const DashboardRegionalFigureDocument = new TypedDocumentString(`
    query DashboardRegionalFigure($indicator: String!, $region: String!, $year: Int!, $dataset: String, $breakdown: ObservationBreakdownInput) {
  regionalFigures(
    indicator: $indicator
    region: $region
    year: $year
    dataset: $dataset
    breakdown: $breakdown
  ) {
    year
    region {
      code
      name
    }
    computed {
      value
      count
      coverage
      method
    }
  }
}
    `, {"hash":"sha256:02c609822bd649b7e009d1baf264fb4da5c83397ce15ef94c2271c9d562137d5"}) as unknown as TypedDocumentString<DashboardRegionalFigureQuery, DashboardRegionalFigureQueryVariables>;
export const DashboardProfileDocument = new TypedDocumentString(`
    query DashboardProfile($code: String!) {
  economy(code: $code) {
    code
    m49
    name
    kind
    region
    subRegion
    latestValues {
      year
      value
      valueText
      unit
      indicator {
        code
        name
      }
      dataset {
        id
        title
      }
    }
    events {
      id
      title
      startDate
      status
    }
    reports {
      id
      title
      status
    }
  }
}
    `, {"hash":"sha256:f6cd16ad3ccd0c67a79cf3a60229f33172277e8b87b975e1c86ab79b1fb5c2ca"}) as unknown as TypedDocumentString<DashboardProfileQuery, DashboardProfileQueryVariables>;
export const DashboardMatrixDocument = new TypedDocumentString(`
    query DashboardMatrix {
  actionLines {
    code
    title
    shortName
    sdgLinks {
      id
      rationale
      note
      goal {
        code
      }
      target {
        code
        title
      }
      source {
        title
        url
        licence
      }
    }
  }
  sdgGoals {
    code
    shortTitle
    title
  }
}
    `, {"hash":"sha256:69d12081465f2218b7c4d85fb967b58459e18eabf123702871cb65465fbed3f4"}) as unknown as TypedDocumentString<DashboardMatrixQuery, DashboardMatrixQueryVariables>;
export const DashboardTimelineDocument = new TypedDocumentString(`
    query DashboardTimeline($fromYear: Int, $toYear: Int) {
  timeline(fromYear: $fromYear, toYear: $toYear) {
    year
    events {
      id
      title
      kind
      startDate
      endDate
      firstDay
      lastDay
      status
      location
      tracks {
        id
        name
      }
      reports {
        id
        title
        status
      }
    }
  }
  roadmapTracks {
    id
    name
    position
    source {
      title
      url
    }
  }
}
    `, {"hash":"sha256:9b5fcf7f629800b4efa00dc53d37adc4ef92c1739d31cf296999bf48b8756e27"}) as unknown as TypedDocumentString<DashboardTimelineQuery, DashboardTimelineQueryVariables>;