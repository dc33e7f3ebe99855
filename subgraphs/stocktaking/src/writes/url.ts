import { optionalTextProblem } from "@wsis/shared";

/** Web addresses the hub stores: http or https, at most 2000 characters. */
const URL_RULE = { max: 2000 };

/** The problem with an optional web address argument, or null. */
export function urlProblem(value: string | null | undefined, name: string): string | null {
  const problem = optionalTextProblem(value, name, URL_RULE);
  if (problem || value == null) return problem;
  try {
    const url = new URL(value.trim());
    if (url.protocol === "http:" || url.protocol === "https:") return null;
  } catch {
    // not a URL
  }
  return `Argument "${name}" has an invalid value ${JSON.stringify(value)}; expected an http or https address`;
}
