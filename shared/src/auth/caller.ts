import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject,
} from "node:crypto";
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  jwtVerify,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
} from "jose";

/** Who is calling, as established by the gateway from a verified bearer token. */
export interface Caller {
  /** The agency the caller acts for, e.g. "ITU". */
  agency: string;
  /** The token's subject (a person or a service account). */
  subject: string;
  scopes: string[];
}

/**
 * The caller travels from the gateway to a subgraph as a JWS with a detached payload (RFC 7515, appendix F), signed
 * with the gateway's private key (EdDSA, Ed25519): `x-wsis-caller` carries the payload (base64url JSON claims, readable
 * by anyone), `x-wsis-caller-signature` the protected header and the signature (`<header>..<signature>`). The gateway
 * publishes its public keys at `GET /.well-known/jwks.json`; a subgraph verifies with them, so it can check who is
 * calling but cannot sign a caller itself — and a caller signed for one subgraph (`aud`) is refused by every other.
 */
export const CALLER_HEADER = "x-wsis-caller";
export const CALLER_SIGNATURE_HEADER = "x-wsis-caller-signature";

/** How long a signed caller is valid (the gateway signs afresh for every subgraph call). */
export const CALLER_TTL_SECONDS = 60;
/** The `iss` of every signed caller, and the JWS `typ`. */
export const CALLER_ISSUER = "wsis-hub-gateway";
export const CALLER_TOKEN_TYPE = "wsis-caller+jwt";
/** Where the gateway publishes the public keys that verify its signed callers. */
export const CALLER_JWKS_PATH = "/.well-known/jwks.json";
/** The signature algorithm: EdDSA over Ed25519 (RFC 8037). */
export const CALLER_ALGORITHM = "EdDSA";

/**
 * The audience of callers signed by the tests' own key (`callerHeaders(caller, TEST_INTERNAL_SECRET)`): only a test
 * subgraph accepts it (the test harness adds it to the subgraph's own name); a subgraph run by `runSubgraph` accepts
 * its own name alone.
 */
export const TEST_CALLER_AUDIENCE = "wsis-hub-test-subgraph";

/** One of the gateway's private signing keys. */
export interface CallerSigningKey {
  kid: string;
  privateKey: KeyObject;
  /** Its public half, as published (kty OKP, crv Ed25519, kid, alg EdDSA, use sig). */
  publicJwk: JWK;
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

function publicJwkOf(privateKey: KeyObject, kid: string): JWK {
  const jwk = createPublicKey(privateKey).export({ format: "jwk" }) as JWK;
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, kid, alg: CALLER_ALGORITHM, use: "sig" };
}

/** A signing key from a private JWK (`{ kty: "OKP", crv: "Ed25519", d, x, kid }`). */
export function callerSigningKey(privateJwk: JWK): CallerSigningKey {
  if (privateJwk.kty !== "OKP" || privateJwk.crv !== "Ed25519" || typeof privateJwk.d !== "string") {
    throw new Error(
      `caller signing key ${privateJwk.kid ?? "(no kid)"}: must be an Ed25519 private JWK (kty OKP, crv Ed25519, with d)`,
    );
  }
  if (typeof privateJwk.kid !== "string" || privateJwk.kid === "")
    throw new Error("caller signing key: a kid is required");
  const privateKey = createPrivateKey({ key: privateJwk as never, format: "jwk" });
  return { kid: privateJwk.kid, privateKey, publicJwk: publicJwkOf(privateKey, privateJwk.kid) };
}

/** A new key pair; `privateJwk` is what a key file holds. */
export function generateCallerSigningKey(
  kid = `hub-${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString("hex")}`,
): { key: CallerSigningKey; privateJwk: JWK } {
  const { privateKey } = generateKeyPairSync("ed25519");
  const privateJwk = { ...(privateKey.export({ format: "jwk" }) as JWK), kid, alg: CALLER_ALGORITHM, use: "sig" };
  return { key: callerSigningKey(privateJwk), privateJwk };
}

/** DER prefix of a PKCS#8 Ed25519 private key, before its 32-byte seed. */
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

/**
 * A key derived from a text — for tests only (`TEST_INTERNAL_SECRET`, or any other text to sign a caller no subgraph
 * trusts). The gateway never signs with a derived key.
 */
export function derivedCallerSigningKey(text: string): CallerSigningKey {
  const seed = createHash("sha256").update(`wsis-hub caller key\0${text}`).digest();
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: "der",
    type: "pkcs8",
  });
  const kid = `derived-${createHash("sha256").update(seed).digest("hex").slice(0, 12)}`;
  return { kid, privateKey, publicJwk: publicJwkOf(privateKey, kid) };
}

