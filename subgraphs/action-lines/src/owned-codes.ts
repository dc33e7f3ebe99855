import { readSeedRows } from "./seed/seed";

/**
 * The codes this subgraph owns that other subgraphs refer to, with their names, read from its data files (no
 * database). The events and reports subgraphs ship a copy (their data/known-codes.json) to check what they are given;
 * test/src/known-codes.test.ts fails when a copy no longer matches this.
 */
export function ownedCodes(): Record<"agency" | "actionLine", Array<{ code: string; name: string }>> {
  const rows = readSeedRows();
  return {
    agency: rows.agencies.map((a) => ({ code: a.id, name: a.name })),
    actionLine: rows.actionLines.map((l) => ({ code: l.code, name: l.title })),
  };
}
