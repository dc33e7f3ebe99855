import { unwrapResolverError } from "@apollo/server/errors";
import { currentRequestId, PUBLIC_SUBGRAPH_ERROR_CODES, type Logger } from "@wsis/shared";
import { ErrorCode } from "./error-codes";
import { GraphQLError, type GraphQLFormattedError } from "graphql";

/** Errors of the request itself, raised by the gateway (Apollo's or ours): their message is meant for the client. */
const PUBLIC_GATEWAY_CODES: ReadonlySet<string> = new Set<string>([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  ErrorCode.OPERATION_RESOLUTION_FAILURE,
  ErrorCode.PERSISTED_QUERY_HASH_MISMATCH,
  ErrorCode.PERSISTED_QUERY_VERSION_UNSUPPORTED,
  ErrorCode.BAD_REQUEST,
  ErrorCode.QUERY_TOO_DEEP,
  ErrorCode.TOO_MANY_ALIASES,
  ErrorCode.TOO_MANY_TOKENS,
  ErrorCode.TOO_MANY_DIRECTIVES,
  ErrorCode.TOO_MANY_DUPLICATE_FIELDS,
  ErrorCode.TOO_MANY_SELECTIONS,
  ErrorCode.QUERY_TOO_COSTLY,
  ErrorCode.DOCUMENT_TOO_LARGE,
  ErrorCode.REQUEST_TOO_LARGE,
  ErrorCode.INTROSPECTION_DISABLED,
  ErrorCode.OPERATION_NOT_ALLOWED,
  ErrorCode.BATCHING_DISABLED,
  ErrorCode.CSRF_PREVENTED,
  ErrorCode.METHOD_NOT_ALLOWED,
  ErrorCode.SUBGRAPH_UNAVAILABLE,
]);

/** Extensions that describe internals (where a subgraph lives, what it answered, a stack): never sent. */
const INTERNAL_EXTENSIONS = new Set(["serviceName", "stacktrace", "exception", "response", "http"]);

/**
 * Request errors that Apollo raises with a generic code, given their own (their messages are Apollo's, fixed for a
 * major version; the gateway tests send each of these requests and check the code).
 */
const CODES_BY_MESSAGE: ReadonlyArray<{ pattern: RegExp; code: string; message?: (m: RegExpMatchArray) => string }> = [
  {
    pattern: /^Syntax Error: Document contains more th(?:an|at) (\d+) tokens/,
    code: ErrorCode.TOO_MANY_TOKENS,
    message: (m) => `The query has more than ${m[1]} tokens; at most ${m[1]} are allowed`,
  },
  {
    pattern: /^This operation has been blocked as a potential Cross-Site Request Forgery/,
    code: ErrorCode.CSRF_PREVENTED,
  },
  { pattern: /^Operation batching disabled/, code: ErrorCode.BATCHING_DISABLED },
  { pattern: /^GET requests only support query operations/, code: ErrorCode.METHOD_NOT_ALLOWED },
  // Automatic persisted queries (Apollo raises these without a code).
  {
    pattern: /^provided sha does not match query$/,
    code: ErrorCode.PERSISTED_QUERY_HASH_MISMATCH,
    message: () => "The persisted query's sha256Hash is not the hash of the query sent",
  },
  {
    pattern: /^Unsupported persisted query version$/,
    code: ErrorCode.PERSISTED_QUERY_VERSION_UNSUPPORTED,
    message: () => "Unsupported persisted query version: only version 1 is supported",
  },
  // An argument written in the query with a value its type does not have (an unknown enum value such as
  // `kind: PROGRESS`, a string for an Int): bad user input, as the same value sent in a variable already is.
  { pattern: /^Value ".*" does not exist in ".*" enum\./, code: ErrorCode.BAD_USER_INPUT },
  { pattern: /^(Enum|Int|Float|String|Boolean|ID) cannot represent /, code: ErrorCode.BAD_USER_INPUT },
  { pattern: /^Expected value of type ".*", found /, code: ErrorCode.BAD_USER_INPUT },
];

function extensionsOf(error: unknown): Record<string, unknown> {
  return error instanceof GraphQLError ? (error.extensions as Record<string, unknown>) : {};
}

function publicExtensions(extensions: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(extensions).filter(([key]) => !INTERNAL_EXTENSIONS.has(key)));
}

/**
 * The gateway's `formatError`. A client sees the message and code of errors it caused (request errors, limits, the
 * public codes of subgraph errors such as NOT_FOUND or BAD_USER_INPUT) and of a subgraph being unavailable; any other
 * error — an internal one of the gateway, or a subgraph error with another code — becomes "Internal server error" with
 * the code INTERNAL_SERVER_ERROR. Every error carries the request id; masked errors are logged in full with it.
 */
export function formatGatewayError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const requestId = currentRequestId();
    const withId = requestId ? { requestId } : {};
    const extensions = (formatted.extensions ?? {}) as Record<string, unknown>;
    const original = unwrapResolverError(error);
    // Our validation rules' codes survive as the code of the error Apollo wraps them in.
    const ruleExtensions = extensionsOf((original as GraphQLError | undefined)?.originalError);
    let code = String(
      typeof ruleExtensions.code === "string" && PUBLIC_GATEWAY_CODES.has(ruleExtensions.code)
        ? ruleExtensions.code
        : (extensions.code ?? ""),
    );
    let message = formatted.message;
    for (const known of CODES_BY_MESSAGE) {
      const match = message.match(known.pattern);
      if (!match) continue;
      code = known.code;
      message = known.message?.(match) ?? message;
      break;
    }
    const fromSubgraph = typeof extensions.serviceName === "string";
    const isPublic = fromSubgraph ? PUBLIC_SUBGRAPH_ERROR_CODES.has(code) : PUBLIC_GATEWAY_CODES.has(code);
    if (isPublic) {
      return {
        message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: {
          ...publicExtensions({ ...ruleExtensions, ...extensions }),
          ...(fromSubgraph ? { service: extensions.serviceName } : {}),
          code,
          ...withId,
        },
      };
    }
    log.error(
      {
        err: original instanceof Error ? original : error,
        code,
        subgraph: extensions.serviceName,
        path: formatted.path,
        message: formatted.message,
        ...withId,
      },
      "internal error (masked for the client)",
    );
    return {
      message: "Internal server error",
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...withId },
    };
  };
}
