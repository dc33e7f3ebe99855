import path from "node:path";
import { checkInternalSecret, env, httpTimeoutShape, httpTimeoutsOf, LOCAL_INTERNAL_SECRET, parseConfig, type HttpTimeouts } from "@wsis/shared";
import { z } from "zod";
import { readAllowlist, type Allowlist } from "./allowlist";
import { corsConfigOf, corsOriginProblems, type CorsConfig } from "./cors";
import { DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER, jwtConfigOf, type JwtConfig } from "./auth/jwt-config";
import type { QueryLimits } from "./limits";
import { defaultSubgraphUrl, SUBGRAPHS } from "./subgraphs";

export interface GatewayConfig {
  port: number;
  host: string;
  logLevel: string;
  nodeEnv: "development" | "production" | "test";
  internalSecret: string;
  supergraphPath: string;
  /** Subgraph name → URL of its GraphQL endpoint. */
  subgraphUrls: Record<string, string>;
  subgraphTimeoutMs: number;
  /** Keep-alive connections to each subgraph, at most this many open at once (more calls wait for a free one). */
  subgraphMaxSockets: number;
  introspection: boolean;
  /** The GraphQL IDE at `/`. */
  ide: boolean;
  /** Hides schema details ("Did you mean ...?") from validation errors; on in production. */
  hideSchemaDetails: boolean;
  limits: QueryLimits;
  /** Largest JSON request body, in bytes (413 REQUEST_TOO_LARGE above). */
  maxBodyBytes: number;
  /** Largest JSON body of a request with a valid bearer token (authenticated writes: 10,000 observations, a 1.9 MB import). */
  maxAuthenticatedBodyBytes: number;
  /** How long a client may take to send the headers, and the whole request (408 after). */
  http: HttpTimeouts;
  /** Redis for the response cache and the persisted queries, shared by every gateway replica; in memory when unset. */
  redisUrl?: string;
  redisKeyPrefix: string;
  responseCache: boolean;
  /** How long an automatic persisted query stays registered, in seconds. */
  apqTtlSeconds: number;
  /** Only these operations run, when set (ALLOWLIST_PATH). */
  allowlist?: Allowlist;
  /** When set, GET /metrics wants `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** How long in-flight requests may finish after SIGTERM before their connections are closed. */
  shutdownGraceMs: number;
  /** Cross-origin reads (CORS_ORIGINS); absent: no cross-origin access. */
  cors?: CorsConfig;
  /** How bearer tokens are verified (JWT_SECRET, JWT_JWKS_URL, JWT_ISSUER, JWT_AUDIENCE, JWT_CLOCK_TOLERANCE_SECONDS). */
  jwt: JwtConfig;
}

export const DEFAULT_SUPERGRAPH_PATH = path.resolve(__dirname, "../supergraph.graphql");

