import { BadUserInputError, forbiddenControlCharacter } from "@wsis/shared";
import { knownCodes, type KnownKind } from "./known";

/**
 * Formats of the codes this subgraph's arguments take. Codes are case-insensitive on input and used as their owner
 * spells them: the ids of reports, series, templates and events are lower case ("WSIS20-Progress-Report" is
 * "wsis20-progress-report"); agencies, action lines, economies and indicators are spelled as in data/known-codes.json
 * ("itu" is "ITU", "c7.E-Health" is "C7.e-health", "ken" and "404" are "KEN"). A malformed code is BAD_USER_INPUT; so is
 * a code that no owner knows, in a filter or a write; a lookup of an unknown id gives null.
 */
export const CODE_FORMATS = {
  report: { pattern: /^(?=.{1,100}$)[a-z0-9]+(-[a-z0-9]+)*$/, example: "wsis20-action-line-review-c5", what: "report id" },
  series: { pattern: /^(?=.{1,100}$)[a-z0-9]+(-[a-z0-9]+)*$/, example: "wsis20-action-line-reviews", what: "series id" },
  template: { pattern: /^(?=.{1,100}$)[a-z0-9]+(-[a-z0-9]+)*$/, example: "template-action-line-facilitator-reports", what: "template id" },
  event: { pattern: /^(?=.{1,100}$)[a-z0-9]+(-[a-z0-9]+)*$/, example: "wsis-forum-2025", what: "event id" },
  agency: { pattern: /^[A-Za-z][A-Za-z0-9-]{0,31}$/, example: "ITU", what: "agency id" },
  actionLine: { pattern: /^[Cc]\d{1,2}(\.[A-Za-z][A-Za-z-]{0,30})?$/, example: "C7.e-health", what: "action-line code" },
  // ISO 3166 alpha-3 for countries, M49 (up to three digits) for aggregates such as World ("001" or "1").
  economy: { pattern: /^([A-Za-z]{3}|\d{1,3})$/, example: "KEN", what: "economy code" },
  indicator: { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, example: "internet_users_pct", what: "indicator code" },
} as const;

export type CodeKind = keyof typeof CODE_FORMATS;
type OwnKind = "report" | "series" | "template";

/** The code trimmed, and lower-cased where the ids are lower case (reports, series, templates, events). */
function normalised(kind: CodeKind, value: string): string {
  const trimmed = value.trim();
  return kind === "report" || kind === "series" || kind === "template" || kind === "event" ? trimmed.toLowerCase() : trimmed;
}

/** The problem with a code argument (a control character, a malformed code), or null. */
export function codeProblem(kind: CodeKind, value: string, argumentName: string): string | null {
  const control = forbiddenControlCharacter(value);
  if (control) return `Argument "${argumentName}" contains the control character ${control}, which is not allowed`;
  const { pattern, example } = CODE_FORMATS[kind];
  if (pattern.test(normalised(kind, value))) return null;
  return `Argument "${argumentName}" has an invalid value ${JSON.stringify(value)}; expected a code such as "${example}"`;
}

/** An id of this subgraph (report, series, template) in its stored form; BAD_USER_INPUT naming the argument when malformed. */
export function checkCode(kind: OwnKind, value: string, argumentName: string): string {
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

/** Like checkKnownCode, but throws the problem (BAD_USER_INPUT naming the argument). */
export function requireKnownCode(kind: KnownKind, value: string, argumentName: string): string {
  const checked = checkKnownCode(kind, value, argumentName);
  if (checked.problem !== null) throw new BadUserInputError(checked.problem, argumentName);
  return checked.code;
}