/** The public keys of signing keys, as `GET /.well-known/jwks.json` serves them. */
export function publicJwks(keys: readonly CallerSigningKey[]): JSONWebKeySet {
  return { keys: keys.map((k) => k.publicJwk) };
}

/**
 * The headers that forward `caller` to the subgraph named `audience`, signed with `key` (synchronously: Ed25519 with
 * node:crypto). A text instead of a key signs with a key derived from it (tests: `TEST_INTERNAL_SECRET`), for the
 * tests' audience unless another is given.
 */
export function callerHeaders(
  caller: Caller,
  key: CallerSigningKey | string,
  audience: string = TEST_CALLER_AUDIENCE,
  now: number = Date.now(),
): Record<string, string> {
  const signer = typeof key === "string" ? derivedCallerSigningKey(key) : key;
  const iat = Math.floor(now / 1000);
  const claims = {
    iss: CALLER_ISSUER,
    aud: audience,
    sub: caller.subject,
    agency: caller.agency,
    scope: caller.scopes.join(" "),
    iat,
    exp: iat + CALLER_TTL_SECONDS,
  };
  const header = b64url(JSON.stringify({ alg: CALLER_ALGORITHM, kid: signer.kid, typ: CALLER_TOKEN_TYPE }));
  const payload = b64url(JSON.stringify(claims));
  const signature = sign(null, Buffer.from(`${header}.${payload}`), signer.privateKey).toString("base64url");
  return { [CALLER_HEADER]: payload, [CALLER_SIGNATURE_HEADER]: `${header}..${signature}` };
}

/** Where a subgraph finds the gateway's public keys. */
export type CallerKeys = JWTVerifyGetKey;

/** The gateway's JWKS fetched from its URL once, cached, and fetched again for an unknown `kid` (at most once per `cooldownMs`) or when older than `maxAgeMs`. */
export function remoteCallerKeys(
  url: string,
  options: { cooldownMs?: number; maxAgeMs?: number; timeoutMs?: number } = {},
): CallerKeys {
  return createRemoteJWKSet(new URL(url), {
    cooldownDuration: options.cooldownMs ?? 30_000,
    cacheMaxAge: options.maxAgeMs ?? 600_000,
    timeoutDuration: options.timeoutMs ?? 5_000,
  });
}

/** A fixed set of public keys (a JWKS file, or the tests' key). */
export function localCallerKeys(jwks: JSONWebKeySet): CallerKeys {
  return createLocalJWKSet(jwks);
}

export interface CallerCheck {
  caller: Caller | null;
  /** Headers were present but are not a valid caller signed by the gateway for this subgraph. */
  tampered: boolean;
}

export interface CallerVerifier {
  verify(headers: Record<string, string | string[] | undefined>): Promise<CallerCheck>;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Verifies the caller the gateway forwards: signature by one of `keys` (EdDSA only), `typ`, issuer, an audience among
 * `audiences` (the subgraph's own name), expiry (5 s of clock skew). No headers: an anonymous (public, read-only)
 * request; anything else that does not verify is refused as anonymous too, flagged `tampered`, so a client calling a
 * subgraph directly gains nothing (and every write refuses an anonymous caller).
 */
export function createCallerVerifier(options: { keys: CallerKeys; audiences: readonly string[] }): CallerVerifier {
  return {
    verify: async (headers) => {
      const payload = first(headers[CALLER_HEADER]);
      const signature = first(headers[CALLER_SIGNATURE_HEADER]);
      if (!payload && !signature) return { caller: null, tampered: false };
      const parts = signature?.split(".") ?? [];
      if (!payload || parts.length !== 3 || parts[1] !== "") return { caller: null, tampered: true };
      try {
        const { payload: claims } = await jwtVerify(`${parts[0]}.${payload}.${parts[2]}`, options.keys, {
          algorithms: [CALLER_ALGORITHM],
          typ: CALLER_TOKEN_TYPE,
          issuer: CALLER_ISSUER,
          audience: [...options.audiences],
          clockTolerance: 5,
          requiredClaims: ["exp", "iat", "sub", "aud"],
        });
        const { agency, scope, sub } = claims as { agency?: unknown; scope?: unknown; sub?: unknown };
        if (typeof agency !== "string" || typeof scope !== "string" || typeof sub !== "string")
          return { caller: null, tampered: true };
        return { caller: { agency, subject: sub, scopes: scope.split(" ").filter(Boolean) }, tampered: false };
      } catch {
        return { caller: null, tampered: true };
      }
    },
  };
}
