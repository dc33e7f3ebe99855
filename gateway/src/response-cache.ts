import { createHash } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import { requestScopeOf } from "@wsis/shared";
import type { Request, RequestHandler, Response } from "express";
import type { KeyValueCache } from "./cache";
import type { GatewayContext } from "./context";
import type { GatewayMetrics } from "./metrics";

/** Where the response cache keeps its entries in the shared store (beside the persisted queries). */
export const RESPONSE_CACHE_PREFIX = "rc:";

/** Content types a browser may send without a preflight: Apollo's CSRF prevention refuses them without a header. */
const SIMPLE_CONTENT_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]);

export interface GraphQLParams {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

/** Would Apollo's CSRF prevention let this request through? (A cached answer must not reach a request it refuses.) */
function passesCsrfPrevention(req: Request): boolean {
  if (req.headers["x-apollo-operation-name"] || req.headers["apollo-require-preflight"]) return true;
  const contentType = req.headers["content-type"];
  if (contentType === undefined) return false;
  return !SIMPLE_CONTENT_TYPES.has(contentType.split(";")[0].trim().toLowerCase());
}

/** The GraphQL parameters of a request, as Apollo reads them (JSON body, or query string for GET). */
function paramsOf(req: Request): GraphQLParams | undefined {
  if (req.method === "POST") {
    const body = req.body as unknown;
    return body && typeof body === "object" && !Array.isArray(body) ? (body as GraphQLParams) : undefined;
  }
  if (req.method !== "GET") return undefined;
  const q = req.query as Record<string, unknown>;
  try {
    return {
      query: q.query,
      operationName: q.operationName,
      variables: typeof q.variables === "string" ? JSON.parse(q.variables) : q.variables,
      extensions: typeof q.extensions === "string" ? JSON.parse(q.extensions) : q.extensions,
    };
  } catch {
    return undefined; // Apollo answers malformed JSON parameters itself
  }
}

/** One stored answer: `<stored at, ms> <maxAge, s> <operation name>\n<body>` — the body is sent as stored, unparsed. */
function encodeEntry(storedAt: number, maxAge: number, operationName: string, body: string): string {
  return `${storedAt} ${maxAge} ${operationName}\n${body}`;
}

function decodeEntry(
  entry: string,
): { storedAt: number; maxAge: number; operationName: string; body: string } | undefined {
  const newline = entry.indexOf("\n");
  if (newline < 0) return undefined;
  const [storedAt, maxAge, operationName = ""] = entry.slice(0, newline).split(" ");
  const parsed = { storedAt: Number(storedAt), maxAge: Number(maxAge), operationName, body: entry.slice(newline + 1) };
  return Number.isFinite(parsed.storedAt) && Number.isFinite(parsed.maxAge) ? parsed : undefined;
}

/** A stored answer that is still fresh. */
export interface CachedAnswer {
  /** The response body, exactly as first sent. */
  body: string;
  operationName: string;
  /** Seconds since it was stored, and how long it may be served in all. */
  age: number;
  maxAge: number;
}

export interface ResponseCache {
  /** Express middleware: answers a repeated public query from the cache; otherwise notes its cache key and goes on. */
  serve: RequestHandler;
  /** The key of a request's GraphQL parameters (also for operations the gateway runs in process: feeds, downloads). */
  keyOf(params: GraphQLParams): string;
  /** The fresh answer stored under `key`, if any, counted as a hit (a cache that fails is a miss). */
  lookup(key: string): Promise<CachedAnswer | undefined>;
  /** Apollo plugin: stores cacheable answers (public queries, no errors, a maxAge from every subgraph involved). */
  plugin: ApolloServerPlugin<GatewayContext>;
}

/** The cache key a request was given by `serve` (absent: the request may not be cached). */
export function responseCacheKeyOf(res: Response): string | undefined {
  return (res.locals as { responseCacheKey?: string }).responseCacheKey;
}

/**
 * The gateway's response cache, in front of GraphQL. A query answered without errors whose every part may be cached
 * (the policy combines the subgraphs' `Cache-Control` headers) is stored as the exact bytes sent, for its maxAge, in
 * the shared store (Redis when configured, so replicas share it). A repeated request — same document, operation name,
 * variables and extensions, anonymous, and one that Apollo's CSRF prevention accepts — is answered from there before
 * any parsing, validation or planning: that path is what one gateway process can repeat most often.
 *
 * Only an answer the full pipeline produced is ever stored, for exactly the same request text, so the query limits and
 * the allowlist have already accepted it. `salt` (the supergraph and allowlist in use, read per request) keeps a
 * replica with another schema or allowlist from serving another's entries, and a reloaded supergraph from serving
 * answers made by the previous one. Requests with credentials are never read from or written to it.
 */
export function createResponseCache(store: KeyValueCache, metrics: GatewayMetrics, salt: () => string): ResponseCache {
  const keyOf = (params: GraphQLParams): string =>
    createHash("sha256")
      .update(salt())
      .update("\0")
      .update(
        JSON.stringify([
          params.query ?? null,
          params.operationName ?? null,
          params.variables ?? null,
          params.extensions ?? null,
        ]),
      )
      .digest("hex");

  const lookup = async (key: string): Promise<CachedAnswer | undefined> => {
    const stored = await store.get(RESPONSE_CACHE_PREFIX + key).catch(() => undefined);
    const entry = stored === undefined ? undefined : decodeEntry(stored);
    if (!entry) return undefined;
    const age = Math.max(0, Math.floor((Date.now() - entry.storedAt) / 1000));
    if (age >= entry.maxAge) return undefined;
    metrics.responseCache.inc({ result: "hit" });
    return { body: entry.body, operationName: entry.operationName, age, maxAge: entry.maxAge };
  };

  const serve: RequestHandler = (req, res, next) => {
    if (req.headers.authorization !== undefined || !passesCsrfPrevention(req)) {
      next();
      return;
    }
    const params = paramsOf(req);
    if (!params || (params.query === undefined && params.extensions === undefined)) {
      next();
      return;
    }
    const key = keyOf(params);
    (res.locals as { responseCacheKey?: string }).responseCacheKey = key;
    lookup(key).then((answer) => {
      if (!answer) {
        next();
        return;
      }
      const scope = requestScopeOf(res);
      scope.operationName = answer.operationName || null;
      scope.outcome = "success";
      scope.cacheHit = true;
      res.setHeader("content-type", "application/json; charset=utf-8");
      res.setHeader("cache-control", `max-age=${answer.maxAge - answer.age}, public`);
      res.setHeader("age", String(answer.age));
      res.end(answer.body);
    }, next);
  };

  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart({ contextValue, metrics: requestMetrics }) {
      const key = contextValue.responseCacheKey;
      if (!key || contextValue.authenticated) return;
      requestMetrics.responseCacheHit = false;
      return {
        async willSendResponse({ response, overallCachePolicy, operation, operationName }) {
          if (operation?.operation !== "query" || response.body.kind !== "single") return;
          const { singleResult } = response.body;
          const policy = overallCachePolicy.policyIfCacheable();
          const status = response.http.status ?? 200;
          if (!policy || policy.scope !== "PUBLIC" || singleResult.errors || status !== 200) return;
          // The bytes Apollo sends (its serialisation: JSON and a newline).
          const body = `${JSON.stringify(singleResult)}\n`;
          void store.set(
            RESPONSE_CACHE_PREFIX + key,
            encodeEntry(Date.now(), policy.maxAge, operationName ?? "", body),
            { ttl: policy.maxAge },
          );
        },
      };
    },
  };

  return { serve, keyOf, lookup, plugin };
}
