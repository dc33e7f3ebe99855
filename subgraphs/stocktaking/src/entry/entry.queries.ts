import type { DataSource } from "typeorm";
import type { Viewer } from "./entry.authorization";
import type { StocktakingEntry } from "./entry.entity";
import type { StakeholderType, StocktakingEntryStatus } from "./entry.enums";
import { ENTRY_COLUMNS, Params, toEntry, visibleTo } from "./entry.sql";

/** A checked filter: every code known to its owner, in its owner's spelling. */
export interface EntryCriteria {
  text?: string;
  actionLine?: string;
  sdgGoal?: string;
  economy?: string;
  stakeholderType?: StakeholderType;
  year?: number;
  status?: StocktakingEntryStatus;
}

/** The dimensions the statistics count by. */
export type Dimension = "actionLine" | "economy" | "sdgGoal" | "stakeholderType" | "year" | "status";

/** How each dimension is counted: the key, and the link table it is read from (if any). */
const DIMENSIONS: Record<Dimension, { key: string; join?: string; where?: string; order: string }> = {
  actionLine: { key: "l.action_line_code", join: "stocktaking_entry_action_line l", order: "count DESC, key" },
  economy: { key: "l.economy_code", join: "stocktaking_entry_economy l", order: "count DESC, key" },
  sdgGoal: { key: "l.goal_code", join: "stocktaking_entry_sdg_goal l", order: "count DESC, key" },
  stakeholderType: { key: "e.stakeholder_type", order: "count DESC, key" },
  year: { key: "e.start_year::text", where: "e.start_year IS NOT NULL", order: "key" },
  status: { key: "e.status", order: "count DESC, key" },
};

/** The conditions of a filter for `viewer` (alias `e`). */
function conditions(c: EntryCriteria, viewer: Viewer, p: Params): string {
  const where = [visibleTo(viewer, p)];
  if (c.text !== undefined) where.push(`e.search @@ websearch_to_tsquery('english', ${p.add(c.text)})`);
  if (c.stakeholderType !== undefined) where.push(`e.stakeholder_type = ${p.add(c.stakeholderType)}`);
  if (c.status !== undefined) where.push(`e.status = ${p.add(c.status)}`);
  if (c.year !== undefined) where.push(`e.start_year = ${p.add(c.year)}`);
  if (c.actionLine !== undefined) {
    // An action line includes its sub-lines ("C7" matches "C7.e-health").
    const code = p.add(c.actionLine);
    where.push(`EXISTS (SELECT 1 FROM stocktaking_entry_action_line l WHERE l.entry_id = e.id
      AND (l.action_line_code = ${code} OR l.action_line_code LIKE ${code} || '.%'))`);
  }
  if (c.economy !== undefined) {
    where.push(
      `EXISTS (SELECT 1 FROM stocktaking_entry_economy l WHERE l.entry_id = e.id AND l.economy_code = ${p.add(c.economy)})`,
    );
  }
  if (c.sdgGoal !== undefined) {
    where.push(
      `EXISTS (SELECT 1 FROM stocktaking_entry_sdg_goal l WHERE l.entry_id = e.id AND l.goal_code = ${p.add(c.sdgGoal)})`,
    );
  }
  return where.join(" AND ");
}

/** The set-based reads of the entries: pages, counts and counts by dimension of a checked filter, one statement each. */
export class EntryQueries {
  constructor(private readonly ds: DataSource) {}

  /** One page of the entries matching a checked filter that `viewer` may see, newest first, after the entry `afterId`. */
  async page(c: EntryCriteria, viewer: Viewer, afterId: string | null, limit: number): Promise<StocktakingEntry[]> {
    const p = new Params();
    const after = afterId === null ? "" : ` AND e.id < ${p.add(afterId)}::bigint`;
    const rows: object[] = await this.ds.query(
      `SELECT ${ENTRY_COLUMNS} FROM stocktaking_entry e WHERE ${conditions(c, viewer, p)}${after} ORDER BY e.id DESC LIMIT ${p.add(limit)}`,
      p.values,
    );
    return rows.map(toEntry);
  }

  async count(c: EntryCriteria, viewer: Viewer): Promise<number> {
    const p = new Params();
    const [{ count }]: Array<{ count: number }> = await this.ds.query(
      `SELECT count(*)::int AS count FROM stocktaking_entry e WHERE ${conditions(c, viewer, p)}`,
      p.values,
    );
    return count;
  }

  /** How many of the matching entries fall under each value of `dimension` (an entry counts once per value it has). */
  countBy(c: EntryCriteria, viewer: Viewer, dimension: Dimension): Promise<Array<{ key: string; count: number }>> {
    const d = DIMENSIONS[dimension];
    const p = new Params();
    const where = [conditions(c, viewer, p), ...(d.where ? [d.where] : [])].join(" AND ");
    return this.ds.query(
      `SELECT ${d.key} AS key, count(DISTINCT e.id)::int AS count
         FROM stocktaking_entry e ${d.join ? `JOIN ${d.join} ON l.entry_id = e.id` : ""}
        WHERE ${where} GROUP BY 1 ORDER BY ${d.order}`,
      p.values,
    );
  }
}
