import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { GraphQLSchema } from "graphql";
import type { DataSource } from "typeorm";
import type { Caller, CallerVerifier } from "../auth/caller";
import type { HttpTimeouts } from "../config";
import { CountingOrmLogger } from "../database/query-counter";
import { pinRequestToPrimary, queryPrimary } from "../database/read-routing";
import { replicasOf } from "../database/replicas";
import type { NoServices, RequestContext } from "../graphql/context";
import { compiledSchemaGateway, executionModeFromEnv, type ExecutionMode } from "../graphql/compiled-execution";
import { maskErrors } from "../graphql/format-error";
import { withTimeout } from "../net";
import type { Logger } from "../logger";
import { cacheHintPlugins, type CacheHints } from "./cache-hints";
import { replicaMetricsHandler } from "./replica-metrics";
import { currentRequestScope } from "./request-id";
import { assignRequestId, bodyErrorHandler, enterRequestScope, jsonBody, requestScopeOf } from "./request-scope";

export interface SubgraphServerOptions<L, S = NoServices> {
  /** The subgraph's name, as in the supergraph (e.g. "action-lines"). */
  name: string;
  schema: GraphQLSchema;
  dataSource: DataSource;
  log: Logger;
  /** Verifies the caller the gateway signs (its public keys, this subgraph's name as the audience). */
  callers: CallerVerifier;
  /** Makes fresh DataLoaders for one request. */
  createLoaders: () => L;
  /** The subgraph's stateless services (set-based reads, writes), on every request's context. */
  services?: S;
  introspection?: boolean;
  /**
   * How long its answers may be cached (sent as `Cache-Control`, honoured by the gateway). Default: nothing cacheable.
   * Reference data gets a long maxAge, data that is revised (observations) a short one.
   */
  cacheHints?: CacheHints;
  /** Largest request body accepted, in bytes (default 2 MB: the gateway's entity batches can be large). */
  bodyLimitBytes?: number;
  /**
   * Largest body of a request whose caller the gateway signed (an authenticated write it forwards: 10,000 observations,
   * a 1.9 MB import, JSON-escaped): default 32 MB, above the gateway's own limit for authenticated requests.
   */
  signedBodyLimitBytes?: number;
  /** How long a client may take to send the headers, and the whole request (default 10 s and 30 s). */
  http?: HttpTimeouts;
  /** How long in-flight requests may run on after `stop()` before their connections are closed (default 5 s). */
  stopGraceMs?: number;
  /** Work the process does on its own (started with the server, stopped with it), e.g. publishing scheduled releases. */
  background?: BackgroundJob;
  /** Compiled (graphql-jit, the default) or graphql-js's execution; default from SUBGRAPH_EXECUTION (see compiled-execution.ts). */
  execution?: ExecutionMode;
}

/** A subgraph process's own periodic work. Its state is PostgreSQL's; `maxAgeCap` bounds how long answers may be cached. */
export interface BackgroundJob {
  start(): void;
  stop(): Promise<void>;
  /** Seconds an answer may be cached at most right now; undefined: no bound. */
  maxAgeCap?(): number | undefined;
}

const READINESS_TIMEOUT_MS = 2000;

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 };

/**
 * Options of `http.createServer` that cut slow clients off (408): headers not sent within `headersTimeoutMs`, a whole
 * request (a body trickled byte by byte) not within `requestTimeoutMs`. Node checks them every
 * `connectionsCheckingInterval` (30 s by default): here a quarter of the shorter timeout.
 */
export function httpServerOptions(timeouts: HttpTimeouts = DEFAULT_HTTP_TIMEOUTS): http.ServerOptions {
  const shorter = Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs);
  return {
    headersTimeout: timeouts.headersTimeoutMs,
    requestTimeout: timeouts.requestTimeoutMs,
    connectionsCheckingInterval: Math.max(25, Math.min(30_000, Math.floor(shorter / 4))),
  };
}

export interface SubgraphServer {
  app: express.Express;
  httpServer: http.Server;
  /** Starts Apollo and binds the port; resolves to the bound port. */
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting connections, lets in-flight requests finish, then stops Apollo. */
  stop(): Promise<void>;
}

/**
 * Builds (but does not start) one subgraph's HTTP server: GraphQL at /graphql, liveness at /health/live and readiness
 * (including the database) at /health/ready. The caller forwarded by the gateway is verified on each request.
 */
