import { upsertRows, upsertSources } from "@wsis/shared";
import type { DataSource, EntityManager } from "typeorm";
import {
  checkedPlanText,
  evidenceKey,
  evidenceSourceId,
  evidenceSources,
  evidenceText,
  readFacilitatorEvidence,
  readPlanChecks,
  statesFacilitation,
} from "./checks";
import { htmlToText, rationaleText, readCsv, readJson } from "./read-data";
import { SOURCES } from "./sources";
import { readUngisRows } from "./ungis";

interface MatrixAction {
  id: number;
  name: string;
  desc: string;
}

/** Names the facilitator column uses for bodies whose hub id differs. */
const AGENCY_ALIASES: Record<string, string> = { "UN Regional Commissions": "UNRC" };

/** Matrix names as the transcription spells them, where the derived table corrects a typo (C3: "… information knowledge"). */
const MATRIX_NAME_TYPOS: Record<string, string> = {
  "C3: Access to information and knowledge": "C3: Access to information knowledge",
};

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

/** Reads the shipped data files into rows, checking that every reference resolves. */
export function readSeedRows() {
  const agencies = readCsv("agencies.csv").map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    url: r.url || null,
    sourceId: SOURCES.agencies.id,
  }));
  const agencyIds = new Set(agencies.map((a) => a.id));

  const matrixActions = readJson<MatrixAction[]>("wsis_sdg_matrix_actions.json");
  const planText = new Map(matrixActions.map((a) => [a.name, htmlToText(a.desc)]));

  const actionLineRows = readCsv("wsis_action_lines.csv");
  const actionLines: Array<{
    code: string;
    parentCode: string | null;
    sortOrder: number;
    title: string;
    matrixName: string | null;
    shortName: string | null;
    planOfAction: string | null;
    planOfActionVerified: boolean;
    planOfActionNote: string;
    sourceId: string;
  }> = [];
  const planChecks = readPlanChecks();
  const checkedPlan = (code: string, transcribed: string | null) => {
    const checked = checkedPlanText(code, transcribed, planChecks.get(code));
    return { planOfAction: checked.text, planOfActionVerified: checked.verified, planOfActionNote: checked.note };
  };
  const facilitations: Array<{
    actionLineCode: string;
    agencyId: string;
    position: number;
    verified: boolean;
    evidence: string | null;
    sourceId: string;
  }> = [];
  let order = 0;
  for (const row of actionLineRows) {
    if (row.sub_line && !actionLines.some((a) => a.code === row.action_line)) {
      actionLines.push({
        code: row.action_line,
        parentCode: null,
        sortOrder: (order += 10),
        title: "ICT applications: benefits in all aspects of life",
        matrixName: null,
        shortName: null,
        ...checkedPlan(row.action_line, null),
        sourceId: SOURCES.genevaPlan.id,
      });
    }
    const plan = planText.get(MATRIX_NAME_TYPOS[row.matrix_name] ?? row.matrix_name);
    if (plan === undefined)
      throw new Error(`Action line ${row.key}: no matrix entry named ${JSON.stringify(row.matrix_name)}`);
    actionLines.push({
      code: row.key,
      parentCode: row.sub_line ? row.action_line : null,
      sortOrder: (order += 10),
      title: row.title,
      matrixName: row.matrix_name,
      shortName: row.matrix_short_name,
      ...checkedPlan(row.key, plan || null),
      sourceId: SOURCES.actionLines.id,
    });
    const evidence = row.facilitator_evidence || null;
    row.facilitators_tunis_annex_UNVERIFIED
      .split(";")
      .map((name) => name.trim())
      .filter(Boolean)
      .forEach((name, index) => {
        const agencyId = AGENCY_ALIASES[name] ?? name;
        if (!agencyIds.has(agencyId))
          throw new Error(`Action line ${row.key}: unknown facilitator ${JSON.stringify(name)}`);
        facilitations.push({
          actionLineCode: row.key,
          agencyId,
          position: index + 1,
          verified: false,
          // The evidence column speaks of named agencies; it is attached to the facilitations it names.
          evidence: evidence && evidence.includes(agencyId) ? evidence : null,
          sourceId: SOURCES.facilitators.id,
        });
      });
  }

  // The checked evidence: a facilitation is verified where a primary source's words state it, with that document as
  // its evidence and source; a facilitation the listing lacks is added when so stated; anything else stays unverified
  // (with the evidence found, if any).
  const facilitatorEvidence = readFacilitatorEvidence();
  for (const e of facilitatorEvidence) {
    if (!actionLines.some((l) => l.code === e.actionLine))
      throw new Error(`Facilitator evidence: unknown action line ${e.actionLine}`);
    const listed = facilitations.find(
      (f) => evidenceKey(f.actionLineCode, f.agencyId) === evidenceKey(e.actionLine, e.agency),
    );
    const verified = statesFacilitation(e);
    if (listed) {
      Object.assign(listed, { evidence: evidenceText(e) }, verified ? { verified, sourceId: evidenceSourceId(e) } : {});
    } else if (verified) {
      if (!agencyIds.has(e.agency)) throw new Error(`Facilitator evidence: unknown agency ${e.agency}`);
      facilitations.push({
        actionLineCode: e.actionLine,
        agencyId: e.agency,
        position: facilitations.filter((f) => f.actionLineCode === e.actionLine).length + 1,
        verified,
        evidence: evidenceText(e),
        sourceId: evidenceSourceId(e),
      });
    }
  }

  const sdgGoals = readCsv("sdg_goals.csv").map((r, i) => ({
    code: r.goal,
    sortOrder: i + 1,
    shortTitle: r.short_title,
    title: r.title,
    sourceId: SOURCES.sdgTitles.id,
  }));
  const sdgTargets = readCsv("sdg_targets.csv").map((r, i) => ({
    code: r.target,
    goalCode: r.goal,
    sortOrder: i + 1,
    title: r.title,
    sourceId: SOURCES.sdgTitles.id,
  }));
  const sdgIndicators = readCsv("sdg_indicators.csv").map((r, i) => ({
    code: r.indicator,
    targetCode: r.target,
    goalCode: r.goal,
    sortOrder: i + 1,
    title: r.title,
    status: r.status,
    statusNote: r.status_note || null,
    unsdSeriesCodes: r.unsd_series_codes_2023 ? r.unsd_series_codes_2023.split(";").map((s) => s.trim()) : [],
    sourceId: r.title_source.startsWith("A/RES/71/313") ? SOURCES.resolution71313.id : SOURCES.sdgTitles.id,
  }));
  const matrixLinks = readCsv("wsis_sdg_matrix_links.csv").map((r, i) => ({
    id: `${r.action_line_key}:${r.sdg_goal}:${r.sdg_target || "*"}`,
    actionLineCode: r.action_line_key,
    goalCode: r.sdg_goal,
    targetCode: r.sdg_target || null,
    sortOrder: i + 1,
    rationale: rationaleText(r.rationale),
    note: r.note || null,
    sourceId: SOURCES.matrix.id,
  }));
  const ungis = readUngisRows(agencyIds);
  return {
    agencies,
    actionLines,
    facilitations,
    sdgGoals,
    sdgTargets,
    sdgIndicators,
    matrixLinks,
    ungisRoles: ungis.roles,
    sources: [...Object.values(SOURCES), ...evidenceSources(facilitatorEvidence), ...ungis.sources],
  };
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
