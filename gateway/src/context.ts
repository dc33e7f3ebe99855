/** What the gateway knows about one incoming request. */
export interface GatewayContext {
  requestId: string;
  /** The request carries credentials (an Authorization header): its answers are never cached or served from cache. */
  authenticated?: boolean;
  /** An operation the gateway runs itself, in process (feeds): trusted, so the allowlist and cost limit do not apply. */
  internal?: boolean;
}
