import { ConfigError } from "@wsis/shared";

/** The secret `npm run token` signs with, and a development gateway verifies with, when JWT_SECRET is unset. */
export const LOCAL_JWT_SECRET = "wsis-hub-local-jwt-secret-for-development-only-change-me";
export const DEFAULT_JWT_ISSUER = "wsis-hub-local";
export const DEFAULT_JWT_AUDIENCE = "wsis-hub";
/** Algorithms accepted for each kind of key: nothing else (no `none`, no HS with a public key). */
export const SECRET_ALGORITHMS = ["HS256"] as const;
export const JWKS_ALGORITHMS = ["RS256", "ES256"] as const;

interface JwtCommon {
  issuer: string;
  audience: string;
  /** Seconds of clock skew tolerated on `exp` and `nbf`. */
  clockToleranceSeconds: number;
}

/**
 * How the gateway verifies bearer tokens: with a shared secret (HS256; local use), with the public keys at a JWKS URL
 * (RS256/ES256; production), or not at all (`off`: a production gateway configured with neither, which then refuses
 * every token and serves reads only — it never falls back to the local development secret).
 */
export type JwtConfig =
  | (JwtCommon & { mode: "secret"; secret: string; /** The built-in development secret. */ local: boolean })
  | (JwtCommon & { mode: "jwks"; jwksUrl: string })
  | (JwtCommon & { mode: "off" });

export interface RawJwtSettings {
  JWT_SECRET?: string;
  JWT_JWKS_URL?: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  JWT_CLOCK_TOLERANCE_SECONDS: number;
}

/** Problems of the JWT settings beyond their format (reported together with the other configuration problems). */
export function jwtProblems(raw: RawJwtSettings, production: boolean): string[] {
  const problems: string[] = [];
  if (raw.JWT_SECRET && raw.JWT_JWKS_URL) problems.push("JWT_SECRET and JWT_JWKS_URL: set one of them, not both");
  if (production && raw.JWT_SECRET === LOCAL_JWT_SECRET) {
    problems.push("JWT_SECRET: the built-in local development secret cannot be used with NODE_ENV=production");
  }
  if (production && raw.JWT_JWKS_URL && !raw.JWT_JWKS_URL.startsWith("https://")) {
    problems.push("JWT_JWKS_URL: must be an https:// URL with NODE_ENV=production");
  }
  return problems;
}

export function jwtConfigOf(raw: RawJwtSettings, production: boolean): JwtConfig {
  const problems = jwtProblems(raw, production);
  if (problems.length) throw new ConfigError(problems);
  const common: JwtCommon = {
    issuer: raw.JWT_ISSUER,
    audience: raw.JWT_AUDIENCE,
    clockToleranceSeconds: raw.JWT_CLOCK_TOLERANCE_SECONDS,
  };
  if (raw.JWT_JWKS_URL) return { ...common, mode: "jwks", jwksUrl: raw.JWT_JWKS_URL };
  if (raw.JWT_SECRET) return { ...common, mode: "secret", secret: raw.JWT_SECRET, local: false };
  if (production) return { ...common, mode: "off" };
  return { ...common, mode: "secret", secret: LOCAL_JWT_SECRET, local: true };
}
