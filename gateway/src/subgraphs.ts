/** The subgraphs the gateway composes: their public names (as in the supergraph) and where they listen by default. */
export interface SubgraphEntry {
  name: string;
  /** Environment variable that overrides the URL at run time. */
  urlVariable: string;
  defaultPort: number;
}

export const SUBGRAPHS: readonly SubgraphEntry[] = [
  { name: "action-lines", urlVariable: "ACTION_LINES_URL", defaultPort: 4001 },
  { name: "events", urlVariable: "EVENTS_URL", defaultPort: 4002 },
  { name: "indicators", urlVariable: "INDICATORS_URL", defaultPort: 4003 },
  { name: "reports", urlVariable: "REPORTS_URL", defaultPort: 4004 },
];

export const defaultSubgraphUrl = (entry: SubgraphEntry) => `http://127.0.0.1:${entry.defaultPort}/graphql`;
