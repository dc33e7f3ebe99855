import type { Client, GraphQLErrorShape } from "./api";
import type { CsvTable } from "./csv";
import type { DashboardEconomiesQuery, DashboardIndicatorsQuery } from "./gql/graphql";
import type { DashboardState } from "./state";

export type IndicatorInfo = NonNullable<DashboardIndicatorsQuery["indicators"]>[number];
export type EconomyInfo = NonNullable<DashboardEconomiesQuery["economies"]>[number];

/** What every view may use: the client, the catalogues (read once), and navigation. */
export interface ViewContext {
  client: Client;
  indicators(): Promise<IndicatorInfo[]>;
  economies(): Promise<EconomyInfo[]>;
  /** Goes to another state (pushes it to the history) and renders it. */
  navigate(changes: Partial<DashboardState>): void;
  /** Width available to the chart, in pixels. */
  width: number;
}

/** One operation a view sent, as a reader can re-send it ("copy the GraphQL query"). */
export interface SentOperation {
  query: string;
  variables: Record<string, unknown>;
}

/** What a view renders: its chart, the table of the same data, its CSV, its queries and what an embed pins. */
export interface ViewOutput {
  title: string;
  /** One line under the title: what is shown and where it comes from. */
  subtitle?: string;
  chart: Element;
  /** The data behind the chart, as a table (also the keyboard and screen-reader way to read it). */
  table: HTMLTableElement;
  /** More tables or panels below (a selected cell's links, an event's reports, an economy's events). */
  details?: Element;
  csv: CsvTable;
  operations: SentOperation[];
  /** The dataset release the figures were read from: embeds are pinned to it. */
  pin?: { dataset: string; release: number };
  /** Why an embed of this view cannot be pinned, when it cannot. */
  pinNote?: string;
  /** Partial failures (a subgraph down): shown above the chart. */
  errors?: readonly GraphQLErrorShape[];
  /** Lines of provenance under the chart (sources, licences). */
  sources: string[];
}

export interface ViewModule {
  /** The controls of the view (pickers), built from the state; they call `navigate`. */
  controls(state: DashboardState, context: ViewContext): Promise<HTMLElement>;
  render(state: DashboardState, context: ViewContext): Promise<ViewOutput>;
}
