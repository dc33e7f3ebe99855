import { titleSlug, type SourceRow } from "@wsis/shared";
import { readCsv } from "./read-data";

/**
 * What the project's research (data/SOURCES.md: facilitator_evidence.csv, plan_of_action_checks.csv) found when it
 * checked the action lines' facilitators and Plan of Action texts against public documents, and how the seed uses it.
 */

// ---------------------------------------------------------------------------------------------------------------------
// Facilitators
// ---------------------------------------------------------------------------------------------------------------------

export interface FacilitatorEvidence {
  actionLine: string;
  agency: string;
  role: string;
  document: string;
  url: string;
  sourceTitle: string;
  quote: string;
  /** The research read the statement in a primary source (the agency's, ITU's or the UN's own page or document). */
  primary: boolean;
}

/**
 * Statements of the evidence file that name an agency's part in an action line without saying that it facilitates
 * the line: they are kept as evidence, and the facilitation stays unverified.
 */
export const NOT_A_FACILITATION: Readonly<Record<string, string>> = {
  "C6|UNDP": "the document says that UNDP asked ITU to take the facilitator role of C6",
  "C8|ITU": "ITU calls itself a partner of C8, as distinct from the lines it co-facilitates",
  "C9|ITU": "ITU calls itself a partner of C9, as distinct from the lines it co-facilitates",
  "C7.e-business|UPU": "UPU says that it contributes to the line",
  "C7.e-health|ITU": "co-organising a WSIS Forum session on the line does not state a facilitation",
};

export const evidenceKey = (actionLine: string, agency: string) => `${actionLine}|${agency}`;

/** The rows of data/facilitator_evidence.csv about one action line (rows about all of them, "ALL", are left out). */
export function readFacilitatorEvidence(): FacilitatorEvidence[] {
  return readCsv("facilitator_evidence.csv")
    .filter((r) => r.action_line !== "ALL")
    .map((r) => ({
      actionLine: r.action_line,
      agency: r.agency,
      role: r.role,
      document: r.document,
      url: r.source_url,
      sourceTitle: r.source_title,
      quote: r.quote,
      primary: r.verified === "true",
    }));
}

/** Whether an evidence row verifies the facilitation: a primary source whose words state it. */
export const statesFacilitation = (e: FacilitatorEvidence) =>
  e.primary && !(evidenceKey(e.actionLine, e.agency) in NOT_A_FACILITATION);

/** The source record of an evidence document: one per URL, its id a slug of its title. */
export function evidenceSourceId(e: FacilitatorEvidence): string {
  return `evidence-${titleSlug(e.sourceTitle)}`;
}

export function evidenceSources(rows: readonly FacilitatorEvidence[]): SourceRow[] {
  const byId = new Map<string, SourceRow>();
  for (const e of rows) {
    const id = evidenceSourceId(e);
    const known = byId.get(id);
    if (known && known.url !== e.url)
      throw new Error(`Evidence sources ${known.url} and ${e.url} get the same id ${id}`);
    byId.set(id, {
      id,
      title: e.sourceTitle,
      publisher: null,
      url: e.url,
      licence: "not stated; quoted as evidence",
      note: `${e.document}. ${e.primary ? "Primary" : "Secondary"} source of the facilitator check of the project's research (data/facilitator_evidence.csv); read in a stored copy, not fetched by the hub.`,
    });
  }
  return [...byId.values()];
}

/** The evidence text of a facilitation: the role in the document's words, the quotation, the document and its URL. */
export function evidenceText(e: FacilitatorEvidence): string {
  const reservation = NOT_A_FACILITATION[evidenceKey(e.actionLine, e.agency)];
  const standing = !e.primary
    ? " [secondary source only: not verified]"
    : reservation
      ? ` [not a facilitation: ${reservation}]`
      : "";
  return `${e.role}: “${e.quote}” — ${e.document}, ${e.url}${standing}`;
}

