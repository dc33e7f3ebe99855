/// <reference types="jest" />
import { callerHeaders, type Caller } from "../auth/caller";
import type { GraphQLResponse } from "./graphql-client";
import { TEST_INTERNAL_SECRET } from "./subgraph-harness";

/** Request headers carrying a caller signed as the gateway signs it for a test subgraph (subject `<agency>-editor`). */
export function callerAs(
  agency: string,
  scopes: readonly string[],
  subject = `${agency.toLowerCase()}-editor`,
): Record<string, string> {
  return callerHeaders({ agency, subject, scopes: [...scopes] } satisfies Caller, TEST_INTERNAL_SECRET);
}

/** The `extensions.code` of a response's first error. */
export function errorCodeOf(res: GraphQLResponse<unknown>): unknown {
  return res.errors?.[0]?.extensions?.code;
}

/** A cursor as a client could forge it: any JSON value, base64url-encoded like the hub's own cursors. */
export function forgedCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

/**
 * Expects one BAD_USER_INPUT error naming `argumentName`, whose message mentions each of `mentions`, and nothing of the
 * server's internals (no stack trace, no SQL).
 */
export function expectBadUserInput(res: GraphQLResponse<unknown>, argumentName: string, ...mentions: string[]): void {
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName });
  for (const text of mentions) expect(res.errors![0].message).toContain(text);
  expect(JSON.stringify(res.errors)).not.toMatch(/stack|at .*\.ts|SELECT|INSERT/);
}
