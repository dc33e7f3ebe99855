import DataLoader from "dataloader";

/**
 * A loader for rows addressed by one key: results come back in key order, null for unknown keys.
 * The batch function receives each distinct key once per tick.
 */
export function loaderByKey<K extends string | number, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map<K, V>();
    for (const row of rows) byKey.set(keyOf(row), row);
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** A loader for the rows that belong to a key (one-to-many): an empty list for keys without rows. */
export function loaderGroupedByKey<K extends string | number, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const rows = await fetch(keys);
    const groups = new Map<K, V[]>();
    for (const row of rows) {
      const key = keyOf(row);
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** Loads many keys and drops the unknown ones, keeping order. */
export async function loadPresent<K, V>(loader: DataLoader<K, V | null>, keys: readonly K[]): Promise<V[]> {
  const rows = await loader.loadMany(keys);
  return rows.filter((row): row is V => row !== null && !(row instanceof Error));
}

/** A memo made by `memoised`: call it for the value; `clear()` forgets it (after a write). */
export interface Memoised<T> {
  (): Promise<T>;
  clear(): void;
}

/** A per-request memo for a whole (bounded) list, so several fields asking for it cost one query. */
export function memoised<T>(load: () => Promise<T>): Memoised<T> {
  let pending: Promise<T> | undefined;
  const memo = () => (pending ??= load());
  return Object.assign(memo, {
    clear: () => {
      pending = undefined;
    },
  });
}
