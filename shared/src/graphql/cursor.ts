import { BadUserInputError } from "../errors";

/**
 * Opaque page cursors, validated on the way in. A cursor is the base64url of a JSON array `[tag, ...fields]`; the tag
 * names the list it belongs to and each field is checked against its declared kind, so a forged cursor can never reach
 * SQL as a value PostgreSQL rejects (an integer out of range, a string with a NUL byte, a decimal id that is not one).
 * Every refusal is BAD_USER_INPUT naming the argument.
 */

/** PostgreSQL `integer` bounds (int4). */
export const INT4_MIN = -2147483648;
export const INT4_MAX = 2147483647;

/** The longest cursor any list accepts; a longer one is refused before it is decoded. */
export const MAX_CURSOR_LENGTH = 1024;

export type CursorField =
  /** An integer within [min, max] (PostgreSQL int4 by default). */
  | { kind: "int"; min?: number; max?: number }
  /** A string of at most `max` characters without control characters (NUL included). */
  | { kind: "text"; max: number }
  /** A positive decimal integer written as text (a bigint id), 1 to 18 digits: always within int8. */
  | { kind: "bigint" }
  /** A calendar day, YYYY-MM-DD, that exists. */
  | { kind: "day" };

type FieldValue<F extends CursorField> = F extends { kind: "int" } ? number : string;
export type CursorValues<F extends readonly CursorField[]> = { [K in keyof F]: FieldValue<F[K]> };

// C0 controls, DEL and C1 controls: never part of a code, an id or a key.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function validDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

function fieldIsValid(field: CursorField, value: unknown): boolean {
  switch (field.kind) {
    case "int":
      return (
        Number.isSafeInteger(value) &&
        (value as number) >= (field.min ?? INT4_MIN) &&
        (value as number) <= (field.max ?? INT4_MAX)
      );
    case "text":
      return typeof value === "string" && value.length <= field.max && !CONTROL.test(value);
    case "bigint":
      return typeof value === "string" && /^[1-9][0-9]{0,17}$/.test(value);
    case "day":
      return typeof value === "string" && validDay(value);
  }
}

export interface CursorCodec<F extends readonly CursorField[]> {
  encode(values: CursorValues<F>): string;
  /**
   * The fields of a cursor of this list; BAD_USER_INPUT naming `argumentName` when it is not one (unreadable, of
   * another list, or with a field out of its range). `hint` ends the message (what to pass instead).
   */
  decode(cursor: string, argumentName?: string, hint?: string): CursorValues<F>;
}

export function cursorCodec<const F extends readonly CursorField[]>(tag: string, fields: F): CursorCodec<F> {
  return {
    encode(values) {
      return Buffer.from(JSON.stringify([tag, ...(values as readonly unknown[])]), "utf8").toString("base64url");
    },
    decode(
      cursor,
      argumentName = "after",
      hint = "pass an endCursor (or an edge's cursor) of the same list and filter",
    ) {
      const refuse = (): never => {
        throw new BadUserInputError(`Argument "${argumentName}" is not a cursor of this list; ${hint}`, argumentName);
      };
      if (
        typeof cursor !== "string" ||
        cursor.length === 0 ||
        cursor.length > MAX_CURSOR_LENGTH ||
        !BASE64URL.test(cursor)
      ) {
        return refuse();
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
      } catch {
        return refuse();
      }
      if (!Array.isArray(parsed) || parsed.length !== fields.length + 1 || parsed[0] !== tag) return refuse();
      const values = parsed.slice(1);
      fields.forEach((field, i) => {
        if (!fieldIsValid(field, values[i])) refuse();
      });
      return values as CursorValues<F>;
    },
  };
}
