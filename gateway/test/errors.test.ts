import { Writable } from "node:stream";
import { runInRequestScope } from "@wsis/shared";
import { GraphQLError, parse, type GraphQLFormattedError } from "graphql";
import pino from "pino";
import { formatGatewayError } from "../src/errors";

/** A logger whose JSON lines are kept for inspection. */
function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: "info" }, stream), lines };
}

function format(error: GraphQLError, requestId = "req-1") {
  const { log, lines } = capturingLogger();
  const formatted: GraphQLFormattedError = {
    ...error.toJSON(),
    extensions: { ...error.extensions, code: error.extensions.code ?? "INTERNAL_SERVER_ERROR" },
  };
  const out = runInRequestScope({ requestId }, () => formatGatewayError(log)(formatted, error));
  return { out, lines };
}

/** An error as @apollo/gateway passes on a subgraph's error: its extensions plus `serviceName`. */
function fromSubgraph(message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, {
    path: ["actionLine"],
    extensions: { ...extensions, serviceName: "action-lines" },
    originalError: { message, extensions } as unknown as Error,
  });
}

describe("the gateway's error masking", () => {
  it.each(["BAD_USER_INPUT", "NOT_FOUND", "FORBIDDEN", "UNAUTHENTICATED", "INVALID_TRANSITION", "CONFLICT"])(
    "passes a subgraph's %s through with its message, code, public extensions and the request id",
    (code) => {
      const { out, lines } = format(
        fromSubgraph('Argument "code" is not a WSIS action line code', {
          code,
          argumentName: "code",
          stacktrace: ["at x.ts:1"],
        }),
      );
      expect(out).toEqual({
        message: 'Argument "code" is not a WSIS action line code',
        path: ["actionLine"],
        extensions: { code, argumentName: "code", service: "action-lines", requestId: "req-1" },
      });
      expect(lines).toEqual([]);
    },
  );

  it.each([
    ["an internal error already masked by the subgraph", { code: "INTERNAL_SERVER_ERROR" }],
    ["an error with a code not meant for clients", { code: "GRAPHQL_VALIDATION_FAILED" }],
    ["an error without a code", {}],
  ])("masks %s from a subgraph, and logs it in full with the request id", (_name, extensions) => {
    const { out, lines } = format(fromSubgraph('relation "secret_table" does not exist', extensions), "req-2");
    expect(out).toEqual({
      message: "Internal server error",
      path: ["actionLine"],
      extensions: { code: "INTERNAL_SERVER_ERROR", requestId: "req-2" },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      requestId: "req-2",
      subgraph: "action-lines",
      message: 'relation "secret_table" does not exist',
    });
  });

  it("masks the gateway's own internal errors (no message, no stack)", () => {
    const error = new GraphQLError("Cannot read properties of undefined (reading 'x')", {
      originalError: new TypeError("Cannot read properties of undefined (reading 'x')"),
    });
    const { out, lines } = format(error);
    expect(out).toEqual({
      message: "Internal server error",
      extensions: { code: "INTERNAL_SERVER_ERROR", requestId: "req-1" },
    });
    expect(JSON.stringify(lines[0])).toContain("TypeError");
  });

  it("gives the limit codes of validation rules back (Apollo reports them as GRAPHQL_VALIDATION_FAILED)", () => {
    const rule = new GraphQLError("The query is nested 9 levels deep; at most 8 are allowed", {
      extensions: { code: "QUERY_TOO_DEEP", limit: 8 },
    });
    const wrapped = new GraphQLError(rule.message, {
      extensions: { ...rule.extensions, code: "GRAPHQL_VALIDATION_FAILED" },
      originalError: rule,
    });
    expect(format(wrapped).out).toEqual({
      message: rule.message,
      extensions: { code: "QUERY_TOO_DEEP", limit: 8, requestId: "req-1" },
    });
  });

  it("names Apollo's generic request refusals (token limit, CSRF, batching, GET mutation)", () => {
    let tokenError: GraphQLError | undefined;
    try {
      parse(`{ a(b: ${"[".repeat(30)}) }`, { maxTokens: 20 });
    } catch (error) {
      tokenError = new GraphQLError((error as GraphQLError).message, { extensions: { code: "GRAPHQL_PARSE_FAILED" } });
    }
    expect(format(tokenError!).out).toMatchObject({
      message: "The query has more than 20 tokens; at most 20 are allowed",
      extensions: { code: "TOO_MANY_TOKENS" },
    });
    const csrf = new GraphQLError(
      "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please ...",
      { extensions: { code: "BAD_REQUEST" } },
    );
    expect(format(csrf).out.extensions!.code).toBe("CSRF_PREVENTED");
    expect(
      format(new GraphQLError("Operation batching disabled.", { extensions: { code: "BAD_REQUEST" } })).out.extensions!
        .code,
    ).toBe("BATCHING_DISABLED");
    const get = new GraphQLError("GET requests only support query operations, not mutation operations", {
      extensions: { code: "BAD_REQUEST" },
    });
    expect(format(get).out.extensions!.code).toBe("METHOD_NOT_ALLOWED");
  });

  it("lets SUBGRAPH_UNAVAILABLE through, naming the service", () => {
    const error = new GraphQLError("The action-lines service is unavailable", {
      extensions: { code: "SUBGRAPH_UNAVAILABLE", service: "action-lines" },
    });
    expect(format(error).out).toEqual({
      message: "The action-lines service is unavailable",
      extensions: { code: "SUBGRAPH_UNAVAILABLE", service: "action-lines", requestId: "req-1" },
    });
  });
});
