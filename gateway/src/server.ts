import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { assignRequestId, bodyErrorHandler, enterRequestScope, requestIdFrom, requestScopeOf, runInRequestScope, type Logger } from "@wsis/shared";
import express from "express";
import type { GatewayConfig } from "./config";
import type { GatewayContext } from "./context";
import { SubgraphDataSource } from "./data-source";
import { graphqlOptions } from "./graphql-options";
import { healthRouter } from "./health";
import { CALENDAR_PATH, calendarRoute } from "./calendar/calendar.route";
import { dashboardRouter } from "./dashboard";
import { downloadsRouter } from "./downloads/downloads.route";
import { authenticate, callerOfResponse, createTokenVerifier } from "./auth";
import { documentGuard } from "./http-guards";
import { ideRouter } from "./ide";
import { GatewayMetrics, metricsHandler } from "./metrics";
import { responseCacheKeyOf } from "./response-cache";
import { createSubgraphFetcher, type SubgraphFetcher } from "./subgraph-fetcher";
import type { ExecutePublic, PublicGraphResult } from "./public-graph";

export interface GatewayServer {
  app: express.Express;
  httpServer: http.Server;
  /** Runs an operation against the public graph in process (feeds and downloads are built on it). */
  executePublic: ExecutePublic;
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
  metrics: GatewayMetrics;
}

/**
 * Builds (but does not start listening) the gateway: the supergraph composed ahead of time and loaded from a file, so
 * the gateway starts even when a subgraph is down; query limits, error masking, caching and metrics (see
 * graphql-options.ts); keep-alive subgraph calls with a timeout; the GraphQL IDE at /ide (when on); the landing page at / and the dashboard at /dashboard; health routes;
 * Prometheus metrics at /metrics.
 */
export async function createGateway(config: GatewayConfig, log: Logger): Promise<GatewayServer> {
  const supergraphSdl = readFileSync(config.supergraphPath, "utf8");
  const metrics = new GatewayMetrics();
  const fetchers: SubgraphFetcher[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      const fetcher = createSubgraphFetcher({ timeoutMs: config.subgraphTimeoutMs, maxSockets: config.subgraphMaxSockets });
      fetchers.push(fetcher);
      return new SubgraphDataSource(name, config.subgraphUrls[name] ?? url ?? "", { fetcher, log, metrics, internalSecret: config.internalSecret });
    },
    logger: log,
  });

  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  const graphql = graphqlOptions(config, log, metrics, httpServer, supergraphSdl);
  const apollo = new ApolloServer<GatewayContext>({ gateway, ...graphql.options });
  await apollo.start();

  const { responseCache } = graphql;
  const executePublic: ExecutePublic = async <T>(query: string, variables?: Record<string, unknown>) => {
    // Feeds and downloads read public data: through the response cache like any anonymous request.
    const responseCacheKey = responseCache?.keyOf({ query, variables });
    const cached = responseCacheKey ? await responseCache?.lookup(responseCacheKey) : undefined;
    if (cached) return JSON.parse(cached.body) as PublicGraphResult<T>;
    const requestId = requestIdFrom(undefined);
    const response = await runInRequestScope({ requestId }, () =>
      apollo.executeOperation({ query, variables }, { contextValue: { requestId, internal: true, responseCacheKey } }),
    );
    if (response.body.kind !== "single") throw new Error("incremental delivery is not used by the hub");
    return response.body.singleResult as PublicGraphResult<T>;
  };

  if (config.ide) app.use(ideRouter());
  app.use(dashboardRouter({ ide: config.ide, executePublic }));
  app.use(healthRouter(config.subgraphUrls));
  app.get(CALENDAR_PATH, calendarRoute(executePublic));
  app.use(downloadsRouter(executePublic));
  app.get("/metrics", metricsHandler(metrics, config.metricsToken));
  app.use(
    "/graphql",
    assignRequestId(log, (fields) => metrics.recordRequest(fields)),
    express.json({ limit: config.maxBodyBytes }),
    enterRequestScope(),
    authenticate(createTokenVerifier(config.jwt), log),
    documentGuard(config.limits),
    ...(graphql.responseCache ? [graphql.responseCache.serve] : []),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => ({
        requestId: requestScopeOf(res).requestId,
        authenticated: Boolean(req.headers.authorization),
        caller: callerOfResponse(res),
        responseCacheKey: responseCacheKeyOf(res),
      }),
    }),
    bodyErrorHandler(log, config.maxBodyBytes),
  );

  let stopped = false;
  return {
    app,
    httpServer,
    executePublic,
    metrics,
    listen: (port, host = "127.0.0.1") =>
      new Promise<number>((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          httpServer.off("error", reject);
          resolve((httpServer.address() as AddressInfo).port);
        });
      }),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      // Stops accepting connections, lets in-flight requests finish (shutdownGraceMs at most), then stops Apollo.
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      for (const fetcher of fetchers) fetcher.destroy();
      await graphql.close();
    },
  };
}
