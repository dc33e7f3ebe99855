/** Distinct non-null values, in first-seen order. */
export function distinct<T>(values: ReadonlyArray<T | null | undefined>): T[] {
  return [...new Set(values.filter((v): v is T => v !== null && v !== undefined))];
}
