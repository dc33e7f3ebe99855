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
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`),
    );
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
export function httpTimeoutsOf(raw: { HTTP_HEADERS_TIMEOUT_MS: number; HTTP_REQUEST_TIMEOUT_MS: number }): HttpTimeouts {
  if (raw.HTTP_HEADERS_TIMEOUT_MS > raw.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigError(["HTTP_HEADERS_TIMEOUT_MS: must not be longer than HTTP_REQUEST_TIMEOUT_MS (the headers are part of the request)"]);
  }
  return { headersTimeoutMs: raw.HTTP_HEADERS_TIMEOUT_MS, requestTimeoutMs: raw.HTTP_REQUEST_TIMEOUT_MS };
}

/** The development default of the gateway↔subgraph signing secret: refused in production. */
export const LOCAL_INTERNAL_SECRET = "wsis-hub-local-internal-secret-change-me";

/** Refuses the local development secret when NODE_ENV=production (a forged caller would otherwise be easy). */
export function checkInternalSecret(nodeEnv: string, secret: string): void {
  if (nodeEnv === "production" && secret === LOCAL_INTERNAL_SECRET) {
    throw new ConfigError(["HUB_INTERNAL_SECRET: must be set to a secret of your own in production (the default is public)"]);
  }
}

/** The configuration every subgraph process reads, in the same form. */
export const subgraphConfigShape = (defaultPort: number) => ({
  DATABASE_URL: env.url(),
  PORT: env.port(defaultPort),
  HOST: env.host(),
  LOG_LEVEL: env.logLevel(),
  NODE_ENV: env.nodeEnv(),
  HUB_INTERNAL_SECRET: env.secret().default(LOCAL_INTERNAL_SECRET),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  ...httpTimeoutShape,
});

export interface SubgraphConfig {
  databaseUrl: string;
  port: number;
  host: string;
  logLevel: string;
  nodeEnv: "development" | "production" | "test";
  internalSecret: string;
  poolSize: number;
  http: HttpTimeouts;
}

export function loadSubgraphConfig(
  defaultPort: number,
  source: Record<string, string | undefined> = process.env,
): SubgraphConfig {
  const raw = parseConfig(subgraphConfigShape(defaultPort), source);
  checkInternalSecret(raw.NODE_ENV, raw.HUB_INTERNAL_SECRET);
  return {
    databaseUrl: raw.DATABASE_URL,
    port: raw.PORT,
    host: raw.HOST,
    logLevel: raw.LOG_LEVEL,
    nodeEnv: raw.NODE_ENV,
    internalSecret: raw.HUB_INTERNAL_SECRET,
    poolSize: raw.DB_POOL_SIZE,
    http: httpTimeoutsOf(raw),
  };
}