/** Parses the gateway's configuration once, reporting every problem at once. */
export function loadGatewayConfig(source: Record<string, string | undefined> = process.env): GatewayConfig {
  const urlShape = Object.fromEntries(SUBGRAPHS.map((s) => [s.urlVariable, env.url().default(defaultSubgraphUrl(s))]));
  const raw = parseConfig(
    {
      PORT: env.port(4000),
      HOST: env.host(),
      LOG_LEVEL: env.logLevel(),
      NODE_ENV: env.nodeEnv(),
      HUB_INTERNAL_SECRET: env.secret().default(LOCAL_INTERNAL_SECRET),
      SUPERGRAPH_PATH: z.string().min(1).default(DEFAULT_SUPERGRAPH_PATH),
      SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120000).default(5000),
      SUBGRAPH_MAX_SOCKETS: int(1, 10000, 64),
      INTROSPECTION: z.enum(["true", "false", ""]).optional(),
      IDE: z.enum(["true", "false", ""]).optional(),
      MAX_DEPTH: int(1, 100, 8),
      MAX_ALIASES: int(0, 1000, 15),
      MAX_TOKENS: int(50, 100000, 1000),
      MAX_DIRECTIVES: int(0, 1000, 50),
      MAX_FIELD_DUPLICATES: int(1, 100, 3),
      MAX_SELECTIONS: int(1, 1_000_000, 2000),
      MAX_COST: int(1, 100_000_000, 20000),
      DEFAULT_LIST_SIZE: int(1, 10000, 10),
      MAX_DOCUMENT_BYTES: int(100, 10_000_000, 20000),
      MAX_BODY_BYTES: int(1000, 100_000_000, 100000),
      MAX_AUTHENTICATED_BODY_BYTES: int(1000, 30_000_000, 16_000_000),
      ...httpTimeoutShape,
      REDIS_URL: env.optionalUrl(),
      REDIS_KEY_PREFIX: z.string().default("wsis-hub:"),
      RESPONSE_CACHE: env.bool(true),
      APQ_TTL_SECONDS: int(1, 31_536_000, 86400),
      ALLOWLIST_PATH: z.string().optional(),
      METRICS_TOKEN: z.string().optional(),
      SHUTDOWN_GRACE_MS: int(0, 120000, 5000),
      JWT_SECRET: z.string().min(32, "must be at least 32 characters (HS256 key)").optional(),
      JWT_JWKS_URL: env.optionalUrl(),
      JWT_ISSUER: z.string().min(1).default(DEFAULT_JWT_ISSUER),
      JWT_AUDIENCE: z.string().min(1).default(DEFAULT_JWT_AUDIENCE),
      JWT_CLOCK_TOLERANCE_SECONDS: int(0, 300, 30),
      CORS_ORIGINS: z
        .string()
        .optional()
        .superRefine((value, ctx) => {
          for (const message of corsOriginProblems(value ?? "")) ctx.addIssue({ code: "custom", message });
        }),
      ...urlShape,
    },
    source,
  ) as Record<string, unknown> & {
    PORT: number;
    HOST: string;
    LOG_LEVEL: string;
    NODE_ENV: GatewayConfig["nodeEnv"];
    HUB_INTERNAL_SECRET: string;
    SUPERGRAPH_PATH: string;
    SUBGRAPH_TIMEOUT_MS: number;
    SUBGRAPH_MAX_SOCKETS: number;
    INTROSPECTION?: "true" | "false" | "";
    IDE?: "true" | "false" | "";
    MAX_DEPTH: number;
    MAX_ALIASES: number;
    MAX_TOKENS: number;
    MAX_DIRECTIVES: number;
    MAX_FIELD_DUPLICATES: number;
    MAX_SELECTIONS: number;
    MAX_COST: number;
    DEFAULT_LIST_SIZE: number;
    MAX_DOCUMENT_BYTES: number;
    MAX_BODY_BYTES: number;
    MAX_AUTHENTICATED_BODY_BYTES: number;
    HTTP_HEADERS_TIMEOUT_MS: number;
    HTTP_REQUEST_TIMEOUT_MS: number;
    REDIS_URL?: string;
    REDIS_KEY_PREFIX: string;
    RESPONSE_CACHE: boolean;
    APQ_TTL_SECONDS: number;
    ALLOWLIST_PATH?: string;
    METRICS_TOKEN?: string;
    SHUTDOWN_GRACE_MS: number;
    JWT_SECRET?: string;
    JWT_JWKS_URL?: string;
    JWT_ISSUER: string;
    JWT_AUDIENCE: string;
    JWT_CLOCK_TOLERANCE_SECONDS: number;
    CORS_ORIGINS?: string;
  };
  checkInternalSecret(raw.NODE_ENV, raw.HUB_INTERNAL_SECRET);
  const production = raw.NODE_ENV === "production";
  const flag = (value: "true" | "false" | "" | undefined, fallback: boolean) => (value ? value === "true" : fallback);
  return {
    port: raw.PORT,
    host: raw.HOST,
    logLevel: raw.LOG_LEVEL,
    nodeEnv: raw.NODE_ENV,
    internalSecret: raw.HUB_INTERNAL_SECRET,
    supergraphPath: raw.SUPERGRAPH_PATH,
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, String(raw[s.urlVariable])])),
    subgraphTimeoutMs: raw.SUBGRAPH_TIMEOUT_MS,
    subgraphMaxSockets: raw.SUBGRAPH_MAX_SOCKETS,
    // On in development, off by default in production.
    introspection: flag(raw.INTROSPECTION, !production),
    ide: flag(raw.IDE, !production),
    hideSchemaDetails: production,
    limits: {
      maxDepth: raw.MAX_DEPTH,
      maxAliases: raw.MAX_ALIASES,
      maxTokens: raw.MAX_TOKENS,
      maxDirectives: raw.MAX_DIRECTIVES,
      maxFieldDuplicates: raw.MAX_FIELD_DUPLICATES,
      maxSelections: raw.MAX_SELECTIONS,
      maxCost: raw.MAX_COST,
      defaultListSize: raw.DEFAULT_LIST_SIZE,
      maxDocumentBytes: raw.MAX_DOCUMENT_BYTES,
    },
    maxBodyBytes: raw.MAX_BODY_BYTES,
    maxAuthenticatedBodyBytes: raw.MAX_AUTHENTICATED_BODY_BYTES,
    http: httpTimeoutsOf(raw),
    redisUrl: raw.REDIS_URL,
    redisKeyPrefix: raw.REDIS_KEY_PREFIX,
    responseCache: raw.RESPONSE_CACHE,
    apqTtlSeconds: raw.APQ_TTL_SECONDS,
    allowlist: raw.ALLOWLIST_PATH ? readAllowlist(raw.ALLOWLIST_PATH) : undefined,
    metricsToken: raw.METRICS_TOKEN || undefined,
    shutdownGraceMs: raw.SHUTDOWN_GRACE_MS,
    jwt: jwtConfigOf(raw, production),
    // Development reads from anywhere; production allows no other origin until the operator lists them.
    cors: corsConfigOf(raw.CORS_ORIGINS ?? (production ? "" : "*")),
  };
}

function int(min: number, max: number, fallback: number) {
  return z.coerce.number().int().min(min).max(max).default(fallback);
}
