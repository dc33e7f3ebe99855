import type { Problems } from "@wsis/shared";
import type { EntityManager } from "typeorm";
import type { EventCodes } from "./event-write.args";

/** The argument checks of the writes that read the database, inside the write's transaction. */

/**
 * Known tracks and parent event (no cycle), with the codes resolveEventCodes found unknown: every unknown code at once
 * (BAD_USER_INPUT naming each field).
 */
export async function checkKnownLinks(
  m: EntityManager,
  codes: EventCodes,
  id: string,
  problems: Problems,
): Promise<void> {
  if (codes.tracks?.length) {
    const rows: Array<{ id: string }> = await m.query(`SELECT id FROM roadmap_track WHERE id = ANY($1::text[])`, [
      codes.tracks,
    ]);
    const found = new Set(rows.map((r) => r.id));
    const missing = codes.tracks.filter((t) => !found.has(t));
    if (missing.length) {
      problems.add(
        "input.tracks",
        `Argument "input.tracks" names unknown roadmap track ids: ${missing.map((v) => JSON.stringify(v)).join(", ")}`,
      );
    }
  }
  const parent = codes.partOf;
  if (parent) {
    // The chain of parents of the parent, to refuse a cycle (an event cannot be part of one of its own parts).
    const chain: Array<{ id: string }> = await m.query(
      `WITH RECURSIVE up(id, part_of_id, depth) AS (
         SELECT id, part_of_id, 0 FROM event WHERE id = $1
         UNION ALL SELECT e.id, e.part_of_id, up.depth + 1 FROM event e JOIN up ON e.id = up.part_of_id WHERE up.depth < 50
       ) SELECT id FROM up`,
      [parent],
    );
    if (chain.length === 0)
      problems.add("input.partOf", `Argument "input.partOf" names an unknown event ${JSON.stringify(parent)}`);
    else if (chain.some((r) => r.id === id))
      problems.add("input.partOf", `Argument "input.partOf": "${parent}" is part of "${id}" (a cycle)`);
  }
  problems.throwIfAny();
}
