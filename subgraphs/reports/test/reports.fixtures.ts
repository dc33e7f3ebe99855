import { readFileSync } from "node:fs";
import path from "node:path";
import { subgraphForThisFile } from "@wsis/shared/testing";
import { parse } from "csv-parse/sync";
import { reportsModule } from "../src/module";

// What the reports tests share (reports*.integration.test.ts): the data files they compare with, the fields they read,
// and a subgraph started for the test file.

export const dataDir = path.join(__dirname, "../data");
export const actionLineRows = parse(readFileSync(path.join(dataDir, "wsis_action_lines.csv"), "utf8"), {
  columns: true,
}) as Array<Record<string, string>>;
export const roadmap = readFileSync(path.join(dataDir, "itu-council-2022-wsis20-roadmap.txt"), "utf8").replace(
  /\s+/g,
  " ",
);

/** The facilitators the data file lists for an action line (C7: its sub-lines, in order, without repeats). */
export function facilitatorsOf(code: string): string[] {
  const ids = actionLineRows
    .filter((r) => r.action_line === code)
    .flatMap((r) => r.facilitators_tunis_annex_UNVERIFIED.split(";").map((s) => s.trim()))
    .map((name) => (name === "UN Regional Commissions" ? "UNRC" : name));
  return [...new Set(ids)];
}

export const LINES = ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11"];

export interface ReportNode {
  id: string;
  title: string;
  kind: string;
  status: string;
  catalogueText: string;
  coordinators: Array<{ id: string }>;
  coordinatorsVerified: boolean | null;
  actionLines: Array<{ code: string }>;
  dueDate: unknown;
  submittedDate: unknown;
  publishedDate: unknown;
  stakeholderGroup: string | null;
  economy: { code: string } | null;
  source: { id: string } | null;
}
export const NODE_FIELDS =
  "id title kind status catalogueText coordinators { id } coordinatorsVerified actionLines { code } dueDate { value } submittedDate { value } publishedDate { value } stakeholderGroup economy { code } source { id }";

/** The reports subgraph for the calling test file, and `allReports(filter)`: every report of a filter, in one page. */
export function reportsSubgraph() {
  const sg = subgraphForThisFile(reportsModule);
  async function allReports(filter = "{}"): Promise<ReportNode[]> {
    const res = await sg.query<{ reports: { edges: Array<{ node: ReportNode }>; totalCount: number } }>(
      `{ reports(filter: ${filter}, first: 100) { totalCount edges { node { ${NODE_FIELDS} } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.reports.edges).toHaveLength(res.data!.reports.totalCount);
    return res.data!.reports.edges.map((e) => e.node);
  }
  return { sg, allReports };
}
