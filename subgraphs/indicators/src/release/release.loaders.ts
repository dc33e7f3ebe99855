import DataLoader from "dataloader";
import { loaderByKey } from "@wsis/shared";
import type { DataSource } from "typeorm";
import { DatasetRelease, type ReleaseOperation } from "./release.entity";

export const RELEASE_COLUMNS = `r.dataset_id, r.number, r.id::text AS id, r.published_at, r.published_by_agency, r.published_by_subject,
  r.operation, r.note, r.source_id, r.rows_read, r.inserted, r.revised, r.withdrawn, r.unchanged`;

export interface ReleaseRow {
  dataset_id: string;
  number: number;
  id: string;
  published_at: Date;
  published_by_agency: string | null;
  published_by_subject: string;
  operation: ReleaseOperation;
  note: string | null;
  source_id: string;
  rows_read: number;
  inserted: number;
  revised: number;
  withdrawn: number;
  unchanged: number;
}

export function releaseFromRow(row: ReleaseRow): DatasetRelease {
  return Object.assign(new DatasetRelease(), {
    datasetId: row.dataset_id,
    number: row.number,
    id: row.id,
    publishedAt: row.published_at,
    publishedByAgency: row.published_by_agency,
    publishedBySubject: row.published_by_subject,
    operation: row.operation,
    note: row.note,
    sourceId: row.source_id,
    rowsRead: row.rows_read,
    inserted: row.inserted,
    revised: row.revised,
    withdrawn: row.withdrawn,
    unchanged: row.unchanged,
  });
}

/** The loader key of one release. */
export const releaseKey = (datasetId: string, number: number): string => `${datasetId}#${number}`;

/** A page of a dataset's releases, newest first: `before` is the number the page starts below (null: the newest). */
export interface ReleasePageKey {
  datasetId: string;
  first: number;
  before: number | null;
}

export const releaseLoaders = (ds: DataSource) => ({
  releaseByKey: loaderByKey(
    async (keys: readonly string[]): Promise<DatasetRelease[]> => {
      const split = keys.map((k) => {
        const at = k.lastIndexOf("#");
        return { dataset: k.slice(0, at), number: Number(k.slice(at + 1)) };
      });
      const rows: ReleaseRow[] = await ds.query(
        `SELECT ${RELEASE_COLUMNS}
           FROM unnest($1::text[], $2::int[]) AS k(dataset_id, number)
           JOIN dataset_release r USING (dataset_id, number)`,
        [split.map((s) => s.dataset), split.map((s) => s.number)],
      );
      return rows.map(releaseFromRow);
    },
    (release) => releaseKey(release.datasetId, release.number),
  ),
  latestReleaseByDataset: loaderByKey(
    async (ids: readonly string[]): Promise<DatasetRelease[]> => {
      const rows: ReleaseRow[] = await ds.query(
        `SELECT DISTINCT ON (r.dataset_id) ${RELEASE_COLUMNS}
           FROM dataset_release r WHERE r.dataset_id = ANY($1::text[])
          ORDER BY r.dataset_id, r.number DESC`,
        [[...ids]],
      );
      return rows.map(releaseFromRow);
    },
    (release) => release.datasetId,
  ),
  /**
   * Pages of releases of many datasets: one statement per distinct (first, before) among the keys of a tick (a list
   * of datasets asking for the same page costs one statement).
   */
  releasePage: new DataLoader<ReleasePageKey, DatasetRelease[], string>(
    async (keys) => {
      const groups = new Map<string, { first: number; before: number | null; datasets: Set<string> }>();
      for (const k of keys) {
        const id = `${k.first}|${k.before}`;
        const group = groups.get(id) ?? { first: k.first, before: k.before, datasets: new Set<string>() };
        group.datasets.add(k.datasetId);
        groups.set(id, group);
      }
      const pages = new Map<string, DatasetRelease[]>();
      for (const group of groups.values()) {
        const rows: ReleaseRow[] = await ds.query(
          `SELECT ${RELEASE_COLUMNS}
             FROM unnest($1::text[]) AS d(id)
             CROSS JOIN LATERAL (
               SELECT * FROM dataset_release r
                WHERE r.dataset_id = d.id AND ($2::int IS NULL OR r.number < $2::int)
                ORDER BY r.number DESC LIMIT $3
             ) r
            ORDER BY r.dataset_id, r.number DESC`,
          [[...group.datasets], group.before, group.first],
        );
        for (const id of group.datasets) pages.set(`${id}|${group.first}|${group.before}`, []);
        for (const row of rows)
          pages.get(`${row.dataset_id}|${group.first}|${group.before}`)!.push(releaseFromRow(row));
      }
      return keys.map((k) => pages.get(`${k.datasetId}|${k.first}|${k.before}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.datasetId}|${k.first}|${k.before}` },
  ),
  /** The number of the release of a dataset that was the latest at a moment (0: none yet); one statement for every key. */
  releaseNumberAt: new DataLoader<{ datasetId: string; moment: Date }, number, string>(
    async (keys) => {
      const rows: Array<{ n: number }> = await ds.query(
        `SELECT (SELECT COALESCE(max(r.number), 0)::int FROM dataset_release r WHERE r.dataset_id = k.dataset_id AND r.published_at <= k.moment) AS n
           FROM unnest($1::text[], $2::timestamptz[]) WITH ORDINALITY AS k(dataset_id, moment, i)
          ORDER BY k.i`,
        [keys.map((k) => k.datasetId), keys.map((k) => k.moment.toISOString())],
      );
      return rows.map((row) => row.n);
    },
    { cacheKeyFn: (k) => `${k.datasetId}|${k.moment.toISOString()}` },
  ),
});
