import type { AuthCheckerFn } from "type-graphql";
import { ForbiddenError } from "../errors";
import type { RequestContext } from "../graphql/context";
import { hasScope, isScope, requireCaller } from "./scopes";

/**
 * The hub's type-graphql `authChecker`, used by every subgraph (buildFederatedSchema passes it unless told
 * otherwise). `@Authorized()` needs a caller forwarded and signed by the gateway (UNAUTHENTICATED otherwise);
 * `@Authorized("events:write")` needs that scope as well, or `admin`, which implies every scope (FORBIDDEN otherwise).
 * Several scopes in one `@Authorized` mean any one of them. It throws the hub's own errors, so clients see the stable
 * codes, and it runs before the resolver: a refused operation touches nothing.
 */
export const hubAuthChecker: AuthCheckerFn<RequestContext<unknown>> = ({ context }, roles) => {
  const caller = requireCaller(context.caller);
  if (roles.length === 0) return true;
  const unknown = roles.filter((r) => !isScope(r));
  // A typo in a decorator must not open an operation to everyone: unknown scopes refuse (and the test of the schema fails).
  if (unknown.length > 0) throw new Error(`@Authorized names unknown scopes: ${unknown.join(", ")}`);
  if (roles.some((r) => isScope(r) && hasScope(caller, r))) return true;
  throw new ForbiddenError(
    `This operation needs the scope ${roles.map((r) => `"${r}"`).join(" or ")}; the caller's token does not grant it`,
  );
};
