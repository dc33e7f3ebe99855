import type { EntityManager } from "typeorm";

export interface UpsertSpec<R> {
  /** Table name, unqualified: the data source's schema is on the search path of its own connections. */
  table: string;
  /** Column names, in the order of `values`. */
  columns: readonly string[];
  /** The columns of the primary or unique key used for ON CONFLICT. */
  key: readonly string[];
  rows: readonly R[];
  values: (row: R) => unknown[];
  /** Rows per statement (PostgreSQL accepts at most 65535 parameters per statement). */
  chunkSize?: number;
}

/**
 * Set-based, idempotent upsert: inserts new rows and updates only rows whose values differ, so a second run of a seed
 * writes nothing. Returns the number of rows inserted or changed.
 */
export async function upsertRows<R>(manager: EntityManager, spec: UpsertSpec<R>): Promise<number> {
  const { table, columns, key } = spec;
  const chunkSize = spec.chunkSize ?? Math.max(1, Math.floor(60000 / columns.length));
  const updatable = columns.filter((c) => !key.includes(c));
  const quoted = (c: string) => `"${c}"`;
  let changed = 0;
  for (let start = 0; start < spec.rows.length; start += chunkSize) {
    const chunk = spec.rows.slice(start, start + chunkSize);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const values = spec.values(row);
      if (values.length !== columns.length) {
        throw new Error(`upsert into ${table}: ${values.length} values for ${columns.length} columns`);
      }
      const placeholders = values.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${placeholders.join(", ")})`;
    });
    const onConflict =
      updatable.length === 0
        ? "DO NOTHING"
        : `DO UPDATE SET ${updatable.map((c) => `${quoted(c)} = EXCLUDED.${quoted(c)}`).join(", ")}
           WHERE (${updatable.map((c) => `"${table}".${quoted(c)}`).join(", ")})
                 IS DISTINCT FROM (${updatable.map((c) => `EXCLUDED.${quoted(c)}`).join(", ")})`;
    const sql = `INSERT INTO "${table}" (${columns.map(quoted).join(", ")}) VALUES ${tuples.join(", ")}
                 ON CONFLICT (${key.map(quoted).join(", ")}) ${onConflict}
                 RETURNING 1`;
    const written: unknown[] = await manager.query(sql, params);
    changed += written.length;
  }
  return changed;
}
