import type { DataSource } from "typeorm";
import type { Observation } from "./observation.entity";
import { OBSERVATION_COLUMNS, observationFromRow, versionColumns, type ObservationRow } from "./observation.rows";
import type { CursorPosition, ResolvedFilter } from "./observation.args";

/**
 * The relation a read selects from: the current values (the table itself) or, pinned to release n, the versions that
 * were published in release n — current values published at or before n, and revisions valid in n. Both branches are
 * read through indexes that start with the filter's indicator and dataset (the planner pushes the WHERE clause into
 * each branch of the UNION ALL). Release 0 (a moment before the first release) selects nothing.
 */
export function observationRelation(f: Pick<ResolvedFilter, "release">): string {
  if (f.release === null || f.release === undefined) return "observation";
  const n = f.release;
  if (!Number.isInteger(n) || n < 0) throw new Error(`release ${n} is not a release number`);
  return `(SELECT ${versionColumns()}, release FROM observation WHERE release <= ${n}
           UNION ALL
           SELECT ${versionColumns()}, valid_from_release AS release FROM observation_revision
            WHERE valid_from_release <= ${n} AND valid_to_release > ${n})`;
}

/** The WHERE clause of a resolved filter, with its parameters. */
export function whereClause(f: ResolvedFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [f.indicator.code, f.datasetId];
  const conditions = ["o.indicator_code = $1", "o.dataset_id = $2"];
  const add = (condition: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(condition(`$${params.length}`));
  };
  if (f.breakdownKey !== null) add((p) => `o.breakdown_key = ${p}`, f.breakdownKey);
  if (f.economyCodes !== null) add((p) => `o.economy_code = ANY(${p}::text[])`, f.economyCodes);
  if (f.regionCode !== null) {
    add((p) => `o.economy_code IN (SELECT member_code FROM economy_member WHERE aggregate_code = ${p})`, f.regionCode);
  }
  if (f.kind !== null) add((p) => `o.economy_code IN (SELECT code FROM economy WHERE kind = ${p})`, f.kind);
  if (f.fromYear !== null) add((p) => `o.year >= ${p}`, f.fromYear);
  if (f.toYear !== null) add((p) => `o.year <= ${p}`, f.toYear);
  return { sql: conditions.join(" AND "), params };
}

/**
 * One page in the order (economy, year, breakdown key), which the primary key serves: keyset pagination, so a page
 * costs the same at any depth. Reads `limit` rows (the connection asks for one more than the page size, to know
 * whether another page follows).
 */
export async function readObservationPage(
  ds: DataSource,
  f: ResolvedFilter,
  after: CursorPosition | null,
  limit: number,
): Promise<Observation[]> {
  const { sql, params } = whereClause(f);
  let keyset = "";
  if (after) {
    params.push(after.economy, after.year, after.breakdownKey);
    const n = params.length;
    keyset = ` AND (o.economy_code, o.year, o.breakdown_key) > ($${n - 2}, $${n - 1}::int, $${n})`;
  }
  params.push(limit);
  const rows: ObservationRow[] = await ds.query(
    `SELECT ${OBSERVATION_COLUMNS} FROM ${observationRelation(f)} o
      WHERE ${sql}${keyset}
      ORDER BY o.economy_code, o.year, o.breakdown_key
      LIMIT $${params.length}`,
    params,
  );
  return rows.map(observationFromRow);
}

export async function countObservations(ds: DataSource, f: ResolvedFilter): Promise<number> {
  const { sql, params } = whereClause(f);
  const rows: Array<{ n: number }> = await ds.query(
    `SELECT count(*)::int AS n FROM ${observationRelation(f)} o WHERE ${sql}`,
    params,
  );
  return rows[0].n;
}

/**
 * SQL of the map view: the latest year per economy. One index probe per economy (LIMIT 1 down observation_latest_idx,
 * whose last column is the year, descending) instead of reading and sorting every year of every economy for DISTINCT ON:
 * the cost follows the number of economies, not the length of their series.
 */
export function latestObservationsSql(f: ResolvedFilter): { sql: string; params: unknown[] } {
  const { sql, params } = whereClause(f);
  return {
    sql: `SELECT latest.* FROM economy e
           CROSS JOIN LATERAL (
             SELECT ${OBSERVATION_COLUMNS} FROM ${observationRelation(f)} o
              WHERE ${sql} AND o.economy_code = e.code
              ORDER BY o.year DESC
              LIMIT 1) latest
           ORDER BY e.code`,
    params,
  };
}

export async function readLatestObservations(ds: DataSource, f: ResolvedFilter): Promise<Observation[]> {
  const { sql, params } = latestObservationsSql(f);
  const rows: ObservationRow[] = await ds.query(sql, params);
  return rows.map(observationFromRow);
}

/** SQL of the chart view: the series of a few economies, ordered by economy and year. */
export function seriesSql(f: ResolvedFilter): { sql: string; params: unknown[] } {
  const { sql, params } = whereClause(f);
  return {
    sql: `SELECT ${OBSERVATION_COLUMNS} FROM ${observationRelation(f)} o
           WHERE ${sql}
           ORDER BY o.economy_code, o.year`,
    params,
  };
}

export async function readSeries(ds: DataSource, f: ResolvedFilter): Promise<Map<string, Observation[]>> {
  const { sql, params } = seriesSql(f);
  const rows: ObservationRow[] = await ds.query(sql, params);
  const byEconomy = new Map<string, Observation[]>();
  for (const row of rows) {
    const list = byEconomy.get(row.economy_code);
    const observation = observationFromRow(row);
    if (list) list.push(observation);
    else byEconomy.set(row.economy_code, [observation]);
  }
  return byEconomy;
}

/** The set-based reads of the root queries (one statement each, not keyed, so not DataLoaders): pages, counts, views. */
export class ObservationQueries {
  constructor(private readonly ds: DataSource) {}

  page(f: ResolvedFilter, after: CursorPosition | null, limit: number): Promise<Observation[]> {
    return readObservationPage(this.ds, f, after, limit);
  }

  count(f: ResolvedFilter): Promise<number> {
    return countObservations(this.ds, f);
  }

  latest(f: ResolvedFilter): Promise<Observation[]> {
    return readLatestObservations(this.ds, f);
  }

  series(f: ResolvedFilter): Promise<Map<string, Observation[]>> {
    return readSeries(this.ds, f);
  }
}
