import { BadUserInputError } from "../errors";
import type { KnownCodes } from "../known/known-codes";
import { forbiddenControlCharacter } from "./text";

/** Checks a code argument against its format; a well-formed unknown code is not an error (it yields null). */
export function requireFormat(value: string, pattern: RegExp, argumentName: string, example: string): string {
  const trimmed = value.trim();
  if (!pattern.test(trimmed)) {
    throw new BadUserInputError(
      `Argument "${argumentName}" has an invalid value ${JSON.stringify(value)}; expected a code such as "${example}"`,
      argumentName,
    );
  }
  return trimmed;
}

/** Bounds a list argument, so no request can ask for an unbounded amount of work. */
export function requireMaxLength<T>(values: readonly T[], max: number, argumentName: string): readonly T[] {
  if (values.length > max) {
    throw new BadUserInputError(
      `Argument "${argumentName}" has ${values.length} items; at most ${max} are allowed`,
      argumentName,
    );
  }
  return values;
}

/** The format of a kind of code: what it looks like (after trimming, and lower-casing where `lowerCase`). */
export interface CodeFormat {
  pattern: RegExp;
  /** Shown in the message of a malformed code: `expected a code such as "<example>"`. */
  example: string;
  /** Its name in messages: `names an unknown <what> "..."`. */
  what: string;
  /** Ids stored in lower case (slugs): "WSIS-Forum-2025" is "wsis-forum-2025". */
  lowerCase?: boolean;
}

/** The format of a slug id: lower-case letters and digits in hyphen-separated words, at most `max` characters. */
export function slugFormat(max: number, example: string, what: string): CodeFormat {
  return { pattern: new RegExp(`^(?=.{1,${max}}$)[a-z0-9]+(-[a-z0-9]+)*$`), example, what, lowerCase: true };
}

/**
 * The codes that cross subgraphs, in the format their owner gives them, for every subgraph that takes them: agencies
 * and action lines and SDG goals (action-lines), economies and indicators (indicators), the roadmap's events (events).
 */
export const SHARED_CODE_FORMATS = {
  agency: { pattern: /^[A-Za-z][A-Za-z0-9-]{0,31}$/, example: "ITU", what: "agency id" },
  actionLine: {
    pattern: /^[Cc]\d{1,2}(\.[A-Za-z][A-Za-z-]{0,30})?$/,
    example: "C7.e-health",
    what: "action-line code",
  },
  sdgGoal: { pattern: /^\d{1,2}$/, example: "17", what: "SDG goal" },
  // ISO 3166 alpha-3 for countries, M49 (up to three digits) for aggregates such as World ("001" or "1").
  economy: { pattern: /^([A-Za-z]{3}|\d{1,3})$/, example: "KEN", what: "economy code" },
  indicator: { pattern: /^[A-Za-z][A-Za-z0-9_.]{1,63}$/, example: "internet_users_pct", what: "indicator code" },
  event: slugFormat(80, "wsis-forum-2025", "event id"),
} as const satisfies Record<string, CodeFormat>;

export type CheckedCode = { code: string; problem: null } | { code: null; problem: string };

/** The checks of a subgraph's code arguments: its own ids and the codes of others it knows (from `known`). */
export interface CodeRules<K extends string, KK extends K> {
  /** The code trimmed, and lower-cased where the ids are lower case. */
  normalised(kind: K, value: string): string;
  /** The problem with a code argument (a control character, a malformed code), or null. */
  problem(kind: K, value: string, argumentName: string): string | null;
  /** The code in its stored form; BAD_USER_INPUT naming the argument when malformed (a lookup of an unknown one is null). */
  check(kind: K, value: string, argumentName: string): string;
  /** A code another subgraph owns, as its owner spells it; the problem when it is malformed or the owner has none such. */
  known(kind: KK, value: string, argumentName: string): CheckedCode;
  /** Like `known`, but throws the problem (BAD_USER_INPUT naming the argument). */
  requireKnown(kind: KK, value: string, argumentName: string): string;
}

/**
 * The one way a subgraph checks codes: case-insensitive on input, used as their owner spells them. A malformed code is
 * BAD_USER_INPUT; a code of another subgraph that its owner does not know is BAD_USER_INPUT in a filter or a write.
 */
export function codeRules<K extends string, KK extends K>(
  formats: Record<K, CodeFormat>,
  known: KnownCodes<KK>,
): CodeRules<K, KK> {
  const normalised = (kind: K, value: string) => (formats[kind].lowerCase ? value.trim().toLowerCase() : value.trim());
  const problem = (kind: K, value: string, argumentName: string): string | null => {
    const control = forbiddenControlCharacter(value);
    if (control) return `Argument "${argumentName}" contains the control character ${control}, which is not allowed`;
    const { pattern, example } = formats[kind];
    if (pattern.test(normalised(kind, value))) return null;
    return `Argument "${argumentName}" has an invalid value ${JSON.stringify(value)}; expected a code such as "${example}"`;
  };
  const knownCode = (kind: KK, value: string, argumentName: string): CheckedCode => {
    const malformed = problem(kind, value, argumentName);
    if (malformed) return { code: null, problem: malformed };
    const code = known.canonical(kind, value);
    if (code) return { code, problem: null };
    return {
      code: null,
      problem: `Argument "${argumentName}" names an unknown ${formats[kind].what} ${JSON.stringify(value.trim())}`,
    };
  };
  return {
    normalised,
    problem,
    check: (kind, value, argumentName) => {
      const malformed = problem(kind, value, argumentName);
      if (malformed) throw new BadUserInputError(malformed, argumentName);
      return normalised(kind, value);
    },
    known: knownCode,
    requireKnown: (kind, value, argumentName) => {
      const checked = knownCode(kind, value, argumentName);
      if (checked.problem !== null) throw new BadUserInputError(checked.problem, argumentName);
      return checked.code;
    },
  };
}
