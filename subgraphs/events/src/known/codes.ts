import { codeRules, SHARED_CODE_FORMATS, slugFormat } from "@wsis/shared";
import { knownCodes } from "./known-codes";

/**
 * The codes this subgraph's arguments take. Codes are case-insensitive on input and used as their owner spells them:
 * the ids of events and tracks are lower case ("WSIS-Forum-2025" is "wsis-forum-2025"); agencies, action lines and
 * economies are spelled as in data/known-codes.json ("unesco" is "UNESCO", "c7.E-Health" is "C7.e-health", "che" and
 * "756" are "CHE").
 */
export const CODE_FORMATS = {
  event: SHARED_CODE_FORMATS.event,
  track: slugFormat(80, "wsis-forum", "roadmap track id"),
  agency: SHARED_CODE_FORMATS.agency,
  actionLine: SHARED_CODE_FORMATS.actionLine,
  economy: SHARED_CODE_FORMATS.economy,
};

export type CodeKind = keyof typeof CODE_FORMATS;

export const codes = codeRules(CODE_FORMATS, knownCodes);

/** The problem with a code argument (a control character, a malformed code), or null. */
export const codeProblem = codes.problem;

/** An id of this subgraph (event, track) in its stored form; BAD_USER_INPUT naming the argument when malformed. */
export const checkCode = codes.check;

/** A code another subgraph owns, as its owner spells it; the problem when it is malformed or the owner has none such. */
export const checkKnownCode = codes.known;
