import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled, ApolloServerPluginUsageReportingDisabled, ApolloServerPluginSchemaReportingDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import { maskErrors, REQUEST_ID_HEADER, requestIdFrom, type Logger } from "@wsis/shared";
import express from "express";
import type { GatewayConfig } from "./config";
import type { GatewayContext } from "./context";
import { SubgraphDataSource } from "./data-source";
import { healthRouter } from "./health";
import { ideRouter } from "./ide";
import type { ExecutePublic, PublicGraphResult } from "./public-graph";

export interface GatewayServer {
  app: express.Express;
  httpServer: http.Server;
  /** Runs an operation against the public graph in process (feeds and downloads are built on it). */
  executePublic: ExecutePublic;
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Builds (but does not start listening) the gateway: the supergraph composed ahead of time and loaded from a file, so
 * the gateway starts even when a subgraph is down; the GraphQL IDE at /; health routes.
 */
export async function createGateway(config: GatewayConfig, log: Logger): Promise<GatewayServer> {
  const supergraphSdl = readFileSync(config.supergraphPath, "utf8");
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new SubgraphDataSource(config.subgraphUrls[name] ?? url ?? "", config.subgraphTimeoutMs),
    logger: log,
  });

  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: config.introspection,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    formatError: maskErrors(log),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
    ],
  });
  await apollo.start();

  const executePublic: ExecutePublic = async <T>(query: string, variables?: Record<string, unknown>) => {
    const response = await apollo.executeOperation(
      { query, variables },
      { contextValue: { requestId: requestIdFrom(undefined) } },
    );
    if (response.body.kind !== "single") throw new Error("incremental delivery is not used by the hub");
    return response.body.singleResult as PublicGraphResult<T>;
  };

  app.use(ideRouter());
  app.use(healthRouter(config.subgraphUrls));
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
        res.setHeader(REQUEST_ID_HEADER, requestId);
        return { requestId };
      },
    }),
  );

  let stopped = false;
  return {
    app,
    httpServer,
    executePublic,
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
