import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { REQUEST_ID_HEADER } from "@wsis/shared";
import type { GatewayContext } from "./context";

/**
 * How the gateway calls a subgraph: a timeout on every call, and the request id passed on so that one id follows a
 * request through every log.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, timeoutMs: number) {
    super({
      url,
      fetcher: ((input: string, init?: RequestInit) =>
        fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as never,
    });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (context?.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }
}
