import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { ErrorCode, isPublicError } from "../errors";
import { currentRequestId } from "../http/request-id";
import type { Logger } from "../logger";

/**
 * Masks every error that is not meant for clients: no stack traces, no SQL, no internal messages. The full error goes
 * to the log; the client gets a stable code and, when the error belongs to a request, its id (`extensions.requestId`,
 * the same id as on the log line), to quote when asking for help.
 */
export function maskErrors(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const requestId = currentRequestId();
    const withId = requestId ? { requestId } : {};
    const { stacktrace: _stack, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    if (isPublicError(original) || isPublicError(error)) {
      return { ...formatted, extensions: { ...extensions, ...withId } };
    }
    log.error({ err: original, path: formatted.path, ...withId }, "internal error");
    return {
      message: "Internal server error",
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...withId },
    };
  };
}
