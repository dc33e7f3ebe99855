import { codeRules, SHARED_CODE_FORMATS, slugFormat } from "@wsis/shared";
import { knownCodes } from "./known-codes";

/**
 * The codes this subgraph's arguments take. Codes are case-insensitive on input and used as their owner spells them:
 * the ids of reports, series, templates and events are lower case ("WSIS20-Progress-Report" is
 * "wsis20-progress-report"); agencies, action lines, economies and indicators are spelled as in data/known-codes.json
 * ("itu" is "ITU", "c7.E-Health" is "C7.e-health", "ken" and "404" are "KEN"). A malformed code is BAD_USER_INPUT; so is
 * a code that no owner knows, in a filter or a write; a lookup of an unknown id gives null.
 */
export const CODE_FORMATS = {
  report: slugFormat(100, "wsis20-action-line-review-c5", "report id"),
  series: slugFormat(100, "wsis20-action-line-reviews", "series id"),
  template: slugFormat(100, "template-action-line-facilitator-reports", "template id"),
  ...SHARED_CODE_FORMATS,
};

export const codes = codeRules(CODE_FORMATS, knownCodes);

/** The problem with a code argument (a control character, a malformed code), or null. */
export const codeProblem = codes.problem;

/** An id of this subgraph (report, series, template) in its stored form; BAD_USER_INPUT naming the argument when malformed. */
export const checkCode = codes.check;

/** A code another subgraph owns, as its owner spells it; the problem when it is malformed or the owner has none such. */
export const checkKnownCode = codes.known;

/** Like checkKnownCode, but throws the problem (BAD_USER_INPUT naming the argument). */
export const requireKnownCode = codes.requireKnown;
