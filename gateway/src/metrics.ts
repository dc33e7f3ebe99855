import type { ApolloServerPlugin, GraphQLRequestContext } from "@apollo/server";
import { currentRequestScope, sameSecret, type AccessLogFields } from "@wsis/shared";
import type { RequestHandler } from "express";
import { getOperationAST } from "graphql";
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import type { GatewayContext } from "./context";

/** How a GraphQL request ended, as counted and logged. */
export type Outcome = "success" | "partial" | "error" | "rejected";

const MAX_OPERATION_LABELS = 200;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/**
 * The gateway's Prometheus metrics, in a registry of its own (one per gateway, so that several can run in one process):
 * requests by operation name and outcome, their latency, subgraph call latency and errors by subgraph, response cache
 * hits, and the process's default metrics (memory, CPU, event loop, GC).
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: "graphql_requests_total",
    help: "GraphQL requests by operation name and outcome (success, partial, error, rejected)",
    labelNames: ["operation", "outcome"] as const,
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: "graphql_request_duration_seconds",
    help: "Time to answer a GraphQL request, by operation name and outcome",
    labelNames: ["operation", "outcome"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly subgraphDuration = new Histogram({
    name: "subgraph_request_duration_seconds",
    help: "Time of each call from the gateway to a subgraph, by subgraph and outcome (ok, error)",
    labelNames: ["service", "outcome"] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly subgraphErrors = new Counter({
    name: "subgraph_errors_total",
    help: "Failed calls to a subgraph, by subgraph and kind (unavailable, timeout, http, graphql)",
    labelNames: ["service", "kind"] as const,
    registers: [this.registry],
  });
  readonly responseCache = new Counter({
    name: "graphql_response_cache_total",
    help: "Queries answered from the response cache (hit) or not (miss)",
    labelNames: ["result"] as const,
    registers: [this.registry],
  });
  private readonly operations = new Set<string>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** A bounded label for an operation name chosen by clients: anonymous, invalid, or other past 200 distinct names. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return "anonymous";
    if (!OPERATION_NAME.test(name)) return "invalid";
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS) return "other";
    this.operations.add(name);
    return name;
  }

  /** Counts one finished HTTP request to /graphql (from its access log fields). */
  recordRequest(fields: AccessLogFields): void {
    const outcome = fields.outcome ?? (fields.status >= 500 ? "error" : fields.status >= 400 ? "rejected" : "success");
    const labels = { operation: this.operationLabel(fields.operationName), outcome };
    this.requests.inc(labels);
    this.duration.observe(labels, fields.durationMs / 1000);
  }
}

function outcomeOf(requestContext: GraphQLRequestContext<GatewayContext>): Outcome {
  const body = requestContext.response.body;
  if (body?.kind !== "single") return "success";
  const { data, errors } = body.singleResult;
  if (!errors?.length) return "success";
  // No `data` at all: the request was refused before execution (parse, validation, limits, allowlist).
  if (data === undefined) return "rejected";
  return data === null ? "error" : "partial";
}

/**
 * Notes each GraphQL request's operation name, outcome and cache use on its scope, for the access log line and the
 * request metrics written when the response is finished; counts response cache hits.
 */
export function requestOutcomePlugin(metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(requestContext) {
          const outcome = outcomeOf(requestContext);
          const hit = requestContext.metrics.responseCacheHit;
          if (requestContext.operation?.operation === "query" && hit !== undefined)
            metrics.responseCache.inc({ result: hit ? "hit" : "miss" });
          const scope = currentRequestScope();
          if (scope) {
            // A request refused by validation has no resolved operation; its document still names it.
            const { document, request } = requestContext;
            scope.operationName =
              requestContext.operationName ??
              (document ? getOperationAST(document, request.operationName)?.name?.value : request.operationName) ??
              null;
            scope.outcome = outcome;
            if (hit !== undefined) scope.cacheHit = hit;
          }
        },
      };
    },
  };
}

/** GET /metrics in the Prometheus text format; behind a bearer token when one is configured. */
export function metricsHandler(metrics: GatewayMetrics, token?: string): RequestHandler {
  return async (req, res) => {
    if (token && !sameSecret(req.headers.authorization ?? "", `Bearer ${token}`)) {
      res.status(401).type("text").send("Unauthorized");
      return;
    }
    res.setHeader("cache-control", "no-store");
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
