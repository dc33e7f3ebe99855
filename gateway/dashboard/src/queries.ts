import { graphql } from "./gql";

/*
 * Every operation the dashboard sends, typed from the public schema (npm run codegen -w @wsis/dashboard). They are sent
 * as GET with their sha256 (persisted documents), so the gateway's response cache and any CDN answer repeats.
 * Each asks for what it shows explicitly (totals or the chosen breakdown; countries only on the map) rather than
 * relying on defaults that may change.
 */

/** The indicator catalogue: pickers, units, breakdown dimensions, the release an embed is pinned to. */
export const IndicatorsQuery = graphql(`
  query DashboardIndicators {
    indicators {
      code
      name
      unit
      dimensions { dimension codes }
      defaultDataset { id title latestRelease { number publishedAt } }
    }
  }
`);

/** Every economy: countries for the series and profile pickers, aggregates for the regional series. */
export const EconomiesQuery = graphql(`
  query DashboardEconomies {
    economies { code m49 name kind }
  }
`);

/**
 * The map: the latest value of each country within the years chosen (the hub picks each economy's latest year between
 * minYear and maxYear), with its dataset (the hover names it as the source).
 */
export const MapQuery = graphql(`
  query DashboardMap(
    $indicator: String!
    $dataset: String
    $release: Int
    $breakdown: ObservationBreakdownInput
    $minYear: Int
    $maxYear: Int
  ) {
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
      economy { code m49 name }
      breakdown { key label }
      dataset { id title publisher }
    }
  }
`);

/** The series chart: one series per chosen economy or region (a region's own series is its official figure). */
export const SeriesQuery = graphql(`
  query DashboardSeries(
    $indicator: String!
    $economies: [String!]!
    $fromYear: Int
    $toYear: Int
    $dataset: String
    $release: Int
    $breakdown: ObservationBreakdownInput
  ) {
    series(indicator: $indicator, economies: $economies, fromYear: $fromYear, toYear: $toYear, dataset: $dataset, release: $release, breakdown: $breakdown) {
      economy { code name kind }
      points { year value valueText breakdown { key label } dataset { id title } }
    }
  }
`);

/** A region's figure computed by the hub over its member countries, for one year (the dashed line). */
export const RegionalFigureQuery = graphql(`
  query DashboardRegionalFigure($indicator: String!, $region: String!, $year: Int!, $dataset: String, $breakdown: ObservationBreakdownInput) {
    regionalFigures(indicator: $indicator, region: $region, year: $year, dataset: $dataset, breakdown: $breakdown) {
      year
      region { code name }
      computed { value count coverage method }
    }
  }
`);

/** The economy profile: the latest value of every indicator, and the events and reports about the economy. */
export const ProfileQuery = graphql(`
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
        indicator { code name }
        dataset { id title }
      }
      events { id title startDate status }
      reports { id title status }
    }
  }
`);

/** The WSIS–SDG matrix: every link of every action line, with its goal, target and rationale. */
export const MatrixQuery = graphql(`
  query DashboardMatrix {
    actionLines {
      code
      title
      shortName
      sdgLinks {
        id
        rationale
        note
        goal { code }
        target { code title }
        source { title url licence }
      }
    }
    sdgGoals { code shortTitle title }
  }
`);

/** The timeline: the roadmap's events by year, with their tracks, status and linked reports. */
export const TimelineQuery = graphql(`
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
        tracks { id name }
        reports { id title status }
      }
    }
    roadmapTracks { id name position source { title url } }
  }
`);
