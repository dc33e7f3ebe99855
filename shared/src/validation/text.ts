/**
 * Text a client writes: no NUL byte (PostgreSQL refuses it in text), no other control character (RFC 5545 forbids them
 * in calendar TEXT, CSV and terminals misread them). Tab, line feed and carriage return are allowed in multi-line text
 * only. The check names the first offending character by its code point so that a client can find it.
 */

// C0 controls, DEL and the C1 controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- likewise
const CONTROL_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The first control character of `value` not allowed in it (as U+XXXX), or null when there is none. */
export function forbiddenControlCharacter(value: string, options: { multiline?: boolean } = {}): string | null {
  const match = (options.multiline ? CONTROL_EXCEPT_LINE_BREAKS : CONTROL).exec(value);
  return match ? codePoint(match[0]) : null;
}

export interface TextRule {
  /** Longest allowed length after trimming. */
  max: number;
  /** Tab and line breaks allowed (notes, descriptions); single-line fields (titles, codes) refuse them. */
  multiline?: boolean;
  /** An empty (blank) value is allowed; otherwise it is a problem. */
  allowEmpty?: boolean;
}

/** The problem with a written text field, or null: control characters, blank, too long. */
export function textProblem(value: string, field: string, rule: TextRule): string | null {
  const control = forbiddenControlCharacter(value, rule);
  if (control)
    return `Argument "${field}" contains the control character ${control}, which is not allowed${rule.multiline ? " (only tab and line breaks are)" : ""}`;
  const length = value.trim().length;
  if (length === 0 && !rule.allowEmpty) return `Argument "${field}" is empty`;
  if (length > rule.max) return `Argument "${field}" has ${length} characters; at most ${rule.max} are allowed`;
  return null;
}

/**
 * The problem with an optional written text: null (none, or clears it) and a field left out are fine; an empty or
 * blank string is refused rather than taken for null (the message ends with `hint`, what to pass instead); so are
 * control characters and an excess of length.
 */
export function optionalTextProblem(
  value: string | null | undefined,
  field: string,
  rule: TextRule,
  hint = "leave it out, or pass null",
): string | null {
  if (value == null) return null;
  const problem = textProblem(value, field, rule);
  return problem && value.trim() === "" && !forbiddenControlCharacter(value, rule) ? `${problem}; ${hint}` : problem;
}
