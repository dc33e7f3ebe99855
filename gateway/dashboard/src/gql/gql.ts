/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query DashboardIndicators {\n    indicators {\n      code\n      name\n      unit\n      dimensions { dimension codes }\n      defaultDataset { id title latestRelease { number publishedAt } }\n    }\n  }\n": typeof types.DashboardIndicatorsDocument,
    "\n  query DashboardEconomies {\n    economies { code m49 name kind }\n  }\n": typeof types.DashboardEconomiesDocument,
    "\n  query DashboardMap(\n    $indicator: String!\n    $dataset: String\n    $release: Int\n    $breakdown: ObservationBreakdownInput\n    $minYear: Int\n    $maxYear: Int\n  ) {\n    latestObservations(\n      indicator: $indicator\n      kind: COUNTRY\n      dataset: $dataset\n      release: $release\n      breakdown: $breakdown\n      minYear: $minYear\n      maxYear: $maxYear\n    ) {\n      year\n      value\n      valueText\n      unit\n      economy { code m49 name }\n      breakdown { key label }\n      dataset { id title publisher }\n    }\n  }\n": typeof types.DashboardMapDocument,
    "\n  query DashboardSeries(\n    $indicator: String!\n    $economies: [String!]!\n    $fromYear: Int\n    $toYear: Int\n    $dataset: String\n    $release: Int\n    $breakdown: ObservationBreakdownInput\n  ) {\n    series(indicator: $indicator, economies: $economies, fromYear: $fromYear, toYear: $toYear, dataset: $dataset, release: $release, breakdown: $breakdown) {\n      economy { code name kind }\n      points { year value valueText breakdown { key label } dataset { id title } }\n    }\n  }\n": typeof types.DashboardSeriesDocument,
    "\n  query DashboardRegionalFigure($indicator: String!, $region: String!, $year: Int!, $dataset: String, $breakdown: ObservationBreakdownInput) {\n    regionalFigures(indicator: $indicator, region: $region, year: $year, dataset: $dataset, breakdown: $breakdown) {\n      year\n      region { code name }\n      computed { value count coverage method }\n    }\n  }\n": typeof types.DashboardRegionalFigureDocument,
    "\n  query DashboardProfile($code: String!) {\n    economy(code: $code) {\n      code\n      m49\n      name\n      kind\n      region\n      subRegion\n      latestValues {\n        year\n        value\n        valueText\n        unit\n        indicator { code name }\n        dataset { id title }\n      }\n      events { id title startDate status }\n      reports { id title status }\n    }\n  }\n": typeof types.DashboardProfileDocument,
    "\n  query DashboardMatrix {\n    actionLines {\n      code\n      title\n      shortName\n      sdgLinks {\n        id\n        rationale\n        note\n        goal { code }\n        target { code title }\n        source { title url licence }\n      }\n    }\n    sdgGoals { code shortTitle title }\n  }\n": typeof types.DashboardMatrixDocument,
    "\n  query DashboardTimeline($fromYear: Int, $toYear: Int) {\n    timeline(fromYear: $fromYear, toYear: $toYear) {\n      year\n      events {\n        id\n        title\n        kind\n        startDate\n        endDate\n        firstDay\n        lastDay\n        status\n        location\n        tracks { id name }\n        reports { id title status }\n      }\n    }\n    roadmapTracks { id name position source { title url } }\n  }\n": typeof types.DashboardTimelineDocument,
};
const documents: Documents = {
    "\n  query DashboardIndicators {\n    indicators {\n      code\n      name\n      unit\n      dimensions { dimension codes }\n      defaultDataset { id title latestRelease { number publishedAt } }\n    }\n  }\n": types.DashboardIndicatorsDocument,
    "\n  query DashboardEconomies {\n    economies { code m49 name kind }\n  }\n": types.DashboardEconomiesDocument,
    "\n  query DashboardMap(\n    $indicator: String!\n    $dataset: String\n    $release: Int\n    $breakdown: ObservationBreakdownInput\n    $minYear: Int\n    $maxYear: Int\n  ) {\n    latestObservations(\n      indicator: $indicator\n      kind: COUNTRY\n      dataset: $dataset\n      release: $release\n      breakdown: $breakdown\n      minYear: $minYear\n      maxYear: $maxYear\n    ) {\n      year\n      value\n      valueText\n      unit\n      economy { code m49 name }\n      breakdown { key label }\n      dataset { id title publisher }\n    }\n  }\n": types.DashboardMapDocument,
    "\n  query DashboardSeries(\n    $indicator: String!\n    $economies: [String!]!\n    $fromYear: Int\n    $toYear: Int\n    $dataset: String\n    $release: Int\n    $breakdown: ObservationBreakdownInput\n  ) {\n    series(indicator: $indicator, economies: $economies, fromYear: $fromYear, toYear: $toYear, dataset: $dataset, release: $release, breakdown: $breakdown) {\n      economy { code name kind }\n      points { year value valueText breakdown { key label } dataset { id title } }\n    }\n  }\n": types.DashboardSeriesDocument,
    "\n  query DashboardRegionalFigure($indicator: String!, $region: String!, $year: Int!, $dataset: String, $breakdown: ObservationBreakdownInput) {\n    regionalFigures(indicator: $indicator, region: $region, year: $year, dataset: $dataset, breakdown: $breakdown) {\n      year\n      region { code name }\n      computed { value count coverage method }\n    }\n  }\n": types.DashboardRegionalFigureDocument,
    "\n  query DashboardProfile($code: String!) {\n    economy(code: $code) {\n      code\n      m49\n      name\n      kind\n      region\n      subRegion\n      latestValues {\n        year\n        value\n        valueText\n        unit\n        indicator { code name }\n        dataset { id title }\n      }\n      events { id title startDate status }\n      reports { id title status }\n    }\n  }\n": types.DashboardProfileDocument,
    "\n  query DashboardMatrix {\n    actionLines {\n      code\n      title\n      shortName\n      sdgLinks {\n        id\n        rationale\n        note\n        goal { code }\n        target { code title }\n        source { title url licence }\n      }\n    }\n    sdgGoals { code shortTitle title }\n  }\n": types.DashboardMatrixDocument,
    "\n  query DashboardTimeline($fromYear: Int, $toYear: Int) {\n    timeline(fromYear: $fromYear, toYear: $toYear) {\n      year\n      events {\n        id\n        title\n        kind\n        startDate\n        endDate\n        firstDay\n        lastDay\n        status\n        location\n        tracks { id name }\n        reports { id title status }\n      }\n    }\n    roadmapTracks { id name position source { title url } }\n  }\n": types.DashboardTimelineDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardIndicators {\n    indicators {\n      code\n      name\n      unit\n      dimensions { dimension codes }\n      defaultDataset { id title latestRelease { number publishedAt } }\n    }\n  }\n"): typeof import('./graphql').DashboardIndicatorsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardEconomies {\n    economies { code m49 name kind }\n  }\n"): typeof import('./graphql').DashboardEconomiesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardMap(\n    $indicator: String!\n    $dataset: String\n    $release: Int\n    $breakdown: ObservationBreakdownInput\n    $minYear: Int\n    $maxYear: Int\n  ) {\n    latestObservations(\n      indicator: $indicator\n      kind: COUNTRY\n      dataset: $dataset\n      release: $release\n      breakdown: $breakdown\n      minYear: $minYear\n      maxYear: $maxYear\n    ) {\n      year\n      value\n      valueText\n      unit\n      economy { code m49 name }\n      breakdown { key label }\n      dataset { id title publisher }\n    }\n  }\n"): typeof import('./graphql').DashboardMapDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardSeries(\n    $indicator: String!\n    $economies: [String!]!\n    $fromYear: Int\n    $toYear: Int\n    $dataset: String\n    $release: Int\n    $breakdown: ObservationBreakdownInput\n  ) {\n    series(indicator: $indicator, economies: $economies, fromYear: $fromYear, toYear: $toYear, dataset: $dataset, release: $release, breakdown: $breakdown) {\n      economy { code name kind }\n      points { year value valueText breakdown { key label } dataset { id title } }\n    }\n  }\n"): typeof import('./graphql').DashboardSeriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardRegionalFigure($indicator: String!, $region: String!, $year: Int!, $dataset: String, $breakdown: ObservationBreakdownInput) {\n    regionalFigures(indicator: $indicator, region: $region, year: $year, dataset: $dataset, breakdown: $breakdown) {\n      year\n      region { code name }\n      computed { value count coverage method }\n    }\n  }\n"): typeof import('./graphql').DashboardRegionalFigureDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardProfile($code: String!) {\n    economy(code: $code) {\n      code\n      m49\n      name\n      kind\n      region\n      subRegion\n      latestValues {\n        year\n        value\n        valueText\n        unit\n        indicator { code name }\n        dataset { id title }\n      }\n      events { id title startDate status }\n      reports { id title status }\n    }\n  }\n"): typeof import('./graphql').DashboardProfileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardMatrix {\n    actionLines {\n      code\n      title\n      shortName\n      sdgLinks {\n        id\n        rationale\n        note\n        goal { code }\n        target { code title }\n        source { title url licence }\n      }\n    }\n    sdgGoals { code shortTitle title }\n  }\n"): typeof import('./graphql').DashboardMatrixDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardTimeline($fromYear: Int, $toYear: Int) {\n    timeline(fromYear: $fromYear, toYear: $toYear) {\n      year\n      events {\n        id\n        title\n        kind\n        startDate\n        endDate\n        firstDay\n        lastDay\n        status\n        location\n        tracks { id name }\n        reports { id title status }\n      }\n    }\n    roadmapTracks { id name position source { title url } }\n  }\n"): typeof import('./graphql').DashboardTimelineDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
