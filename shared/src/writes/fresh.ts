/**
 * After a write, nothing a request's loaders read before it may answer the fields of what the write returns (or of a
 * later mutation of the same request). `forgetLoaded` makes every DataLoader (`clearAll`) and every per-request memo
 * (`memoised(...).clear`) among the loaders forget what it holds — all of them, so a loader added later cannot be
 * forgotten here — and `freshAfterWrite` then primes the written record.
 */

interface Clearable {
  clearAll?: () => unknown;
  clear?: () => unknown;
}

export function forgetLoaded(loaders: object): void {
  for (const value of Object.values(loaders) as unknown[]) {
    if (value === null || (typeof value !== "object" && typeof value !== "function")) continue;
    const loader = value as Clearable;
    if (typeof loader.clearAll === "function") loader.clearAll();
    else if (typeof loader.clear === "function") loader.clear();
  }
}

/** The write's result, with the request's loaders cleared (`forgetLoaded`) and `loader` primed with it under `key`. */
export function freshAfterWrite<K, V>(
  loaders: object,
  written: V,
  primed?: { loader: { prime(key: K, value: NoInfer<V>): unknown }; key: K },
): V {
  forgetLoaded(loaders);
  primed?.loader.prime(primed.key, written);
  return written;
}
