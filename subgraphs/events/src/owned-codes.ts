import { readSeedRows } from "./seed/seed";

/**
 * The codes this subgraph owns that other subgraphs refer to (the roadmap's event ids), with their names, read from
 * its data files (no database). The reports subgraph ships a copy (its data/known-codes.json);
 * test/src/known-codes.test.ts fails when the copy no longer matches this.
 */
export function ownedCodes(): Record<"event", Array<{ code: string; name: string }>> {
  return { event: readSeedRows().events.map((e) => ({ code: e.id, name: e.title })) };
}
