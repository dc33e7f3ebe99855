import { connectionTypes, type Connection } from "@wsis/shared";
import { Report } from "./report.entity";

/** The page types of `reports` (their names and texts as served from the start). */
export const ReportPage = connectionTypes(Report, {
  connection: "ReportConnection",
  edge: "ReportEdge",
  pageInfo: "ReportPageInfo",
  description: "A page of reports in catalogue order, with the number of reports matching the filter",
  edgeDescription: "A report and the cursor to resume after it",
  cursorDescription: "Opaque; pass as `after` to get the reports that follow",
  pageInfoDescription: "Where a page of reports ends",
  endCursorDescription: "Cursor of the last edge; null for an empty page",
  totalCountDescription: "How many reports match the filter (all pages)",
});
export type ReportConnection = Connection<Report>;
