import { ErrorCode as HubErrorCode } from "@wsis/shared";

/** The codes only the gateway gives: refusals of a request by its limits, rules and allowlist, and an unavailable subgraph. */
export const GatewayErrorCode = {
  // The request was refused by the gateway's limits, its HTTP rules or its allowlist.
  QUERY_TOO_DEEP: "QUERY_TOO_DEEP",
  TOO_MANY_ALIASES: "TOO_MANY_ALIASES",
  TOO_MANY_TOKENS: "TOO_MANY_TOKENS",
  TOO_MANY_DIRECTIVES: "TOO_MANY_DIRECTIVES",
  TOO_MANY_DUPLICATE_FIELDS: "TOO_MANY_DUPLICATE_FIELDS",
  TOO_MANY_SELECTIONS: "TOO_MANY_SELECTIONS",
  QUERY_TOO_COSTLY: "QUERY_TOO_COSTLY",
  DOCUMENT_TOO_LARGE: "DOCUMENT_TOO_LARGE",
  INTROSPECTION_DISABLED: "INTROSPECTION_DISABLED",
  OPERATION_NOT_ALLOWED: "OPERATION_NOT_ALLOWED",
  BATCHING_DISABLED: "BATCHING_DISABLED",
  CSRF_PREVENTED: "CSRF_PREVENTED",
  METHOD_NOT_ALLOWED: "METHOD_NOT_ALLOWED",
  // The request names an operation its document does not have, or has several operations and names none.
  OPERATION_RESOLUTION_FAILURE: "OPERATION_RESOLUTION_FAILURE",
  // Automatic persisted queries: the hash sent is not the query's sha256, or the protocol version is not 1.
  PERSISTED_QUERY_HASH_MISMATCH: "PERSISTED_QUERY_HASH_MISMATCH",
  PERSISTED_QUERY_VERSION_UNSUPPORTED: "PERSISTED_QUERY_VERSION_UNSUPPORTED",
  // A subgraph did not answer (down, or not within its timeout); the rest of the response is still served.
  SUBGRAPH_UNAVAILABLE: "SUBGRAPH_UNAVAILABLE",
} as const;

/** Every code a client of the gateway may see: the hub's (shared with the subgraphs) and the gateway's own. */
export const ErrorCode = { ...HubErrorCode, ...GatewayErrorCode } as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
