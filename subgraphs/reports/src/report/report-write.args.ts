import {
  ForbiddenError,
  isAdmin,
  optionalTextProblem,
  partialDateProblem,
  Problems,
  textProblem,
  BadUserInputError,
  type Caller,
  type TextRule,
} from "@wsis/shared";
import { checkKnownCode, codeProblem } from "../known/codes";
import type { KnownKind } from "../known/known-codes";
import type { CreateReportInput } from "./report-write.input";
import { ReportKind } from "./report.enums";

/** The argument checks of the writes (createReport, transitionReport) that need no database, every problem at once. */

export const MAX_NOTE_LENGTH = 2000;
export const MAX_TITLE_LENGTH = 300;
export const MAX_LINKS = 30;

/** A title is one line; a note may have several. No other control character in either. */
const TITLE: TextRule = { max: MAX_TITLE_LENGTH };
const NOTE: TextRule = { max: MAX_NOTE_LENGTH, multiline: true };

export interface CheckedReport {
  id: string;
  title: string;
  kind: ReportKind;
  stakeholderGroup: string | null;
  economy: string | null;
  dueDate: string | null;
  note: string | null;
  coordinators: string[];
  authors: string[];
  actionLines: string[];
  indicators: string[];
}

/**
 * Every check of a new report that needs no database, all problems at once; codes of other subgraphs are checked
 * against data/known-codes.json and returned as their owners spell them.
 */
export function checkCreate(input: CreateReportInput, who: Caller): CheckedReport {
  const problems = new Problems();
  const add = (field: string, message: string | null) => problems.add(`input.${field}`, message);
  const text = (value: string | null | undefined) => (value == null ? null : value.trim());

  add("id", codeProblem("report", input.id, "input.id"));
  const id = input.id.trim().toLowerCase();
  add("title", textProblem(input.title, "input.title", TITLE));
  const title = input.title.trim();
  const stakeholderGroup = input.stakeholderGroup ?? null;
  if (input.kind === ReportKind.STAKEHOLDER_REPORT && !stakeholderGroup)
    add("stakeholderGroup", `Argument "input.stakeholderGroup" is required for a STAKEHOLDER_REPORT`);
  if (input.kind !== ReportKind.STAKEHOLDER_REPORT && stakeholderGroup)
    add("stakeholderGroup", `Argument "input.stakeholderGroup" is only for a STAKEHOLDER_REPORT`);

  let economy: string | null = null;
  if (input.economy != null) {
    const checked =
      input.economy.trim() === ""
        ? { code: null, problem: `Argument "input.economy" is empty; leave it out, or pass null` }
        : checkKnownCode("economy", input.economy, "input.economy");
    add("economy", checked.problem);
    economy = checked.code;
  }
  if (input.kind === ReportKind.NATIONAL_REVIEW && input.economy == null)
    add("economy", `Argument "input.economy" is required for a NATIONAL_REVIEW`);

  const dueDate = text(input.dueDate);
  if (input.dueDate != null) {
    if (dueDate === "") add("dueDate", `Argument "input.dueDate" is empty; leave it out, or pass null`);
    else add("dueDate", partialDateProblem(input.dueDate, "input.dueDate", "2025-06-30"));
  }
  add("note", optionalTextProblem(input.note, "input.note", NOTE));
  const note = text(input.note);

  const list = (field: string, kind: KnownKind, values: readonly string[] | null | undefined): string[] => {
    const items = values ?? [];
    if (items.length > MAX_LINKS)
      add(field, `Argument "input.${field}" has ${items.length} items; at most ${MAX_LINKS} are allowed`);
    const codes = items.map((v, i) => {
      const checked = checkKnownCode(kind, v, `input.${field}[${i}]`);
      add(field, checked.problem);
      return checked.code ?? v.trim();
    });
    const repeated = codes.filter((v, i) => codes.indexOf(v) !== i);
    if (repeated.length)
      add(
        field,
        `Argument "input.${field}" names ${[...new Set(repeated)].map((v) => JSON.stringify(v)).join(", ")} more than once`,
      );
    return codes;
  };
  const coordinators = list("coordinators", "agency", input.coordinators ?? (isAdmin(who) ? [] : [who.agency]));
  if (coordinators.length === 0)
    add("coordinators", `Argument "input.coordinators" is empty; a report has at least one coordinating agency`);
  const authors = list("authors", "agency", input.authors);
  const lines = list("actionLines", "actionLine", input.actionLines);
  const indicators = list("indicators", "indicator", input.indicators);

  problems.throwIfAny();
  if (!isAdmin(who) && !coordinators.includes(who.agency)) {
    throw new ForbiddenError(
      `${who.agency} may only create reports it coordinates: include "${who.agency}" in input.coordinators`,
    );
  }
  return {
    id,
    title,
    kind: input.kind,
    stakeholderGroup,
    economy,
    dueDate,
    note,
    coordinators,
    authors,
    actionLines: lines,
    indicators,
  };
}

/** The note of a transition: optional (null: none), multi-line, never empty. */
export function checkNote(note: string | null | undefined): string | null {
  const problem = optionalTextProblem(note, "note", NOTE);
  if (problem) throw new BadUserInputError(problem, "note");
  return note == null ? null : note.trim();
}
