import { requireFormat } from "@wsis/shared";

/**
 * Formats of the codes this subgraph's arguments take. A malformed code is BAD_USER_INPUT naming the argument; a
 * well-formed code that nothing references is not an error (a lookup yields null, a filter matches nothing): the
 * codes of agencies, action lines, economies, indicators and events belong to other subgraphs, which this one does not
 * ask.
 */
export const CODE_FORMATS = {
  report: { pattern: /^(?=.{1,100}$)[a-z0-9]+(-[a-z0-9]+)*$/, example: "wsis20-action-line-review-c5" },
  series: { pattern: /^(?=.{1,100}$)[a-z0-9]+(-[a-z0-9]+)*$/, example: "wsis20-action-line-reviews" },
  template: { pattern: /^(?=.{1,100}$)[a-z0-9]+(-[a-z0-9]+)*$/, example: "template-action-line-facilitator-reports" },
  agency: { pattern: /^[A-Za-z][A-Za-z0-9-]{0,31}$/, example: "ITU" },
  actionLine: { pattern: /^C\d{1,2}(\.[a-z][a-z-]{0,30})?$/, example: "C7.e-health" },
  // ISO 3166 alpha-3 for countries, M49 (up to three digits) for aggregates such as World ("001" or "1").
  economy: { pattern: /^([A-Z]{3}|\d{1,3})$/, example: "KEN" },
  indicator: { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, example: "IT_USE_ii99" },
  event: { pattern: /^(?=.{1,100}$)[a-z0-9]+(-[a-z0-9]+)*$/, example: "wsis-forum-2025" },
} as const;

export type CodeKind = keyof typeof CODE_FORMATS;

export function checkCode(kind: CodeKind, value: string, argumentName: string): string {
  const { pattern, example } = CODE_FORMATS[kind];
  return requireFormat(value, pattern, argumentName, example);
}
