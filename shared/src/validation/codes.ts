import { BadUserInputError } from "../errors";

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
