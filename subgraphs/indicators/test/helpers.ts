import { readFileSync } from "node:fs";
import path from "node:path";
import type { TestSubgraph } from "@wsis/shared/testing";
import { parse } from "csv-parse/sync";

/** Parses a shipped data file on its own, without the seed's code. */
export const dataFile = (name: string) =>
  parse(readFileSync(path.join(__dirname, "../data", name), "utf8"), { columns: true, bom: true }) as Array<Record<string, string>>;

export interface ServedObservation {
  economy: { code: string; m49: string };
  year: number;
  value: number;
  valueText: string;
  nature: string | null;
  unitCode: string | null;
  breakdown: { sex: string | null; speed: string | null; age: string | null; location: string | null };
}

const PAGE = `query($f: ObservationFilter!, $after: String) {
  observations(filter: $f, first: 1000, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { economy { code m49 } year value valueText nature unitCode breakdown { sex speed age location } } }
  }
}`;

/** Every observation of a filter, paging through the API 1000 at a time; also returns the totalCount it reports. */
export async function allObservations(
  sg: TestSubgraph<unknown>,
  filter: Record<string, unknown>,
): Promise<{ nodes: ServedObservation[]; totalCount: number; pages: number }> {
  const nodes: ServedObservation[] = [];
  let after: string | null = null;
  let totalCount = -1;
  let pages = 0;
  for (;;) {
    const res: Awaited<ReturnType<typeof sg.query>> = await sg.query(PAGE, { f: filter, after });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    const page = (res.data as {
      observations: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: ServedObservation }> };
    }).observations;
    pages += 1;
    totalCount = page.totalCount;
    nodes.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { nodes, totalCount, pages };
}
