import { upsertRows, upsertSources } from "@wsis/shared";
import type { DataSource, EntityManager } from "typeorm";
import { readSeedRows } from "./read-seed-rows";

export interface SeedCounts {
  agencies: number;
  actionLines: number;
  facilitations: number;
  sdgGoals: number;
  sdgTargets: number;
  sdgIndicators: number;
  matrixLinks: number;
  ungisRoles: number;
  /** Rows inserted or changed by this run (0 on a second run). */
  written: number;
}

/** Loads the real data, idempotently, in one transaction: a second run changes nothing and duplicates nothing. */
export async function seed(dataSource: DataSource): Promise<SeedCounts> {
  const rows = readSeedRows();
  const written = await dataSource.transaction(async (m: EntityManager) => {
    let n = await upsertSources(m, rows.sources);
    n += await upsertRows(m, {
      table: "agency",
      columns: ["id", "name", "kind", "url", "source_id"],
      key: ["id"],
      rows: rows.agencies,
      values: (r) => [r.id, r.name, r.kind, r.url, r.sourceId],
    });
    // Parents first: the C7 parent row precedes its sub-lines in the list.
    n += await upsertRows(m, {
      table: "action_line",
      columns: [
        "code",
        "parent_code",
        "sort_order",
        "title",
        "matrix_name",
        "short_name",
        "plan_of_action",
        "plan_of_action_verified",
        "plan_of_action_note",
        "source_id",
      ],
      key: ["code"],
      rows: rows.actionLines.filter((r) => r.parentCode === null),
      values: (r) => [
        r.code,
        r.parentCode,
        r.sortOrder,
        r.title,
        r.matrixName,
        r.shortName,
        r.planOfAction,
        r.planOfActionVerified,
        r.planOfActionNote,
        r.sourceId,
      ],
    });
    n += await upsertRows(m, {
      table: "action_line",
      columns: [
        "code",
        "parent_code",
        "sort_order",
        "title",
        "matrix_name",
        "short_name",
        "plan_of_action",
        "plan_of_action_verified",
        "plan_of_action_note",
        "source_id",
      ],
      key: ["code"],
      rows: rows.actionLines.filter((r) => r.parentCode !== null),
      values: (r) => [
        r.code,
        r.parentCode,
        r.sortOrder,
        r.title,
        r.matrixName,
        r.shortName,
        r.planOfAction,
        r.planOfActionVerified,
        r.planOfActionNote,
        r.sourceId,
      ],
    });
    n += await upsertRows(m, {
      table: "facilitation",
      columns: ["action_line_code", "agency_id", "position", "verified", "evidence", "source_id"],
      key: ["action_line_code", "agency_id"],
      rows: rows.facilitations,
      values: (r) => [r.actionLineCode, r.agencyId, r.position, r.verified, r.evidence, r.sourceId],
    });
    n += await upsertRows(m, {
      table: "sdg_goal",
      columns: ["code", "sort_order", "short_title", "title", "source_id"],
      key: ["code"],
      rows: rows.sdgGoals,
      values: (r) => [r.code, r.sortOrder, r.shortTitle, r.title, r.sourceId],
    });
    n += await upsertRows(m, {
      table: "sdg_target",
      columns: ["code", "goal_code", "sort_order", "title", "source_id"],
      key: ["code"],
      rows: rows.sdgTargets,
      values: (r) => [r.code, r.goalCode, r.sortOrder, r.title, r.sourceId],
    });
    n += await upsertRows(m, {
      table: "sdg_indicator",
      columns: [
        "code",
        "target_code",
        "goal_code",
        "sort_order",
        "title",
        "status",
        "status_note",
        "unsd_series_codes",
        "source_id",
      ],
      key: ["code"],
      rows: rows.sdgIndicators,
      values: (r) => [
        r.code,
        r.targetCode,
        r.goalCode,
        r.sortOrder,
        r.title,
        r.status,
        r.statusNote,
        r.unsdSeriesCodes,
        r.sourceId,
      ],
    });
    n += await upsertRows(m, {
      table: "matrix_link",
      columns: ["id", "action_line_code", "goal_code", "target_code", "sort_order", "rationale", "note", "source_id"],
      key: ["id"],
      rows: rows.matrixLinks,
      values: (r) => [r.id, r.actionLineCode, r.goalCode, r.targetCode, r.sortOrder, r.rationale, r.note, r.sourceId],
    });
    n += await upsertRows(m, {
      table: "ungis_role",
      columns: ["agency_id", "role", "from_year", "to_year", "verified", "quote", "note", "source_id"],
      key: ["agency_id", "role", "from_year", "source_id"],
      rows: rows.ungisRoles,
      values: (r) => [r.agencyId, r.role, r.fromYear, r.toYear, r.verified, r.quote, r.note, r.sourceId],
    });
    return n;
  });
  return {
    agencies: rows.agencies.length,
    actionLines: rows.actionLines.length,
    facilitations: rows.facilitations.length,
    sdgGoals: rows.sdgGoals.length,
    sdgTargets: rows.sdgTargets.length,
    sdgIndicators: rows.sdgIndicators.length,
    matrixLinks: rows.matrixLinks.length,
    ungisRoles: rows.ungisRoles.length,
    written,
  };
}
