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
