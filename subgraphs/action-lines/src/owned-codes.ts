import { readSeedRows } from "./seed/read-seed-rows";

/**
 * The codes this subgraph owns that other subgraphs refer to (agencies, action lines, SDG goals), with their names,
 * read from its data files (no database). The events, reports and stocktaking subgraphs ship a copy (their
 * data/known-codes.json) to check what they are given; test/src/known-codes.test.ts fails when a copy no longer
 * matches this.
 */
export function ownedCodes(): Record<"agency" | "actionLine" | "sdgGoal", Array<{ code: string; name: string }>> {
  const rows = readSeedRows();
  return {
    agency: rows.agencies.map((a) => ({ code: a.id, name: a.name })),
    actionLine: rows.actionLines.map((l) => ({ code: l.code, name: l.title })),
    sdgGoal: rows.sdgGoals.map((g) => ({ code: g.code, name: g.shortTitle })),
  };
}
