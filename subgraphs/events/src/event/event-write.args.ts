import {
  optionalTextProblem,
  partialDateProblem,
  type PartialDate,
  type Problems,
  spanOf,
  textProblem,
  type TextRule,
} from "@wsis/shared";
import { checkKnownCode, codeProblem, type CodeKind } from "../known/codes";
import type { KnownKind } from "../known/known-codes";
import type { CreateEventInput, UpdateEventInput } from "./event-write.input";
import type { EventOrganiserRole } from "./event.enums";
import { yearProblem } from "./event.args";

/**
 * The argument checks of the writes (createEvent, updateEvent, cancelEvent) that need no database: formats, texts,
 * lengths, duplicates, list sizes, codes of other subgraphs; every problem collected, reported at once by the caller.
 */

export const MAX_TITLE_LENGTH = 300;
export const MAX_LOCATION_LENGTH = 300;
export const MAX_NOTE_LENGTH = 2000;
export const MAX_REASON_LENGTH = 2000;
export const MAX_ORGANISERS = 20;
export const MAX_ACTION_LINES = 30;
export const MAX_TRACKS = 20;

/** Single-line texts refuse line breaks; notes and reasons may have several lines. No control character otherwise. */
const TITLE: TextRule = { max: MAX_TITLE_LENGTH };
const LOCATION: TextRule = { max: MAX_LOCATION_LENGTH };
const NOTE: TextRule = { max: MAX_NOTE_LENGTH, multiline: true };
export const REASON: TextRule = { max: MAX_REASON_LENGTH, multiline: true };

export type EventFields = CreateEventInput | UpdateEventInput;

/** The codes of a write in their stored spelling (undefined: not given; null: cleared). */
export interface EventCodes {
  organisers?: Array<{ agency: string; role: EventOrganiserRole }>;
  actionLines?: string[];
  tracks?: string[];
  hostEconomy?: string | null;
  partOf?: string | null;
}

const EMPTY_HINT = "leave it out, or pass null to clear it";

/** Like an optional text for an optional code (of `kind`): empty is refused, otherwise its format is checked. */
function optionalCodeProblem(value: string | null | undefined, field: string, kind: CodeKind): string | null {
  if (value == null) return null;
  if (value.trim() === "") return `Argument "${field}" is empty; ${EMPTY_HINT}`;
  return codeProblem(kind, value, field);
}

/** A text as stored: trimmed; null stays null. */
export const stored = (value: string | null | undefined): string | null => (value == null ? null : value.trim());

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(values.filter((v) => (seen.has(v.toLowerCase()) ? true : (seen.add(v.toLowerCase()), false))))];
}

/** Checks that need no database: formats, texts, lengths, duplicates, list sizes. */
export function checkEventFields(input: EventFields, problems: Problems, id: string): void {
  if (input.title != null) problems.add("input.title", textProblem(input.title, "input.title", TITLE));
  for (const field of ["start", "end"] as const) {
    const value = input[field];
    if (value != null) problems.add(`input.${field}`, partialDateProblem(value, `input.${field}`, "2026-07-06"));
  }
  if (input.timelineYear != null)
    problems.add("input.timelineYear", yearProblem(input.timelineYear, "input.timelineYear"));
  problems.add("input.location", optionalTextProblem(input.location, "input.location", LOCATION, EMPTY_HINT));
  problems.add("input.note", optionalTextProblem(input.note, "input.note", NOTE, EMPTY_HINT));
  problems.add("input.hostEconomy", optionalCodeProblem(input.hostEconomy, "input.hostEconomy", "economy"));
  const partOfProblem = optionalCodeProblem(input.partOf, "input.partOf", "event");
  problems.add("input.partOf", partOfProblem);
  if (input.partOf != null && !partOfProblem && input.partOf.trim().toLowerCase() === id) {
    problems.add("input.partOf", `Argument "input.partOf" names the event itself`);
  }
  const lists = [
    { field: "organisers", values: input.organisers?.map((o) => o.agency), kind: "agency", max: MAX_ORGANISERS },
    { field: "actionLines", values: input.actionLines, kind: "actionLine", max: MAX_ACTION_LINES },
    { field: "tracks", values: input.tracks, kind: "track", max: MAX_TRACKS },
  ] as const;
  for (const list of lists) {
    if (!list.values) continue;
    const arg = `input.${list.field}`;
    if (list.values.length > list.max)
      problems.add(arg, `Argument "${arg}" has ${list.values.length} items; at most ${list.max} are allowed`);
    if (list.field === "organisers" && list.values.length === 0)
      problems.add(arg, `Argument "${arg}" is empty; an event has at least one organiser`);
    list.values.forEach((value, i) => problems.add(arg, codeProblem(list.kind, value, `${arg}[${i}]`)));
    const repeated = duplicates(list.values.map((v) => v.trim()));
    if (repeated.length)
      problems.add(arg, `Argument "${arg}" names ${repeated.map((v) => JSON.stringify(v)).join(", ")} more than once`);
  }
}

/**
 * The codes of a write (checked by checkEventFields) in their stored spelling, without a statement: agencies, action
 * lines and economies as their owners spell them (data/known-codes.json), ids of events and tracks in lower case. Codes
 * no owner knows are recorded in `problems` (reported with the unknown tracks and parent, which need the database).
 */
export function resolveEventCodes(input: EventFields, problems: Problems): EventCodes {
  const known = (kind: KnownKind, field: string, what: string, values: readonly string[]): string[] => {
    const unknown: string[] = [];
    const resolved = values.map((value) => {
      const checked = checkKnownCode(kind, value, field);
      if (checked.code) return checked.code;
      unknown.push(value.trim());
      return value.trim();
    });
    if (unknown.length)
      problems.add(
        field,
        `Argument "${field}" names unknown ${what}s: ${unknown.map((v) => JSON.stringify(v)).join(", ")}`,
      );
    return resolved;
  };
  const codes: EventCodes = {};
  if (input.organisers) {
    const agencies = known(
      "agency",
      "input.organisers",
      "agency id",
      input.organisers.map((o) => o.agency),
    );
    codes.organisers = input.organisers.map((o, i) => ({ agency: agencies[i], role: o.role }));
  }
  if (input.actionLines)
    codes.actionLines = known("actionLine", "input.actionLines", "action-line code", input.actionLines);
  if (input.tracks) codes.tracks = input.tracks.map((t) => t.trim().toLowerCase());
  if (input.hostEconomy != null) {
    const checked = checkKnownCode("economy", input.hostEconomy, "input.hostEconomy");
    problems.add("input.hostEconomy", checked.problem);
    codes.hostEconomy = checked.code ?? input.hostEconomy.trim();
  } else if (input.hostEconomy === null) codes.hostEconomy = null;
  if (input.partOf !== undefined) codes.partOf = input.partOf === null ? null : input.partOf.trim().toLowerCase();
  return codes;
}

/** The days an event covers; its end must not come before its start, nor equal it. */
export function checkSpan(
  start: PartialDate,
  end: PartialDate | null,
  problems: Problems,
  field = "input.end",
): { firstDay: string; lastDay: string } {
  if (end && end.firstDay < start.firstDay) {
    problems.add(field, `Argument "${field}": the end (${end.value}) comes before the start (${start.value})`);
  }
  if (end && end.value === start.value)
    problems.add("input.end", `Argument "input.end" equals the start; leave it out for an event within its start`);
  return spanOf(start, end);
}
