import { isScope, type Caller } from "@wsis/shared";
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { JWKS_ALGORITHMS, SECRET_ALGORITHMS, type JwtConfig } from "./jwt-config";

/** A bearer token that cannot be accepted; `reason` is safe to show to the client (it says nothing about keys). */
export class InvalidTokenError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "InvalidTokenError";
  }
}

export type TokenVerifier = (token: string) => Promise<Caller>;

const AGENCY = /^[A-Za-z][A-Za-z0-9-]{0,31}$/;
const MAX_TOKEN_LENGTH = 8192;

/** Turns the verified claims into a caller: `agency`, `sub` and `scope` (space-separated, known scopes only). */
export function callerOf(payload: JWTPayload): Caller {
  const agency = payload.agency;
  if (typeof agency !== "string" || !AGENCY.test(agency))
    throw new InvalidTokenError('the token has no valid "agency" claim');
  const subject = payload.sub;
  if (typeof subject !== "string" || subject.trim() === "" || subject.length > 256)
    throw new InvalidTokenError('the token has no valid "sub" claim');
  const scope = payload.scope;
  if (typeof scope !== "string") throw new InvalidTokenError('the token has no "scope" claim (space-separated scopes)');
  const scopes = [...new Set(scope.split(" ").filter((s) => s !== ""))];
  const unknown = scopes.filter((s) => !isScope(s));
  if (unknown.length) throw new InvalidTokenError(`the token grants unknown scopes: ${unknown.join(", ")}`);
  return { agency, subject, scopes };
}

function reasonOf(error: unknown): string {
  if (error instanceof InvalidTokenError) return error.reason;
  if (error instanceof joseErrors.JWTExpired) return "the token has expired";
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === "iss") return "the token was not issued by the issuer this hub trusts";
    if (error.claim === "aud") return "the token is not meant for this hub (audience)";
    if (error.claim === "exp") return 'the token has no "exp" (expiry) claim';
    if (error.claim === "nbf") return "the token is not valid yet";
    return `the token's "${error.claim}" claim is not valid`;
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed)
    return "the token is signed with an algorithm this hub does not accept";
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "the token's signature is not valid";
  if (error instanceof joseErrors.JWKSNoMatchingKey) return "no key of this hub matches the token";
  if (
    error instanceof joseErrors.JWKSTimeout ||
    (error instanceof joseErrors.JOSEError && error.code === "ERR_JWKS_INVALID")
  ) {
    return "the keys to verify the token could not be fetched";
  }
  return "the token is malformed";
}

/**
 * Verifies a bearer JWT with `jose` and returns its caller. Pinned: the algorithms of the key kind (HS256 for the
 * shared secret; RS256/ES256 for a JWKS), the issuer, the audience, and an expiry that must be present; a small clock
 * tolerance. Any failure is an InvalidTokenError: a token that is present but not valid is never anonymous.
 */
export function createTokenVerifier(config: JwtConfig): TokenVerifier {
  if (config.mode === "off") {
    return async () => {
      throw new InvalidTokenError(
        "this hub accepts no tokens: no key to verify them is configured (JWT_SECRET or JWT_JWKS_URL)",
      );
    };
  }
  const key: Uint8Array | JWTVerifyGetKey =
    config.mode === "secret"
      ? new TextEncoder().encode(config.secret)
      : createRemoteJWKSet(new URL(config.jwksUrl), {
          timeoutDuration: 3000,
          cooldownDuration: 30_000,
          cacheMaxAge: 600_000,
        });
  const options = {
    algorithms: [...(config.mode === "secret" ? SECRET_ALGORITHMS : JWKS_ALGORITHMS)],
    issuer: config.issuer,
    audience: config.audience,
    requiredClaims: ["exp", "sub"],
    clockTolerance: config.clockToleranceSeconds,
  };
  return async (token) => {
    if (token.length > MAX_TOKEN_LENGTH) throw new InvalidTokenError("the token is too long");
    try {
      const { payload } =
        typeof key === "function" ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options);
      return callerOf(payload);
    } catch (error) {
      throw new InvalidTokenError(reasonOf(error));
    }
  };
}
