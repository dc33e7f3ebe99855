import { requireFormat, SHARED_CODE_FORMATS } from "@wsis/shared";

/**
 * Formats of the codes this subgraph's arguments take (it owns them; the agency id's format is the one every subgraph
 * checks, SHARED_CODE_FORMATS), and their canonical spelling. Codes are case-insensitive on
 * input and answered as stored: an action line is "C" and a number, a sub-line in lower case ("c7.E-Health" is
 * "C7.e-health"); SDG codes are digits with lower-case letters ("17.A" is "17.a"). Agency ids have no rule ("UN-Habitat"):
 * they are looked up ignoring case (agencyByIdIgnoringCase). A well-formed unknown code yields null, not an error.
 */
export const CODE_FORMATS = {
  agency: { pattern: SHARED_CODE_FORMATS.agency.pattern, example: "ITU", canonical: (code: string) => code },
  actionLine: {
    pattern: /^C\d{1,2}(\.[a-z][a-z-]{0,30})?$/,
    example: "C7.e-health",
    canonical: (code: string) => code.charAt(0).toUpperCase() + code.slice(1).toLowerCase(),
  },
  sdgGoal: { pattern: /^\d{1,2}$/, example: "17", canonical: (code: string) => code },
  sdgTarget: { pattern: /^\d{1,2}\.[0-9a-z]{1,2}$/, example: "17.8", canonical: (code: string) => code.toLowerCase() },
  sdgIndicator: {
    pattern: /^\d{1,2}\.[0-9a-z]{1,2}\.\d{1,2}$/,
    example: "17.8.1",
    canonical: (code: string) => code.toLowerCase(),
  },
} as const;

/** The code in its canonical spelling; BAD_USER_INPUT naming `argumentName` when it is malformed. */
export function checkCode(kind: keyof typeof CODE_FORMATS, value: string, argumentName: string): string {
  const { pattern, example, canonical } = CODE_FORMATS[kind];
  const code = canonical(value.trim());
  // A malformed code is refused as the client wrote it.
  return pattern.test(code) ? code : requireFormat(value, pattern, argumentName, example);
}
