import type { Caller } from "@wsis/shared";

/** What the gateway knows about one incoming request. */
export interface GatewayContext {
  requestId: string;
  /** The request carries credentials (an Authorization header): its answers are never cached or served from cache. */
  authenticated?: boolean;
  /** Who is calling, from a verified bearer token (null or absent: anonymous); forwarded to the subgraphs, signed. */
  caller?: Caller | null;
  /** An operation the gateway runs itself, in process (feeds): trusted, so the allowlist and cost limit do not apply. */
  internal?: boolean;
  /** Its key in the response cache, when it may be served from or stored in it (see response-cache.ts). */
  responseCacheKey?: string;
}