export async function createSubgraphServer<L, S = NoServices>(
  options: SubgraphServerOptions<L, S>,
): Promise<SubgraphServer> {
  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(httpServerOptions(options.http), app);
  const bodyLimit = options.bodyLimitBytes ?? 2_000_000;
  const signedBodyLimit = options.signedBodyLimitBytes ?? 32_000_000;
  const execution = options.execution ?? executionModeFromEnv();
  const apollo = new ApolloServer<RequestContext<L, S>>({
    ...(execution === "compiled" ? { gateway: compiledSchemaGateway(options.schema) } : { schema: options.schema }),
    introspection: options.introspection ?? true,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    // The process's own SIGTERM handler (onShutdown) stops the server; Apollo's would stop it and send SIGTERM again.
    stopOnTerminationSignals: false,
    formatError: maskErrors(options.log),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: options.stopGraceMs ?? 5000 }),
      ApolloServerPluginLandingPageDisabled(),
      // No trace data for Apollo Studio: the hub reports to nobody.
      ApolloServerPluginInlineTraceDisabled(),
      ...cacheHintPlugins<L, S>(
        options.cacheHints ?? { defaultMaxAge: 0 },
        options.background?.maxAgeCap?.bind(options.background),
      ),
      {
        // The operation's name goes on the access log line (the gateway names its subgraph operations after the client's).
        async requestDidStart() {
          return {
            async didResolveOperation({ operationName, operation }) {
              const scope = currentRequestScope();
              if (scope) scope.operationName = operationName;
              // A mutation reads what it is about to change, and what it changed, from the primary.
              if (operation?.operation === "mutation") pinRequestToPrimary();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.get("/health/live", (_req, res) => {
    res.json({ status: "ok", service: options.name });
  });
  // Ready when the primary answers. Replicas are listed with their state, but never make it unready: a replica that
  // is down or lagging is skipped and its reads go to the primary.
  const replicas = replicasOf(options.dataSource);
  app.get("/health/ready", async (_req, res) => {
    const replicaStates = replicas
      ? {
          replicas: replicas.status().map(({ name, server, state, lagMs, reason }) => ({
            name,
            server,
            state,
            lagMs,
            ...(reason ? { reason } : {}),
          })),
        }
      : {};
    try {
      // With replicas, `SELECT 1` would be a read sent to one of them: the primary is asked explicitly.
      await withTimeout(
        replicas ? queryPrimary(options.dataSource, "SELECT 1") : options.dataSource.query("SELECT 1"),
        READINESS_TIMEOUT_MS,
      );
      res.json({ status: "ok", service: options.name, database: "ok", ...replicaStates });
    } catch (error) {
      options.log.warn({ err: (error as Error).message }, "readiness: database unavailable");
      res.status(503).json({ status: "unavailable", service: options.name, database: "unavailable", ...replicaStates });
    }
  });
  // Prometheus metrics of the data source: reads by target, each replica's state and lag (behind METRICS_TOKEN if set).
  app.get("/metrics", replicaMetricsHandler(options.name, options.dataSource, process.env.METRICS_TOKEN || undefined));

  // Benchmarks only (EXPOSE_STATEMENT_COUNT=true, never a default): the number of SQL statements this process has sent,
  // read-only, so a load generator can compute statements per request without pg_stat_statements.
  if (process.env.EXPOSE_STATEMENT_COUNT === "true") {
    app.get("/debug/statements", (_req, res) => {
      const counter = options.dataSource.logger;
      if (!(counter instanceof CountingOrmLogger)) {
        res.status(404).json({ error: "this data source does not count its statements" });
        return;
      }
      res.json({ service: options.name, statements: counter.count });
    });
  }

  app.use(
    "/graphql",
    assignRequestId(options.log),
    // The caller is verified on the headers, before the body is read: a signed caller may send a larger body.
    (req: express.Request, res: express.Response, next: express.NextFunction) => {
      options.callers.verify(req.headers).then(({ caller, tampered }) => {
        if (tampered)
          options.log.warn(
            { requestId: requestScopeOf(res).requestId },
            "request carried a caller that is not signed by the gateway for this subgraph; treated as anonymous",
          );
        (res.locals as { caller?: Caller | null }).caller = caller;
        next();
      }, next);
    },
    jsonBody((_req, res) => ((res.locals as { caller?: Caller | null }).caller ? signedBodyLimit : bodyLimit)),
    enterRequestScope(),
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const { requestId } = requestScopeOf(res);
        const caller = (res.locals as { caller?: Caller | null }).caller ?? null;
        return {
          requestId,
          caller,
          log: options.log.child({ requestId }),
          loaders: options.createLoaders(),
          services: options.services ?? ({} as S),
        };
      },
    }),
    bodyErrorHandler(options.log, bodyLimit),
  );

  let stopped = false;
  return {
    app,
    httpServer,
    listen: (port, host = "127.0.0.1") =>
      new Promise<number>((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          httpServer.off("error", reject);
          options.background?.start();
          resolve((httpServer.address() as AddressInfo).port);
        });
      }),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await options.background?.stop();
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

/** What a subgraph's `createServer` receives (from `runSubgraph` or the test harness). */
export interface SubgraphServerDeps {
  dataSource: DataSource;
  log: Logger;
  /** Verifies the caller the gateway forwards (see `createCallerVerifier`). */
  callers: CallerVerifier;
  /** HTTP_HEADERS_TIMEOUT_MS, HTTP_REQUEST_TIMEOUT_MS (defaults when absent). */
  http?: HttpTimeouts;
}

/**
 * The `createServer` of a subgraph, from what differs between subgraphs: its name, its schema builder, its per-request
 * loaders and its cache hints. Building is separate from listening: the result never listens (index.ts does).
 */
export function subgraphServerFactory<L, S = NoServices>(spec: {
  name: string;
  buildSchema: () => Promise<{ schema: GraphQLSchema }>;
  createLoaders: (dataSource: DataSource) => L;
  /** Made once per server: stateless, they hold the data source only. */
  createServices?: (dataSource: DataSource) => S;
  cacheHints?: CacheHints;
  /** The process's own periodic work, made once per server. */
  createBackground?: (deps: SubgraphServerDeps) => BackgroundJob;
}): (deps: SubgraphServerDeps) => Promise<SubgraphServer> {
  return async (deps) => {
    const { schema } = await spec.buildSchema();
    return createSubgraphServer({
      name: spec.name,
      schema,
      dataSource: deps.dataSource,
      log: deps.log,
      callers: deps.callers,
      createLoaders: () => spec.createLoaders(deps.dataSource),
      services: spec.createServices?.(deps.dataSource),
      cacheHints: spec.cacheHints,
      http: deps.http,
      background: spec.createBackground?.(deps),
    });
  };
}
