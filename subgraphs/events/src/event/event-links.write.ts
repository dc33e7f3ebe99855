import type { EntityManager } from "typeorm";
import type { EventCodes } from "./event-write.args";

/** Replaces the lists given; rows that stay as they were keep their source, new ones are the agency's submission. */
export async function replaceEventLinks(
  m: EntityManager,
  id: string,
  links: EventCodes,
  source: string,
): Promise<void> {
  if (links.organisers) {
    const rows = links.organisers.map((o, i) => ({ key: o.agency, extra: o.role, position: i + 1 }));
    await replaceLinkTable(m, id, "event_organiser", "agency_id", "role", rows, source);
  }
  if (links.actionLines) {
    await replaceLinkTable(
      m,
      id,
      "event_action_line",
      "action_line_code",
      null,
      links.actionLines.map((c, i) => ({ key: c, extra: null, position: i + 1 })),
      source,
    );
  }
  if (links.tracks) {
    await replaceLinkTable(
      m,
      id,
      "event_track",
      "track_id",
      null,
      links.tracks.map((t, i) => ({ key: t, extra: null, position: i + 1 })),
      source,
    );
  }
}

/** Replaces the rows of one link table of an event, keeping the source of each row that stays. */
async function replaceLinkTable(
  m: EntityManager,
  id: string,
  table: string,
  keyColumn: string,
  extraColumn: string | null,
  rows: Array<{ key: string; extra: string | null; position: number }>,
  source: string,
): Promise<void> {
  const current: Array<{ key: string; extra: string | null; position: number; source_id: string }> = await m.query(
    `SELECT ${keyColumn} AS key, ${extraColumn ?? "NULL"} AS extra, position, source_id FROM ${table} WHERE event_id = $1`,
    [id],
  );
  const kept = new Map(current.map((r) => [`${r.key}\u0000${r.extra ?? ""}`, r.source_id]));
  await m.query(`DELETE FROM ${table} WHERE event_id = $1`, [id]);
  if (rows.length === 0) return;
  const params: unknown[] = [id];
  const tuples = rows.map((r) => {
    params.push(r.key, r.position, kept.get(`${r.key}\u0000${r.extra ?? ""}`) ?? source);
    if (extraColumn) params.push(r.extra);
    const n = params.length;
    return extraColumn ? `($1, $${n - 3}, $${n - 2}, $${n - 1}, $${n})` : `($1, $${n - 2}, $${n - 1}, $${n})`;
  });
  await m.query(
    `INSERT INTO ${table} (event_id, ${keyColumn}, position, source_id${extraColumn ? `, ${extraColumn}` : ""}) VALUES ${tuples.join(", ")}`,
    params,
  );
}
