import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { GraphQLSchema } from "graphql";
import type { DataSource } from "typeorm";
import { readCaller } from "../auth/caller";
import type { RequestContext } from "../graphql/context";
import { maskErrors } from "../graphql/format-error";
import type { Logger } from "../logger";
import { REQUEST_ID_HEADER, requestIdFrom } from "./request-id";

export interface SubgraphServerOptions<L> {
  /** The subgraph's name, as in the supergraph (e.g. "action-lines"). */
  name: string;
  schema: GraphQLSchema;
  dataSource: DataSource;
  log: Logger;
  internalSecret: string;
  /** Makes fresh DataLoaders for one request. */
  createLoaders: () => L;
  introspection?: boolean;
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
export async function createSubgraphServer<L>(options: SubgraphServerOptions<L>): Promise<SubgraphServer> {
  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<RequestContext<L>>({
    schema: options.schema,
    introspection: options.introspection ?? true,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError: maskErrors(options.log),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No trace data for Apollo Studio: the hub reports to nobody.
      ApolloServerPluginInlineTraceDisabled(),
    ],
  });
  await apollo.start();

  app.get("/health/live", (_req, res) => {
    res.json({ status: "ok", service: options.name });
  });
  app.get("/health/ready", async (_req, res) => {
    try {
      await options.dataSource.query("SELECT 1");
      res.json({ status: "ok", service: options.name, database: "ok" });
    } catch (error) {
      options.log.warn({ err: (error as Error).message }, "readiness: database unavailable");
      res.status(503).json({ status: "unavailable", service: options.name, database: "unavailable" });
    }
  });

  app.use(
    "/graphql",
    express.json({ limit: "2mb" }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
        res.setHeader(REQUEST_ID_HEADER, requestId);
        const { caller, tampered } = readCaller(req.headers, options.internalSecret);
        const log = options.log.child({ requestId });
        if (tampered) log.warn("request carried a caller that is not signed by the gateway; treated as anonymous");
        return { requestId, caller, log, loaders: options.createLoaders() };
      },
    }),
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
          resolve((httpServer.address() as AddressInfo).port);
        });
      }),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
