import { GraphQLError } from "graphql";

/**
 * Stable error codes that clients can rely on (`extensions.code`), those every process of the hub may give. The
 * gateway's own (its limits, allowlist, persisted queries, an unavailable subgraph) are in gateway/src/error-codes.ts.
 */
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  CONFLICT: "CONFLICT",
  INVALID_TRANSITION: "INVALID_TRANSITION",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
  // The request itself was refused by an HTTP server of the hub (a gateway or a subgraph): unreadable or too large.
  BAD_REQUEST: "BAD_REQUEST",
  REQUEST_TOO_LARGE: "REQUEST_TOO_LARGE",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Errors a client caused and may see in full; anything else is masked. */
export class PublicError extends GraphQLError {
  constructor(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export class BadUserInputError extends PublicError {
  constructor(message: string, argumentName?: string, extensions: Record<string, unknown> = {}) {
    super(message, ErrorCode.BAD_USER_INPUT, argumentName ? { argumentName, ...extensions } : extensions);
  }
}

export class NotFoundError extends PublicError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, ErrorCode.NOT_FOUND, extensions);
  }
}

export class UnauthenticatedError extends PublicError {
  constructor(message = "Authentication is required for this operation") {
    super(message, ErrorCode.UNAUTHENTICATED);
  }
}

export class ForbiddenError extends PublicError {
  constructor(message = "The caller is not allowed to perform this operation") {
    super(message, ErrorCode.FORBIDDEN);
  }
}

/**
 * Codes a subgraph gives only to errors that a client caused and may see in full (a subgraph masks everything else as
 * INTERNAL_SERVER_ERROR before it leaves the process); the gateway passes these through and masks any other.
 */
export const PUBLIC_SUBGRAPH_ERROR_CODES: ReadonlySet<string> = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.NOT_FOUND,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.CONFLICT,
  ErrorCode.INVALID_TRANSITION,
]);

/** True for errors whose message is safe to show to a client. */
export function isPublicError(error: unknown): boolean {
  if (error instanceof PublicError) return true;
  if (error instanceof GraphQLError) {
    const code = error.extensions?.code;
    // Validation and parse errors produced by graphql-js/Apollo itself carry these codes.
    return (
      code === "GRAPHQL_PARSE_FAILED" ||
      code === "GRAPHQL_VALIDATION_FAILED" ||
      code === "BAD_USER_INPUT" ||
      code === "PERSISTED_QUERY_NOT_FOUND" ||
      code === "PERSISTED_QUERY_NOT_SUPPORTED" ||
      code === "OPERATION_RESOLUTION_FAILURE" ||
      code === "BAD_REQUEST"
    );
  }
  return false;
}
