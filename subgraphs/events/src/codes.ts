import { requireFormat } from "@wsis/shared";

/** Formats of the codes this subgraph's arguments take. A well-formed unknown id yields null, not an error. */
export const CODE_FORMATS = {
  event: { pattern: /^(?=.{1,80}$)[a-z0-9]+(-[a-z0-9]+)*$/, example: "wsis-forum-2025" },
  track: { pattern: /^(?=.{1,80}$)[a-z0-9]+(-[a-z0-9]+)*$/, example: "wsis-forum" },
  agency: { pattern: /^[A-Za-z][A-Za-z0-9-]{0,31}$/, example: "ITU" },
  actionLine: { pattern: /^C\d{1,2}(\.[a-z][a-z-]{0,30})?$/, example: "C7.e-health" },
} as const;

export type CodeKind = keyof typeof CODE_FORMATS;

export function checkCode(kind: CodeKind, value: string, argumentName: string): string {
  const { pattern, example } = CODE_FORMATS[kind];
  return requireFormat(value, pattern, argumentName, example);
}

/** Like checkCode, but returns the problem instead of throwing (to report several at once). */
export function codeProblem(kind: CodeKind, value: string, argumentName: string): string | null {
  const { pattern, example } = CODE_FORMATS[kind];
  if (pattern.test(value.trim())) return null;
  return `Argument "${argumentName}" has an invalid value ${JSON.stringify(value)}; expected a code such as "${example}"`;
}
