import { codeRules, SHARED_CODE_FORMATS } from "@wsis/shared";
import { knownCodes } from "./known-codes";

/**
 * The codes this subgraph's arguments take. Entries are numbers (their id, given on submission); prize cycles are
 * years. Agencies, action lines, SDG goals, economies and events are spelled as their owners spell them, case-insensitive
 * on input ("c7.E-Health" is "C7.e-health", "ken" and "404" are "KEN", "03" is "3"). A malformed code is
 * BAD_USER_INPUT; so is a code no owner knows, in a filter or a write.
 */
export const CODE_FORMATS = {
  entry: { pattern: /^[1-9][0-9]{0,17}$/, example: "42", what: "Stocktaking entry id" },
  ...SHARED_CODE_FORMATS,
};

export const codes = codeRules(CODE_FORMATS, knownCodes);

/** The problem with a code argument (a control character, a malformed code), or null. */
export const codeProblem = codes.problem;

/** An entry id in its stored form (decimal text); BAD_USER_INPUT naming the argument when malformed. */
export const checkCode = codes.check;

/** A code another subgraph owns, as its owner spells it; the problem when it is malformed or the owner has none such. */
export const checkKnownCode = codes.known;

/** Like checkKnownCode, but throws the problem (BAD_USER_INPUT naming the argument). */
export const requireKnownCode = codes.requireKnown;
