import { BadUserInputError, forbiddenControlCharacter } from "@wsis/shared";
import { knownCodes, type KnownKind } from "./known/known-codes";

/**
 * Formats of the codes this subgraph's arguments take. Codes are case-insensitive on input and used as their owner
 * spells them: the ids of events and tracks are lower case ("WSIS-Forum-2025" is "wsis-forum-2025"); agencies, action
 * lines and economies are spelled as in data/known-codes.json ("unesco" is "UNESCO", "c7.E-Health" is "C7.e-health",
 * "che" and "756" are "CHE").
 */
export const CODE_FORMATS = {
  event: { pattern: /^(?=.{1,80}$)[a-z0-9]+(-[a-z0-9]+)*$/, example: "wsis-forum-2025", what: "event id" },
  track: { pattern: /^(?=.{1,80}$)[a-z0-9]+(-[a-z0-9]+)*$/, example: "wsis-forum", what: "roadmap track id" },
  agency: { pattern: /^[A-Za-z][A-Za-z0-9-]{0,31}$/, example: "ITU", what: "agency id" },
  actionLine: { pattern: /^[Cc]\d{1,2}(\.[A-Za-z][A-Za-z-]{0,30})?$/, example: "C7.e-health", what: "action-line code" },
  economy: { pattern: /^([A-Za-z]{3}|\d{1,3})$/, example: "CHE", what: "economy code (ISO 3166 alpha-3)" },
} as const;

export type CodeKind = keyof typeof CODE_FORMATS;

/** The code trimmed, and lower-cased where this subgraph's own ids are (events, tracks). */
function normalised(kind: CodeKind, value: string): string {
  const trimmed = value.trim();
  return kind === "event" || kind === "track" ? trimmed.toLowerCase() : trimmed;
}

/** The problem with a code argument (a control character, a malformed code), or null. */
export function codeProblem(kind: CodeKind, value: string, argumentName: string): string | null {
  const control = forbiddenControlCharacter(value);
  if (control) return `Argument "${argumentName}" contains the control character ${control}, which is not allowed`;
  const { pattern, example } = CODE_FORMATS[kind];
  if (pattern.test(normalised(kind, value))) return null;
  return `Argument "${argumentName}" has an invalid value ${JSON.stringify(value)}; expected a code such as "${example}"`;
}

/** An id of this subgraph (event, track) in its stored form; BAD_USER_INPUT naming the argument when malformed. */
export function checkCode(kind: "event" | "track", value: string, argumentName: string): string {
  const problem = codeProblem(kind, value, argumentName);
  if (problem) throw new BadUserInputError(problem, argumentName);
  return normalised(kind, value);
}

export type CheckedCode = { code: string; problem: null } | { code: null; problem: string };

/** A code another subgraph owns, as its owner spells it; the problem when it is malformed or the owner has none such. */
export function checkKnownCode(kind: KnownKind, value: string, argumentName: string): CheckedCode {
  const problem = codeProblem(kind, value, argumentName);
  if (problem) return { code: null, problem };
  const code = knownCodes.canonical(kind, value);
  if (code) return { code, problem: null };
  return { code: null, problem: `Argument "${argumentName}" names an unknown ${CODE_FORMATS[kind].what} ${JSON.stringify(value.trim())}` };
}
