import { getNamedType, isEnumType, isScalarType, type GraphQLInputType } from "graphql";
import { deepList, deepObject } from "./raw-json";

/**
 * The catalogues of bad values, per kind of input type: wrong types, empty, huge, negative and out-of-range numbers,
 * NUL and control characters, invalid dates, forged cursors, deep nesting, unknown enum values, SQL- and CSV-injection
 * text.
 */

const b64 = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value), "utf8").toString("base64url");

/** A bad value of the catalogue, with its label. */
export interface Bad {
  label: string;
  value: unknown;
  /** Whether the value can also be written as a GraphQL literal (strings and numbers within reason). */
  literal?: boolean;
}

const TEXT: Bad[] = [
  { label: "empty", value: "", literal: true },
  { label: "blank", value: "   ", literal: true },
  { label: "NUL byte", value: "a\u0000b", literal: true },
  { label: "only NUL", value: "\u0000", literal: true },
  { label: "ESC sequence", value: "\u001b[2J\u001b[31mred", literal: true },
  { label: "vertical tab and form feed", value: "a\u000bb\u000cc", literal: true },
  { label: "CR LF", value: "line\r\nSUMMARY:injected", literal: true },
  { label: "C1 control", value: "a\u0085b\u009b", literal: true },
  { label: "lone surrogate", value: "a\ud800b", literal: false },
  { label: "SQL injection", value: "' OR '1'='1'; DROP TABLE audit_log; --", literal: true },
  { label: "SQL comment and quote", value: "KEN'--", literal: true },
  { label: "CSV formula", value: '=HYPERLINK("http://127.0.0.1/x","y")', literal: true },
  { label: "CSV at-sign", value: "@SUM(1+1)*cmd|' /C calc'!A0", literal: true },
  { label: "path traversal", value: "../../../../etc/passwd", literal: true },
  { label: "HTML", value: "<script>alert(1)</script>", literal: true },
  { label: "zero-width and RTL marks", value: "C5\u200b\u202e", literal: true },
  { label: "emoji", value: "😀🏳️‍🌈", literal: true },
  { label: "percent-encoded NUL", value: "%00%0a", literal: true },
  { label: "like wildcards", value: "%_%\\", literal: true },
  { label: "huge (60 kB)", value: "x".repeat(60_000), literal: false },
  { label: "long (2 kB)", value: "é".repeat(2_000), literal: false },
  { label: "number as text", value: "1e400", literal: true },
  { label: "wrong type: number", value: 42, literal: true },
  { label: "wrong type: boolean", value: true, literal: true },
  { label: "wrong type: object", value: { a: 1 }, literal: false },
  { label: "wrong type: list", value: ["a"], literal: false },
  { label: "deep object (5000)", value: deepObject(5000), literal: false },
];

const CURSOR: Bad[] = [
  { label: "forged cursor: int4 + 1", value: b64(["o1", "internet_users_pct", "x", "KEN", 2147483648, ""]) },
  { label: "forged cursor: 10^10", value: b64([10000000000, "x"]) },
  { label: "forged cursor: [int, int]", value: b64(["2025-01-01", 2147483648]) },
  { label: "forged cursor: NUL", value: b64(["r1", "a\u0000b", 1]) },
  { label: "forged cursor: audit 10^19", value: b64("audit:10000000000000000000") },
  { label: "forged cursor: negative", value: b64(["c1", "-1", "a", "b", -2147483649, ""]) },
  { label: "forged cursor: not JSON", value: b64("{{{") },
  { label: "forged cursor: object", value: b64({ offset: 1e12 }) },
  { label: "forged cursor: NUL raw", value: "\u0000" },
  { label: "forged cursor: base64 padding", value: "YWJj==" },
  { label: "forged cursor: huge", value: "A".repeat(50_000) },
];

const INT: Bad[] = [
  { label: "negative", value: -1, literal: true },
  { label: "zero", value: 0, literal: true },
  { label: "int4 min", value: -2147483648, literal: true },
  { label: "int4 max", value: 2147483647, literal: true },
  { label: "beyond int4", value: 2147483648, literal: true },
  { label: "10^10", value: 10000000000, literal: true },
  { label: "fraction", value: 1.5, literal: true },
  { label: "wrong type: text", value: "12", literal: true },
  { label: "wrong type: boolean", value: false, literal: true },
];

const FLOAT: Bad[] = [
  { label: "huge", value: 1e308, literal: true },
  { label: "negative huge", value: -1e308, literal: true },
  { label: "denormal", value: 5e-324, literal: true },
  { label: "wrong type: text", value: "NaN", literal: true },
];

const BOOLEAN: Bad[] = [
  { label: "wrong type: text", value: "true", literal: true },
  { label: "wrong type: number", value: 1, literal: true },
];

const DATETIME: Bad[] = [
  { label: "word", value: "yesterday", literal: true },
  { label: "month 13", value: "2025-13-01T00:00:00Z", literal: true },
  { label: "day 32", value: "2025-01-32T00:00:00Z", literal: true },
  { label: "year 0", value: "0000-01-01T00:00:00Z", literal: true },
  { label: "year 275760+", value: "+275761-01-01T00:00:00Z", literal: true },
  { label: "date only", value: "2025-01-01", literal: true },
  { label: "empty", value: "", literal: true },
  { label: "NUL", value: "2025-01-01T00:00:00Z\u0000", literal: true },
  { label: "wrong type: number", value: 1e15, literal: true },
];

export const LIST_EXTRAS = (element: unknown): Bad[] => [
  { label: "empty list", value: [] },
  { label: "10,000 elements", value: Array.from({ length: 10_000 }, () => element) },
  { label: "list of null", value: [null] },
  { label: "nested lists (200)", value: deepList(200) },
];

export const OBJECT_EXTRAS: Bad[] = [
  { label: "empty object", value: {} },
  { label: "unknown field", value: { notAField: 1 } },
  { label: "wrong type: text", value: "x" },
  { label: "deep object (5000)", value: deepObject(5000) },
];

/** The bad values for a place of this type (`place` names it: a cursor argument gets forged cursors). */
export function catalogueFor(type: GraphQLInputType, place: string): Bad[] {
  const named = getNamedType(type);
  if (isEnumType(named)) {
    const first = named.getValues()[0]?.name ?? "A";
    return [
      { label: "unknown enum value", value: "NOT_A_VALUE" },
      { label: "lower-case enum value", value: first.toLowerCase() },
      { label: "empty", value: "" },
      { label: "wrong type: number", value: 1 },
    ];
  }
  if (isScalarType(named)) {
    switch (named.name) {
      case "Int":
        return INT;
      case "Float":
        return FLOAT;
      case "Boolean":
        return BOOLEAN;
      case "DateTimeISO":
      case "DateTime":
        return DATETIME;
      default:
        return /(^|\.)(after|before)$/.test(place) ? [...CURSOR, ...TEXT.slice(0, 4)] : TEXT;
    }
  }
  return [];
}
