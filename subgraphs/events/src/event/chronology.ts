import type { Event } from "./event.entity";

/** Date order: by first day covered, then by the roadmap's order. */
export function byChronology(a: Event, b: Event): number {
  const first = String(a.spanStart).localeCompare(String(b.spanStart));
  return first !== 0 ? first : a.sortOrder - b.sortOrder;
}
