import { ForbiddenError, UnauthenticatedError } from "../errors";
import type { Caller } from "./caller";

/** The scopes a token may carry (claim `scope`, space-separated). `admin` implies every other scope. */
// stocktaking:submit: submit Stocktaking entries; stocktaking:moderate: review them and record WSIS Prizes (ITU runs the platform).
export const SCOPES = [
  "indicators:publish",
  "events:write",
  "reports:write",
  "reports:publish",
  "stocktaking:submit",
  "stocktaking:moderate",
  "admin",
] as const;
export type Scope = (typeof SCOPES)[number];

export const ADMIN_SCOPE: Scope = "admin";

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** True when the caller holds `scope` (or `admin`, which implies every scope). */
export function hasScope(caller: Caller, scope: Scope): boolean {
  return caller.scopes.includes(ADMIN_SCOPE) || caller.scopes.includes(scope);
}

export function isAdmin(caller: Caller): boolean {
  return caller.scopes.includes(ADMIN_SCOPE);
}

/**
 * A write needs a caller forwarded (and signed) by the gateway: anonymous requests, requests sent straight to a
 * subgraph and requests whose caller headers are not signed by the gateway have none. UNAUTHENTICATED otherwise.
 */
export function requireCaller(caller: Caller | null | undefined, what = "This operation"): Caller {
  if (!caller) {
    throw new UnauthenticatedError(
      `${what} needs an authenticated caller: send the request through the gateway with a valid bearer token`,
    );
  }
  return caller;
}

/** The caller, if it holds `scope` (or `admin`): UNAUTHENTICATED without a caller, FORBIDDEN without the scope. */
export function requireScope(caller: Caller | null | undefined, scope: Scope, what = "This operation"): Caller {
  const who = requireCaller(caller, what);
  if (!hasScope(who, scope)) {
    throw new ForbiddenError(`${what} needs the scope "${scope}"; the caller's token does not grant it`);
  }
  return who;
}
