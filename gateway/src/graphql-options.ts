import { createHash } from "node:crypto";
import type http from "node:http";
import type { ApolloServerOptionsWithGateway, ApolloServerPlugin } from "@apollo/server";
import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from "@apollo/server/plugin/disabled";
import type { Logger } from "@wsis/shared";
import { allowlistPlugin } from "./allowlist";
import { RedisCache } from "./cache";
import type { GatewayConfig } from "./config";
import type { GatewayContext } from "./context";
import { formatGatewayError } from "./errors";
import { limitRules } from "./limits";
import { costLimitPlugin } from "./operation-cost";
import { requestOutcomePlugin, type GatewayMetrics } from "./metrics";
import { knownOperationTypesRule, operationResolutionPlugin } from "./operation-rules";
import { createResponseCache, type ResponseCache } from "./response-cache";

/** Answers to requests with credentials are never cached: not by the response cache, not by clients or proxies. */
const noCacheWhenAuthenticated: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, overallCachePolicy }) {
        if (contextValue.authenticated) overallCachePolicy.restrict({ maxAge: 0 });
      },
    };
  },
};

export interface GraphQLOptions {
  options: Omit<ApolloServerOptionsWithGateway<GatewayContext>, "gateway">;
  /** The response cache (absent when RESPONSE_CACHE=false): its middleware goes in front of Apollo's. */
  responseCache?: ResponseCache;
  /** Closes what the options opened (the Redis connection). */
  close(): Promise<void>;
}

/**
 * Everything the gateway's Apollo Server does beyond executing: limits (validation rules, token limit, cost), error
 * masking, CSRF prevention, no batching, introspection and schema details per configuration, the allowlist, the
 * response cache and automatic persisted queries (in memory, or in Redis shared by every replica), metrics, and the
 * drain of in-flight requests on stop.
 */
export function graphqlOptions(
  config: GatewayConfig,
  log: Logger,
  metrics: GatewayMetrics,
  httpServer: http.Server,
  supergraphHash: () => string,
): GraphQLOptions {
  const redis = config.redisUrl ? new RedisCache(config.redisUrl, config.redisKeyPrefix, log) : undefined;
  // Entries are only valid for the schema and allowlist that produced them (replicas may be mid-deploy; a reloaded
  // supergraph starts with none): the key is salted with the supergraph served when the request arrived.
  const allowlistHash = JSON.stringify([...(config.allowlist?.hashes ?? [])].sort());
  let salted = { hash: "", salt: "" };
  const salt = () => {
    const hash = supergraphHash();
    if (salted.hash !== hash)
      salted = { hash, salt: createHash("sha256").update(hash).update(allowlistHash).digest("hex") };
    return salted.salt;
  };
  const responseCache = config.responseCache
    ? createResponseCache(redis ?? new InMemoryLRUCache<string>(), metrics, salt)
    : undefined;
  const plugins: ApolloServerPlugin<GatewayContext>[] = [
    ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }),
    ApolloServerPluginLandingPageDisabled(),
    ApolloServerPluginUsageReportingDisabled(),
    ApolloServerPluginSchemaReportingDisabled(),
    operationResolutionPlugin,
    ...(config.allowlist ? [allowlistPlugin(config.allowlist)] : []),
    costLimitPlugin(config.limits),
    noCacheWhenAuthenticated,
    ...(responseCache ? [responseCache.plugin] : []),
    requestOutcomePlugin(metrics),
  ];
  return {
    responseCache,
    options: {
      // Introspection is refused by our own rule (with its own code) when it is off.
      introspection: true,
      csrfPrevention: true,
      allowBatchedHttpRequests: false,
      // The process's own SIGTERM handler (onShutdown) stops the server; Apollo's would stop it and send SIGTERM again.
      stopOnTerminationSignals: false,
      includeStacktraceInErrorResponses: false,
      hideSchemaDetailsFromClientErrors: config.hideSchemaDetails,
      formatError: formatGatewayError(log),
      parseOptions: { maxTokens: config.limits.maxTokens },
      validationRules: [...limitRules(config.limits, config.introspection), knownOperationTypesRule],
      cache: redis ?? "bounded",
      persistedQueries: { ttl: config.apqTtlSeconds },
      plugins,
      logger: log,
    },
    close: async () => {
      await redis?.close();
    },
  };
}
