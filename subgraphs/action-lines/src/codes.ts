import { requireFormat } from "@wsis/shared";

/** Formats of the codes this subgraph's arguments take. A well-formed unknown code yields null, not an error. */
export const CODE_FORMATS = {
  agency: { pattern: /^[A-Za-z][A-Za-z0-9-]{0,31}$/, example: "ITU" },
  actionLine: { pattern: /^C\d{1,2}(\.[a-z][a-z-]{0,30})?$/, example: "C7.e-health" },
  sdgGoal: { pattern: /^\d{1,2}$/, example: "17" },
  sdgTarget: { pattern: /^\d{1,2}\.[0-9a-z]{1,2}$/, example: "17.8" },
  sdgIndicator: { pattern: /^\d{1,2}\.[0-9a-z]{1,2}\.\d{1,2}$/, example: "17.8.1" },
} as const;

export function checkCode(kind: keyof typeof CODE_FORMATS, value: string, argumentName: string): string {
  const { pattern, example } = CODE_FORMATS[kind];
  return requireFormat(value, pattern, argumentName, example);
}
