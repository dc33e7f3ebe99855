import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { ErrorCode, isPublicError } from "../errors";
import type { Logger } from "../logger";

/**
 * Masks every error that is not meant for clients: no stack traces, no SQL, no internal messages. The full error goes
 * to the log; the client gets a stable code (and the request id, to quote when asking for help).
 */
export function maskErrors(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const { stacktrace: _stack, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    if (isPublicError(original) || isPublicError(error)) {
      return { ...formatted, extensions };
    }
    log.error({ err: original, path: formatted.path }, "internal error");
    return {
      message: "Internal server error",
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
