import { GraphQLError } from "graphql";
import { BadUserInputError, createLogger, maskErrors, requireFormat, requireMaxLength } from "../src";

describe("error handling", () => {
  const mask = maskErrors(createLogger("test", "silent"));

  it("passes client errors through with their code and without a stack trace", () => {
    const error = new BadUserInputError('Argument "code" is bad', "code");
    const out = mask(
      { message: error.message, extensions: { code: "BAD_USER_INPUT", argumentName: "code", stacktrace: ["at x"] } },
      error,
    );
    expect(out).toEqual({
      message: 'Argument "code" is bad',
      extensions: { code: "BAD_USER_INPUT", argumentName: "code" },
    });
  });

  it("masks internal errors: no message, no SQL, a stable code", () => {
    const error = new GraphQLError('relation "secret_table" does not exist', {
      originalError: new Error('relation "secret_table" does not exist'),
    });
    const out = mask(
      {
        message: error.message,
        path: ["x"],
        extensions: { code: "INTERNAL_SERVER_ERROR", stacktrace: ["at db.ts:1"] },
      },
      error,
    );
    expect(out).toEqual({
      message: "Internal server error",
      locations: undefined,
      path: ["x"],
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
  });

  it("checks code formats and list bounds, naming the argument", () => {
    expect(requireFormat(" C5 ", /^C\d+$/, "code", "C5")).toBe("C5");
    expect(() => requireFormat("C5;", /^C\d+$/, "code", "C5")).toThrow(/Argument "code"/);
    expect(() => requireMaxLength([1, 2, 3], 2, "economies")).toThrow(/"economies" has 3 items; at most 2/);
  });
});
