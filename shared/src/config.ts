import { z } from "zod";

/**
 * Parses configuration once, at start-up, from the environment (or any record), into one typed object.
 * Every problem is reported at once, so an operator fixes them in one go instead of one per restart.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseConfig<S extends z.ZodRawShape>(
  shape: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<z.ZodObject<S>> {
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`));
  }
  return result.data;
}

/** Reusable field parsers, so every process reads the same variable the same way. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  url: () => z.string().url(),
  optionalUrl: () =>
    z
      .string()
      .optional()
      .transform((v) => (v === "" ? undefined : v))
      .pipe(z.string().url().optional()),
  logLevel: () => z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  nodeEnv: () => z.enum(["development", "production", "test"]).default("development"),
  host: () => z.string().min(1).default("127.0.0.1"),
  secret: () => z.string().min(16, "must be at least 16 characters"),
  bool: (fallback: boolean) =>
    z
      .enum(["true", "false", "1", "0", ""])
      .optional()
      .transform((v) => (v === undefined || v === "" ? fallback : v === "true" || v === "1")),
};

/** How long a client may take to send a request's headers, and the whole request, before it is cut off (408). */
export interface HttpTimeouts {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

/** HTTP_HEADERS_TIMEOUT_MS and HTTP_REQUEST_TIMEOUT_MS, read by the gateway and every subgraph. */
export const httpTimeoutShape = {
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
};

/** The timeouts of a parsed configuration; the headers' may not exceed the whole request's. */
export function httpTimeoutsOf(raw: {
  HTTP_HEADERS_TIMEOUT_MS: number;
  HTTP_REQUEST_TIMEOUT_MS: number;
}): HttpTimeouts {
  if (raw.HTTP_HEADERS_TIMEOUT_MS > raw.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigError([
      "HTTP_HEADERS_TIMEOUT_MS: must not be longer than HTTP_REQUEST_TIMEOUT_MS (the headers are part of the request)",
    ]);
  }
  return { headersTimeoutMs: raw.HTTP_HEADERS_TIMEOUT_MS, requestTimeoutMs: raw.HTTP_REQUEST_TIMEOUT_MS };
}

/** Where a subgraph reads the gateway's public keys by default, outside production: the local gateway. */
export const LOCAL_CALLER_JWKS_URL = "http://127.0.0.1:4000/.well-known/jwks.json";

/** How a subgraph obtains the public keys that verify the caller the gateway signs. */
export interface CallerKeyConfig {
  /** The gateway's `GET /.well-known/jwks.json`: fetched on the first signed request, cached, refetched for an unknown key. */
  url?: string;
  /** Or a JWKS file (the gateway's public keys), read at start. */
  file?: string;
  /** At most one refetch per this many ms for an unknown `kid`; keys older than `maxAgeMs` are fetched again. */
  cooldownMs: number;
  maxAgeMs: number;
}

/** CALLER_JWKS_URL / CALLER_JWKS_FILE and their cache settings, read by every subgraph. */
export const callerKeyShape = {
  CALLER_JWKS_URL: env.optionalUrl(),
  CALLER_JWKS_FILE: z.string().optional(),
  CALLER_JWKS_COOLDOWN_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  CALLER_JWKS_MAX_AGE_MS: z.coerce.number().int().min(100).max(86_400_000).default(600_000),
};

/**
 * The caller key settings of a parsed configuration: one of the URL or the file; outside production the local
 * gateway's URL by default; in production one must be given (a subgraph that cannot verify callers would refuse
 * every write).
 */
export function callerKeyConfigOf(
  raw: {
    CALLER_JWKS_URL?: string;
    CALLER_JWKS_FILE?: string;
    CALLER_JWKS_COOLDOWN_MS: number;
    CALLER_JWKS_MAX_AGE_MS: number;
  },
  nodeEnv: string,
): CallerKeyConfig {
  const file = raw.CALLER_JWKS_FILE || undefined;
  if (raw.CALLER_JWKS_URL && file) throw new ConfigError(["CALLER_JWKS_URL, CALLER_JWKS_FILE: set one, not both"]);
  if (!raw.CALLER_JWKS_URL && !file && nodeEnv === "production") {
    throw new ConfigError([
      "CALLER_JWKS_URL: must name the gateway's public keys in production (its /.well-known/jwks.json), or set CALLER_JWKS_FILE",
    ]);
  }
  return {
    url: file ? undefined : (raw.CALLER_JWKS_URL ?? LOCAL_CALLER_JWKS_URL),
    file,
    cooldownMs: raw.CALLER_JWKS_COOLDOWN_MS,
    maxAgeMs: raw.CALLER_JWKS_MAX_AGE_MS,
  };
}

/** DATABASE_REPLICA_URLS (comma-separated) and how far behind a replica may be before reads skip it. */
export const replicaShape = {
  DATABASE_REPLICA_URLS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((u) => u.trim())
        .filter((u) => u !== ""),
    )
    .pipe(z.array(z.string().url("each of DATABASE_REPLICA_URLS must be a URL"))),
  REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).max(3_600_000).default(5000),
  REPLICA_CHECK_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
};

/** The configuration every subgraph process reads, in the same form. */
export const subgraphConfigShape = (defaultPort: number) => ({
  DATABASE_URL: env.url(),
  PORT: env.port(defaultPort),
  HOST: env.host(),
  LOG_LEVEL: env.logLevel(),
  NODE_ENV: env.nodeEnv(),
  ...callerKeyShape,
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  ...httpTimeoutShape,
  ...replicaShape,
});

export interface SubgraphConfig {
  databaseUrl: string;
  port: number;
  host: string;
  logLevel: string;
  nodeEnv: "development" | "production" | "test";
  callerKeys: CallerKeyConfig;
  poolSize: number;
  http: HttpTimeouts;
  /** Read replicas: none when DATABASE_REPLICA_URLS is empty. */
  replicas: { urls: string[]; maxLagMs: number; checkIntervalMs: number };
}

export function loadSubgraphConfig(
  defaultPort: number,
  source: Record<string, string | undefined> = process.env,
): SubgraphConfig {
  const raw = parseConfig(subgraphConfigShape(defaultPort), source);
  const callerKeys = callerKeyConfigOf(raw, raw.NODE_ENV);
  return {
    databaseUrl: raw.DATABASE_URL,
    port: raw.PORT,
    host: raw.HOST,
    logLevel: raw.LOG_LEVEL,
    nodeEnv: raw.NODE_ENV,
    callerKeys,
    poolSize: raw.DB_POOL_SIZE,
    http: httpTimeoutsOf(raw),
    replicas: {
      urls: raw.DATABASE_REPLICA_URLS,
      maxLagMs: raw.REPLICA_MAX_LAG_MS,
      checkIntervalMs: raw.REPLICA_CHECK_INTERVAL_MS,
    },
  };
}
