import { BadUserInputError, cursorCodec, forbiddenControlCharacter, Problems, textProblem } from "../src";

const codec = cursorCodec("t1", [
  { kind: "text", max: 8 },
  { kind: "int" },
  { kind: "bigint" },
  { kind: "day" },
] as const);
const forge = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");

function refusal(run: () => unknown): BadUserInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof BadUserInputError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("cursorCodec", () => {
  it("round-trips what it encodes", () => {
    const cursor = codec.encode(["KEN", 2021, "42", "2025-07-07"]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(codec.decode(cursor)).toEqual(["KEN", 2021, "42", "2025-07-07"]);
  });

  it.each([
    ["an integer beyond int4", forge(["t1", "KEN", 2147483648, "1", "2025-01-01"])],
    ["an integer beyond int4 (10^10)", forge(["t1", "KEN", 10000000000, "1", "2025-01-01"])],
    ["a fraction", forge(["t1", "KEN", 1.5, "1", "2025-01-01"])],
    ["a NUL byte in text", forge(["t1", "K\u0000N", 1, "1", "2025-01-01"])],
    ["an ESC in text", forge(["t1", "K\u001bN", 1, "1", "2025-01-01"])],
    ["text too long", forge(["t1", "ABCDEFGHI", 1, "1", "2025-01-01"])],
    ["a bigint with 19 digits", forge(["t1", "KEN", 1, "1234567890123456789", "2025-01-01"])],
    ["a bigint that is not decimal", forge(["t1", "KEN", 1, "1e5", "2025-01-01"])],
    ["a day that does not exist", forge(["t1", "KEN", 1, "1", "2025-02-30"])],
    ["another list's tag", forge(["x1", "KEN", 1, "1", "2025-01-01"])],
    ["too few fields", forge(["t1", "KEN", 1])],
    ["an object", forge({ a: 1 })],
    ["not base64url", "abc+/="],
    ["not JSON", Buffer.from("{{", "utf8").toString("base64url")],
    ["empty", ""],
    ["too long", "A".repeat(1025)],
  ])("refuses %s with BAD_USER_INPUT naming the argument", (_label, cursor) => {
    const error = refusal(() => codec.decode(cursor, "after"));
    expect(error.extensions.code).toBe("BAD_USER_INPUT");
    expect(error.extensions.argumentName).toBe("after");
  });
});

describe("text checks", () => {
  it("names the first control character", () => {
    expect(forbiddenControlCharacter("a\u0000b")).toBe("U+0000");
    expect(forbiddenControlCharacter("a\u000bb", { multiline: true })).toBe("U+000B");
    expect(forbiddenControlCharacter("a\u001b[31m")).toBe("U+001B");
    expect(forbiddenControlCharacter("a\u0085b")).toBe("U+0085");
    expect(forbiddenControlCharacter("line one\nline two\tend", { multiline: true })).toBeNull();
    expect(forbiddenControlCharacter("line one\nline two")).toBe("U+000A");
    expect(forbiddenControlCharacter("Côte d’Ivoire — 東京")).toBeNull();
  });

  it("reports control characters, blanks and lengths", () => {
    expect(textProblem("ok", "input.title", { max: 5 })).toBeNull();
    expect(textProblem("a\u0000", "input.title", { max: 5 })).toMatch(/input\.title.*U\+0000/);
    expect(textProblem("  ", "input.title", { max: 5 })).toMatch(/empty/);
    expect(textProblem("  ", "input.note", { max: 5, allowEmpty: true })).toBeNull();
    expect(textProblem("abcdef", "input.title", { max: 5 })).toMatch(/6 characters; at most 5/);
  });
});

describe("Problems", () => {
  it("throws nothing when there is no problem, and every problem at once otherwise", () => {
    const none = new Problems();
    none.add("a", null);
    expect(() => none.throwIfAny()).not.toThrow();

    const some = new Problems();
    some.add("input.title", "title is bad");
    some.add("input.note", null);
    some.add("input.location", "location is bad");
    some.add("input.title", "title is also long");
    const error = refusal(() => some.throwIfAny());
    expect(error.message).toBe("title is bad; location is bad; title is also long");
    expect(error.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "input.title",
      invalidArguments: ["input.title", "input.location"],
    });
  });
});
