import path from "node:path";
import { ConfigError, env, httpTimeoutShape, httpTimeoutsOf, parseConfig, type HttpTimeouts } from "@wsis/shared";
import { z } from "zod";
import { readAllowlist, type Allowlist } from "./allowlist";
import { developmentKeyRing, readKeyFile, type CallerKeyRing } from "./caller-keys";
import { corsConfigOf, corsOriginProblems, type CorsConfig } from "./cors";
import { DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER, jwtConfigOf, type JwtConfig } from "./auth/jwt-config";
import type { QueryLimits } from "./limits";
import { DEFAULT_REGISTRY_PATH, readRegistry, REPO_ROOT, urlVariable, type Registry } from "./registry";

export interface GatewayConfig {
  port: number;
  host: string;
  logLevel: string;
  nodeEnv: "development" | "production" | "test";
  /**
   * The keys that sign the caller forwarded to the subgraphs (CALLER_SIGNING_KEYS_FILE; outside production a local
   * pair kept in .data/): the first signs, all are published at /.well-known/jwks.json.
   */
  callerKeysFile: string;
  callerKeys: CallerKeyRing;
  supergraphPath: string;
  /** How often the supergraph file is polled for changes, ms (0: only SIGHUP reloads it). */
  supergraphPollMs: number;
  /** The registry (supergraph.yaml): the subgraphs, their routing URLs and the hub's settings of each. */
  registryPath: string;
  registry: Registry;
  /** Subgraph name → URL of its GraphQL endpoint: `<NAME>_URL` when set, else the registry's routing_url. */
  subgraphUrls: Record<string, string>;
  /** `<NAME>_URL` variables as given (they also apply to subgraphs registered after start, on a reload). */
  urlOverrides: Record<string, string>;
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
  /**
   * One-fetch plans whose answer needs no rewriting hand the subgraph's data on as received (see single-fetch.ts);
   * GATEWAY_SINGLE_FETCH_PASSTHROUGH=false sends every plan through Apollo's execution. Default on.
   */
  singleFetchPassthrough?: boolean;
  /** How long an automatic persisted query stays registered, in seconds. */
  apqTtlSeconds: number;
  /** Only these operations run, when set (ALLOWLIST_PATH). */
  allowlist?: Allowlist;
  /** When set, GET /metrics wants `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** The most observations one SDMX data request may select (413 above; the data is streamed, this bounds its time). */
  sdmxMaxObservations: number;
  /** How long in-flight requests may finish after SIGTERM before their connections are closed. */
  shutdownGraceMs: number;
  /** Cross-origin reads (CORS_ORIGINS); absent: no cross-origin access. */
  cors?: CorsConfig;
  /** How bearer tokens are verified (JWT_SECRET, JWT_JWKS_URL, JWT_ISSUER, JWT_AUDIENCE, JWT_CLOCK_TOLERANCE_SECONDS). */
  jwt: JwtConfig;
}

export const DEFAULT_SUPERGRAPH_PATH = path.resolve(__dirname, "../supergraph.graphql");

/** Where the local development key pair is kept (git-ignored). */
export const DEVELOPMENT_KEYS_PATH = path.join(REPO_ROOT, ".data/caller-signing-keys.json");

/** The caller signing keys: the file given, or (outside production only) the local development pair. */
function callerKeysOf(file: string | undefined, production: boolean): { file: string; ring: CallerKeyRing } {
  if (!file && production) {
    throw new ConfigError([
      "CALLER_SIGNING_KEYS_FILE: must name the gateway's private signing keys in production (npm run caller-keys -- new FILE makes one)",
    ]);
  }
  try {
    return file
      ? { file, ring: readKeyFile(file) }
      : { file: DEVELOPMENT_KEYS_PATH, ring: developmentKeyRing(DEVELOPMENT_KEYS_PATH) };
  } catch (error) {
    throw new ConfigError([`CALLER_SIGNING_KEYS_FILE: ${(error as Error).message}`]);
  }
}

/** Parses the gateway's configuration once, reporting every problem at once. */
export function loadGatewayConfig(source: Record<string, string | undefined> = process.env): GatewayConfig {
  const registryPath = source.REGISTRY_PATH || DEFAULT_REGISTRY_PATH;
  const registry = readRegistry(registryPath);
  const urlShape = Object.fromEntries(registry.subgraphs.map((s) => [urlVariable(s.name), env.optionalUrl()]));
  const raw = parseConfig(
    {
      PORT: env.port(4000),
      HOST: env.host(),
      LOG_LEVEL: env.logLevel(),
      NODE_ENV: env.nodeEnv(),
      CALLER_SIGNING_KEYS_FILE: z.string().optional(),
      SUPERGRAPH_POLL_MS: int(0, 600_000, 1000),
      SUPERGRAPH_PATH: z.string().min(1).default(DEFAULT_SUPERGRAPH_PATH),
      REGISTRY_PATH: z.string().optional(),
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
      GATEWAY_SINGLE_FETCH_PASSTHROUGH: env.bool(true),
      APQ_TTL_SECONDS: int(1, 31_536_000, 86400),
      ALLOWLIST_PATH: z.string().optional(),
      METRICS_TOKEN: z.string().optional(),
      SDMX_MAX_OBSERVATIONS: int(1, 100_000_000, 5_000_000),
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
    CALLER_SIGNING_KEYS_FILE?: string;
    SUPERGRAPH_POLL_MS: number;
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
    GATEWAY_SINGLE_FETCH_PASSTHROUGH: boolean;
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
  const production = raw.NODE_ENV === "production";
  const callerKeys = callerKeysOf(raw.CALLER_SIGNING_KEYS_FILE || undefined, production);
  const flag = (value: "true" | "false" | "" | undefined, fallback: boolean) => (value ? value === "true" : fallback);
  return {
    port: raw.PORT,
    host: raw.HOST,
    logLevel: raw.LOG_LEVEL,
    nodeEnv: raw.NODE_ENV,
    callerKeysFile: callerKeys.file,
    callerKeys: callerKeys.ring,
    supergraphPath: raw.SUPERGRAPH_PATH,
    supergraphPollMs: raw.SUPERGRAPH_POLL_MS,
    registryPath,
    registry,
    subgraphUrls: Object.fromEntries(
      registry.subgraphs.map((s) => [s.name, (raw[urlVariable(s.name)] as string | undefined) ?? s.routingUrl]),
    ),
    urlOverrides: Object.fromEntries(
      Object.entries(source).filter(
        (e): e is [string, string] => /^[A-Z][A-Z0-9_]*_URL$/.test(e[0]) && typeof e[1] === "string" && e[1] !== "",
      ),
    ),
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
    singleFetchPassthrough: raw.GATEWAY_SINGLE_FETCH_PASSTHROUGH,
    apqTtlSeconds: raw.APQ_TTL_SECONDS,
    allowlist: raw.ALLOWLIST_PATH ? readAllowlist(raw.ALLOWLIST_PATH) : undefined,
    metricsToken: raw.METRICS_TOKEN || undefined,
    sdmxMaxObservations: raw.SDMX_MAX_OBSERVATIONS as number,
    shutdownGraceMs: raw.SHUTDOWN_GRACE_MS,
    jwt: jwtConfigOf(raw, production),
    // Development reads from anywhere; production allows no other origin until the operator lists them.
    cors: corsConfigOf(raw.CORS_ORIGINS ?? (production ? "" : "*")),
  };
}

function int(min: number, max: number, fallback: number) {
  return z.coerce.number().int().min(min).max(max).default(fallback);
}
