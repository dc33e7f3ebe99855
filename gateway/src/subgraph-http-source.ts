import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import {
  CALLER_HEADER,
  CALLER_SIGNATURE_HEADER,
  callerHeaders,
  currentRequestId,
  REQUEST_ID_HEADER,
  type CallerSigningKey,
  type Logger,
} from "@wsis/shared";
import { ErrorCode } from "./error-codes";
import { GraphQLError } from "graphql";
import type { GatewayContext } from "./context";
import type { GatewayMetrics } from "./metrics";
import { SubgraphTimeoutError, type FetchInit, type SubgraphFetcher } from "./subgraph-fetcher";

/** Network failures that mean "the subgraph is not there" rather than "the subgraph answered something wrong". */
const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
]);
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

type ReceivedResponse = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>["didReceiveResponse"]>>[0];

export interface SubgraphHttpSourceDeps {
  fetcher: SubgraphFetcher;
  log: Logger;
  metrics?: GatewayMetrics;
  /**
   * The key that signs the caller forwarded to this subgraph (for its name as the audience), read at each call so that a
   * rotated key applies at once; and whether this subgraph receives the caller at all (the registry's `hub.caller`).
   * Without a key, or for a subgraph that does not receive it, no caller is forwarded: its writes are refused.
   */
  signingKey?: () => CallerSigningKey;
  receivesCaller?: () => boolean;
}

/**
 * How the gateway calls one subgraph: through a keep-alive fetcher with a timeout on every call and no retry; the
 * request id passed on in `x-request-id`, so one id follows a request through every log; call latency and errors
 * measured per subgraph. A subgraph that is down or too slow becomes an error naming its public name
 * (SUBGRAPH_UNAVAILABLE) on the fields it owns, and the rest of the response is still served.
 */
export class SubgraphHttpSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly serviceName: string,
    url: string,
    private readonly deps: SubgraphHttpSourceDeps,
  ) {
    super({ url });
    const { metrics } = deps;
    this.fetcher = (async (input: string, init?: FetchInit) => {
      const started = process.hrtime.bigint();
      const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
      try {
        const response = await deps.fetcher.fetch(input, init);
        metrics?.subgraphDuration.observe({ service: serviceName, outcome: response.ok ? "ok" : "error" }, seconds());
        if (!response.ok) metrics?.subgraphErrors.inc({ service: serviceName, kind: "http" });
        return response;
      } catch (error) {
        metrics?.subgraphDuration.observe({ service: serviceName, outcome: "error" }, seconds());
        metrics?.subgraphErrors.inc({
          service: serviceName,
          kind: error instanceof SubgraphTimeoutError ? "timeout" : "unavailable",
        });
        throw error;
      }
    }) as never;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const requestId = context?.requestId ?? currentRequestId();
    if (requestId) request.http?.headers.set(REQUEST_ID_HEADER, requestId);
    // The caller goes only as the gateway signs it: never a client's own caller headers.
    const headers = request.http?.headers;
    headers?.delete(CALLER_HEADER);
    headers?.delete(CALLER_SIGNATURE_HEADER);
    if (context?.caller && headers && this.deps.signingKey && this.deps.receivesCaller?.()) {
      for (const [name, value] of Object.entries(
        callerHeaders(context.caller, this.deps.signingKey(), this.serviceName),
      ))
        headers.set(name, value);
    }
  }

  /**
   * A subgraph that refuses a request with a 4xx status (Apollo Server answers 400 to variables it cannot coerce, e.g.
   * a custom scalar the gateway accepts as any value) still answers GraphQL errors in its body. Apollo's data source
   * throws "400: Bad Request" without a code instead, which the gateway masked as INTERNAL_SERVER_ERROR: here those
   * errors are the subgraph's answer, so they reach the client like any other subgraph error — the public codes
   * (BAD_USER_INPUT, NOT_FOUND, ...) with their message, any other code masked (formatGatewayError).
   */
  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<RemoteGraphQLDataSource<GatewayContext>["process"]> {
    try {
      return await super.process(options);
    } catch (error) {
      const refusal = clientRefusal(error);
      if (refusal) return refusal;
      throw error;
    }
  }

  override didReceiveResponse({ response }: ReceivedResponse): ReceivedResponse["response"] {
    if (response.errors?.length)
      this.deps.metrics?.subgraphErrors.inc({ service: this.serviceName, kind: "graphql" }, response.errors.length);
    return response;
  }

  override didEncounterError(
    error: Error,
    _request: unknown,
    response?: { status: number },
    context?: GatewayContext,
  ): void {
    const requestId = context?.requestId ?? currentRequestId();
    const code = (error as NodeJS.ErrnoException).code;
    const timedOut = error instanceof SubgraphTimeoutError;
    const unavailable =
      timedOut ||
      (!response && code !== undefined && UNREACHABLE.has(code)) ||
      (response !== undefined && UNAVAILABLE_STATUSES.has(response.status));
    const fields = { requestId, subgraph: this.serviceName, err: error.message, code, status: response?.status };
    if (clientRefusal(error)) this.deps.log.info(fields, "subgraph refused the request");
    else
      this.deps.log.warn(
        fields,
        timedOut ? "subgraph call timed out" : unavailable ? "subgraph unavailable" : "subgraph call failed",
      );
    if (!unavailable) throw error;
    throw new GraphQLError(
      timedOut
        ? `The ${this.serviceName} service did not answer in time`
        : `The ${this.serviceName} service is unavailable`,
      { extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, service: this.serviceName } },
    );
  }
}

/** The GraphQL errors of a subgraph's 4xx answer (as Apollo's data source throws it), or null for any other failure. */
function clientRefusal(error: unknown): { errors: GraphQLError[] } | null {
  if (!(error instanceof GraphQLError)) return null;
  const response = error.extensions.response as { status?: unknown; body?: unknown } | undefined;
  const status = response?.status;
  if (typeof status !== "number" || status < 400 || status >= 500) return null;
  const errors = (response?.body as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  if (
    !errors.every(
      (e) => typeof e === "object" && e !== null && typeof (e as { message?: unknown }).message === "string",
    )
  )
    return null;
  return { errors: errors as GraphQLError[] };
}
