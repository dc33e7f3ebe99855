import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import {
  assignRequestId,
  bodyErrorHandler,
  CALLER_JWKS_PATH,
  enterRequestScope,
  httpServerOptions,
  jsonBody,
  requestIdFrom,
  requestScopeOf,
  runInRequestScope,
  type Logger,
} from "@wsis/shared";
import express from "express";
import type { GatewayConfig } from "./config";
import type { GatewayContext } from "./context";
import { SubgraphHttpSource } from "./subgraph-http-source";
import { graphqlOptions } from "./graphql-options";
import { healthRouter } from "./health";
import { CALENDAR_PATH, calendarRoute } from "./calendar/calendar.route";
import { dashboardRouter } from "./dashboard";
import { downloadsRouter } from "./downloads/downloads.route";
import { SDMX_PATH, sdmxRouter } from "./sdmx/sdmx.route";
import { authenticate, callerOfResponse, createTokenVerifier } from "./auth";
import { readKeyFile, type CallerKeyRing } from "./caller-keys";
import { corsMiddleware } from "./cors";
import { documentGuard } from "./http-guards";
import { ideRouter } from "./ide";
import { GatewayMetrics, metricsHandler } from "./metrics";
import { responseCacheKeyOf } from "./response-cache";
import { validateCustomScalars } from "./scalars";
import { createSubgraphFetcher, type SubgraphFetcher } from "./subgraph-fetcher";
import { installSingleFetchPassthrough } from "./single-fetch";
import { SupergraphSource, type LoadedSupergraph } from "./supergraph-source";
import type { ExecutePublic, PublicGraphResult } from "./public-graph";

export interface GatewayServer {
  app: express.Express;
  httpServer: http.Server;
  /** Runs an operation against the public graph in process (feeds and downloads are built on it). */
  executePublic: ExecutePublic;
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
  metrics: GatewayMetrics;
  /** The supergraph served now (its hash, its subgraphs). */
  supergraph(): LoadedSupergraph;
  /**
   * Reads the supergraph file and the caller signing keys again (SIGHUP): a supergraph that does not load is refused and
   * the old one kept; resolves to whether a new supergraph is served.
   */
  reload(reason?: string): Promise<boolean>;
}

/**
 * Builds (but does not start listening) the gateway: the supergraph composed ahead of time and loaded from a file, so
 * the gateway starts even when a subgraph is down; query limits, error masking, caching and metrics (see
 * graphql-options.ts); keep-alive subgraph calls with a timeout; the GraphQL IDE at /ide (when on); the landing page at / and the dashboard at /dashboard; health routes;
 * Prometheus metrics at /metrics.
 */
export async function createGateway(config: GatewayConfig, log: Logger): Promise<GatewayServer> {
  installSingleFetchPassthrough(config.singleFetchPassthrough ?? true);
  const supergraph = new SupergraphSource({
    supergraphPath: config.supergraphPath,
    registryPath: config.registryPath,
    urlOverrides: config.urlOverrides,
    pollIntervalMs: config.supergraphPollMs,
    log,
  });
  let callerKeys: CallerKeyRing = config.callerKeys;
  const metrics = new GatewayMetrics();
  const fetchers: SubgraphFetcher[] = [];
  const gateway = new ApolloGateway({
    // Loaded from the file, and reloaded when it changes (see supergraph-source.ts).
    supergraphSdl: supergraph.hook,
    buildService: ({ name, url }) => {
      const settings = supergraph.settingsOf(name);
      const fetcher = createSubgraphFetcher({
        timeoutMs: settings.timeoutMs ?? config.subgraphTimeoutMs,
        maxSockets: settings.maxSockets ?? config.subgraphMaxSockets,
      });
      fetchers.push(fetcher);
      return new SubgraphHttpSource(name, supergraph.current.urls[name] ?? url ?? "", {
        fetcher,
        log,
        metrics,
        signingKey: () => callerKeys.signing,
        receivesCaller: () => supergraph.settingsOf(name).caller,
      });
    },
    logger: log,
  });
  // Custom scalars are checked at the gateway, before planning (see scalars.ts).
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    const unchecked = validateCustomScalars(apiSchema);
    if (unchecked.length > 0)
      log.warn(
        { scalars: unchecked },
        "custom scalars the gateway cannot check: any value is passed on to the subgraphs",
      );
  });

  const app = express();
  app.disable("x-powered-by");
  // Slow clients are cut off: headers within HTTP_HEADERS_TIMEOUT_MS, the whole request within HTTP_REQUEST_TIMEOUT_MS.
  const httpServer = http.createServer(httpServerOptions(config.http), app);
  const graphql = graphqlOptions(config, log, metrics, httpServer, () => supergraph.current.hash);
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

  // CORS first on the routes pages read, so every answer carries it: refusals, and the response cache's answers.
  if (config.cors) app.use(["/graphql", "/downloads", SDMX_PATH, CALENDAR_PATH], corsMiddleware(config.cors));
  if (config.ide) app.use(ideRouter());
  app.use(dashboardRouter({ ide: config.ide, executePublic }));
  app.use(healthRouter(() => supergraph.current));
  // The public keys that verify the caller the gateway signs (subgraphs fetch them once and cache them).
  app.get(CALLER_JWKS_PATH, (_req, res) => {
    res.setHeader("cache-control", "public, max-age=60");
    res.json(callerKeys.jwks);
  });
  app.get(CALENDAR_PATH, calendarRoute(executePublic));
  app.use(downloadsRouter(executePublic));
  app.use(sdmxRouter(executePublic, { maxObservations: config.sdmxMaxObservations }));
  app.get("/metrics", metricsHandler(metrics, config.metricsToken));
  app.use(
    "/graphql",
    assignRequestId(log, (fields) => metrics.recordRequest(fields)),
    // The token (a header) is verified before the body is read: a request with a valid one may send a larger body
    // (authenticated writes), every other keeps the small limit; a declared length over it is refused at once.
    authenticate(createTokenVerifier(config.jwt), log),
    jsonBody((_req, res) => (callerOfResponse(res) ? config.maxAuthenticatedBodyBytes : config.maxBodyBytes)),
    enterRequestScope(),
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
    supergraph: () => supergraph.current,
    reload: async (reason = "reload requested") => {
      try {
        callerKeys = readKeyFile(config.callerKeysFile);
      } catch (error) {
        log.error({ err: (error as Error).message }, "caller signing keys not reloaded; the previous ones are kept");
      }
      return supergraph.reload(reason);
    },
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
      supergraph.stop();
      for (const fetcher of fetchers) fetcher.destroy();
      await graphql.close();
    },
  };
}
