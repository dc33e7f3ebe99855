/** What the gateway knows about one incoming request. */
export interface GatewayContext {
  requestId: string;
}