// ---------------------------------------------------------------------------------------------------------------------
// Plan of Action texts
// ---------------------------------------------------------------------------------------------------------------------

export interface PlanCheck {
  actionLine: string;
  title: string;
  /** The opening paragraph (or, for a C7 sub-line, first item) as found; empty when none was found. */
  text: string;
  url: string;
  sourceTitle: string;
  /** Found in a primary source quoting the Geneva Plan of Action. */
  primary: boolean;
}

export function readPlanChecks(): Map<string, PlanCheck> {
  return new Map(
    readCsv("plan_of_action_checks.csv").map((r) => [
      r.action_line,
      {
        actionLine: r.action_line,
        title: r.title,
        text: r.text.trim(),
        url: r.source_url,
        sourceTitle: r.source_title,
        primary: r.verified === "true",
      },
    ]),
  );
}

/** What the checks show wrong in the transcription, line by line, and what is said of lines without a text. */
const TRANSCRIPTION_FAULTS: Readonly<Record<string, { wrongOpening?: string; note: string }>> = {
  C6: {
    wrongOpening: "Confidence and security are among the main pillars of the Information Society.",
    note:
      "The transcription opened this text with the opening sentence of C5 (“Confidence and security are among the main pillars of the " +
      "Information Society.”, paragraph 12 of the Plan of Action, per ITU's C5 page); it is left out. ITU's own WSIS Stocktaking page for C6 " +
      "repeats the error; C6's own opening sentence was not found, so the text starts with its first item.",
  },
  C10: {
    note:
      "The transcription's markup (“<pThe …”) hid the opening sentence; it is restored from the transcription itself. (The ITU site " +
      "that confirms it misplaces the openings of C6 and C9, so it too deserves a check against the Plan of Action itself.)",
  },
  "C7.e-learning": {
    note:
      "The transcription has no text for e-learning. UNESCO presents the paragraph of C4 under “E-learning (C7)”; whether the Plan of " +
      "Action gives e-learning a text of its own was not confirmed.",
  },
  C7: { note: "The transcription lists C7 only through its sub-lines: no text." },
};

/**
 * Texts compare without a list item's mark and their final punctuation (a C7 sub-line's opening is its first item,
 * "- …", which ends with “;” in one copy and “.” in another).
 */
const comparable = (text: string) =>
  text
    .trim()
    .replace(/^- /, "")
    .replace(/[.;:]$/, "");

/**
 * The Plan of Action text of a line as the hub serves it: the transcription, corrected where the checks show a fault,
 * with whether its opening was verified in a primary source, and a note saying what was checked, against what.
 */
export function checkedPlanText(
  code: string,
  transcribed: string | null,
  check: PlanCheck | undefined,
): { text: string | null; verified: boolean; note: string } {
  const fault = TRANSCRIPTION_FAULTS[code];
  let text = transcribed;
  if (fault?.wrongOpening && text) {
    const [first, ...rest] = text.split("\n");
    if (first !== fault.wrongOpening)
      throw new Error(`Plan of Action of ${code}: the known wrong opening is no longer there`);
    text = rest.join("\n");
  }
  const notes = fault ? [fault.note] : [];
  let verified = false;
  const opening = text?.split("\n")[0];
  if (check?.text && opening !== undefined) {
    const agrees = comparable(opening) === comparable(check.text);
    verified = agrees && check.primary && opening === check.text;
    notes.push(
      !agrees
        ? `The opening paragraph differs from ${check.sourceTitle} (${check.url}); not verified.`
        : verified
          ? `The opening paragraph is word for word in ${check.sourceTitle} (${check.url}), which quotes the Geneva Plan of Action; the rest is the transcription, not checked.`
          : `The opening paragraph agrees with ${check.sourceTitle} (${check.url}), a secondary copy; not checked against the Plan of Action itself.`,
    );
  } else if (text && !fault) {
    notes.push("Not checked: no copy of this line's text in the Geneva Plan of Action was found.");
  }
  return { text: text || null, verified, note: notes.join(" ") };
}
