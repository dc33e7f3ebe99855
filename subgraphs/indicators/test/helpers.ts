import { readFileSync } from "node:fs";
import path from "node:path";
import { callerHeaders } from "@wsis/shared";
import { TEST_INTERNAL_SECRET, type TestSubgraph } from "@wsis/shared/testing";
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

/** Headers of a caller forwarded and signed by the gateway (as the gateway sends them). */
export function asCaller(scopes: string[] = ["indicators:publish"], agency = "ITU", subject = "statistician@itu.int"): Record<string, string> {
  return callerHeaders({ agency, subject, scopes }, TEST_INTERNAL_SECRET);
}

/**
 * Counts and checksums of every table a publication writes: the current values, their history, the releases, the
 * sources, the idempotency keys and the audit trail. Equal before and after a refused publication means nothing was
 * written.
 */
export async function databaseState(sg: TestSubgraph<unknown>): Promise<Record<string, unknown>> {
  const [row] = await sg.dataSource.query(`SELECT
    (SELECT count(*)::int FROM observation) AS observations,
    (SELECT md5(string_agg(concat_ws('|', indicator_code, dataset_id, economy_code, year, breakdown_key, sex, age, speed, location,
                                      value_text, unit_code, nature, footnote, source_area_code, source_id, release), ','
                           ORDER BY indicator_code, dataset_id, economy_code, year, breakdown_key)) FROM observation) AS observations_md5,
    (SELECT count(*)::int FROM observation_revision) AS revisions,
    (SELECT md5(COALESCE(string_agg(concat_ws('|', indicator_code, dataset_id, economy_code, year, breakdown_key, value_text, nature,
                                      footnote, source_id, valid_from_release, valid_to_release, withdrawn), ','
                           ORDER BY indicator_code, dataset_id, economy_code, year, breakdown_key, valid_from_release), '')) FROM observation_revision) AS revisions_md5,
    (SELECT count(*)::int FROM dataset_release) AS releases,
    (SELECT count(*)::int FROM source) AS sources,
    (SELECT count(*)::int FROM publication_request) AS idempotency_keys,
    (SELECT count(*)::int FROM audit_log) AS audit_entries`);
  return row;
}

/**
 * An empty dataset for imports (test set-up, in SQL: the API publishes observations into datasets, it does not create
 * datasets). It publishes the given indicators.
 */
export async function createEmptyDataset(sg: TestSubgraph<unknown>, id: string, indicators: string[]): Promise<void> {
  await sg.dataSource.transaction(async (m) => {
    await m.query(
      `INSERT INTO source (id, title, publisher, url, licence, note) VALUES ($1, $2, 'test', NULL, 'CC-BY-4.0', 'test fixture')`,
      [`test-${id}`, `Test dataset ${id}`],
    );
    await m.query(
      `INSERT INTO dataset (id, title, publisher, publisher_agency_id, release, release_date, licence, citation, url, note, source_id)
       VALUES ($1, $2, 'test', 'ITU', 'test', NULL, 'CC-BY-4.0', 'test', NULL, NULL, $3)`,
      [id, `Test dataset ${id}`, `test-${id}`],
    );
    for (const indicator of indicators) {
      await m.query(
        `INSERT INTO indicator_dataset (indicator_code, dataset_id, series_code, file, source_id) VALUES ($1, $2, NULL, 'import', $3)`,
        [indicator, id, `test-${id}`],
      );
    }
  });
}
