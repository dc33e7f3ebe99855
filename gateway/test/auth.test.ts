import http from "node:http";
import type { AddressInfo } from "node:net";
import { GraphQLDataSourceRequestKind } from "@apollo/gateway/dist/datasources/types";
import {
  CALLER_HEADER,
  CALLER_SIGNATURE_HEADER,
  ConfigError,
  createCallerVerifier,
  createLogger,
  generateCallerSigningKey,
  localCallerKeys,
  publicJwks,
} from "@wsis/shared";
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from "jose";
import { createTokenVerifier, InvalidTokenError, LOCAL_JWT_SECRET, type JwtConfig } from "../src/auth";
import { loadGatewayConfig } from "../src/config";
import { SubgraphHttpSource } from "../src/subgraph-http-source";
import { createSubgraphFetcher } from "../src/subgraph-fetcher";
import { localToken, parseTokenArgs, parseTtl } from "../src/token";
import { testKeyFile } from "./keys";

const SECRET = "a-test-jwt-secret-of-at-least-32-characters";
const secretConfig: JwtConfig = {
  mode: "secret",
  secret: SECRET,
  local: false,
  issuer: "wsis-hub-local",
  audience: "wsis-hub",
  clockToleranceSeconds: 30,
};
const verify = createTokenVerifier(secretConfig);
const now = () => Math.floor(Date.now() / 1000);
const key = (secret = SECRET) => new TextEncoder().encode(secret);

const CLAIMS = { agency: "ITU", scope: "events:write reports:write" };

/** A token as the hub's issuer makes it; `change` alters the claims or the header. */
async function token(
  change: {
    claims?: Record<string, unknown>;
    omit?: string[];
    alg?: string;
    secret?: string;
    iss?: string;
    aud?: string;
    exp?: number | null;
    sub?: string | null;
  } = {},
): Promise<string> {
  const claims: JWTPayload = { ...CLAIMS, ...change.claims };
  for (const name of change.omit ?? []) delete claims[name];
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: change.alg ?? "HS256" })
    .setIssuer(change.iss ?? "wsis-hub-local")
    .setAudience(change.aud ?? "wsis-hub")
    .setIssuedAt();
  if (change.sub !== null) jwt = jwt.setSubject(change.sub ?? "editor@itu.int");
  if (change.exp !== null) jwt = jwt.setExpirationTime(change.exp ?? now() + 600);
  return jwt.sign(key(change.secret));
}

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidTokenError);
    return (error as InvalidTokenError).reason;
  }
  throw new Error("the token was accepted");
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("bearer token verification (shared secret, HS256)", () => {
  it("accepts a valid token and turns its claims into the caller", async () => {
    await expect(verify(await token())).resolves.toEqual({
      agency: "ITU",
      subject: "editor@itu.int",
      scopes: ["events:write", "reports:write"],
    });
    await expect(verify(await token({ claims: { scope: "admin  admin" } }))).resolves.toMatchObject({
      scopes: ["admin"],
    });
  });

  it("refuses an expired token, beyond the clock tolerance only", async () => {
    expect(await reasonOf(verify(await token({ exp: now() - 120 })))).toBe("the token has expired");
    await expect(verify(await token({ exp: now() - 10 }))).resolves.toMatchObject({ agency: "ITU" });
  });

  it("refuses a token without an expiry", async () => {
    expect(await reasonOf(verify(await token({ exp: null })))).toBe('the token has no "exp" (expiry) claim');
  });

  it("refuses a token signed with another secret", async () => {
    expect(await reasonOf(verify(await token({ secret: "another-secret-of-at-least-32-characters!" })))).toBe(
      "the token's signature is not valid",
    );
  });

  it("refuses a tampered token: claims changed after signing, or the signature changed", async () => {
    const [header, , signature] = (await token()).split(".");
    const forged = `${header}.${b64({ ...CLAIMS, scope: "admin", sub: "editor@itu.int", iss: "wsis-hub-local", aud: "wsis-hub", exp: now() + 600 })}.${signature}`;
    expect(await reasonOf(verify(forged))).toBe("the token's signature is not valid");
    const [h, p, s] = (await token()).split(".");
    const flipped = `${h}.${p}.${s.slice(0, -2)}${s.endsWith("AA") ? "BB" : "AA"}`;
    expect(await reasonOf(verify(flipped))).toBe("the token's signature is not valid");
  });

  it("refuses a token of another issuer or for another audience", async () => {
    expect(await reasonOf(verify(await token({ iss: "someone-else" })))).toBe(
      "the token was not issued by the issuer this hub trusts",
    );
    expect(await reasonOf(verify(await token({ aud: "another-api" })))).toBe(
      "the token is not meant for this hub (audience)",
    );
  });

  it('refuses alg "none" and every algorithm but HS256', async () => {
    const unsigned = `${b64({ alg: "none", typ: "JWT" })}.${b64({ ...CLAIMS, sub: "x", iss: "wsis-hub-local", aud: "wsis-hub", exp: now() + 600 })}.`;
    expect(await reasonOf(verify(unsigned))).toBe("the token is signed with an algorithm this hub does not accept");
    expect(await reasonOf(verify(await token({ alg: "HS512" })))).toBe(
      "the token is signed with an algorithm this hub does not accept",
    );
    const { privateKey } = await generateKeyPair("RS256");
    const rs = await new SignJWT({ ...CLAIMS })
      .setProtectedHeader({ alg: "RS256" })
      .setSubject("x")
      .setIssuer("wsis-hub-local")
      .setAudience("wsis-hub")
      .setExpirationTime("10m")
      .sign(privateKey);
    expect(await reasonOf(verify(rs))).toBe("the token is signed with an algorithm this hub does not accept");
  });

  it("refuses tokens whose claims do not make a caller", async () => {
    expect(await reasonOf(verify(await token({ sub: null })))).toMatch(/"sub"/);
    expect(await reasonOf(verify(await token({ omit: ["agency"] })))).toBe('the token has no valid "agency" claim');
    expect(await reasonOf(verify(await token({ claims: { agency: "ITU; DROP" } })))).toBe(
      'the token has no valid "agency" claim',
    );
    expect(await reasonOf(verify(await token({ omit: ["scope"] })))).toBe(
      'the token has no "scope" claim (space-separated scopes)',
    );
    expect(await reasonOf(verify(await token({ claims: { scope: "events:write superuser" } })))).toBe(
      "the token grants unknown scopes: superuser",
    );
    expect(await reasonOf(verify(await token({ claims: { scope: ["events:write"] } })))).toMatch(/"scope"/);
  });

  it("refuses what is not a JWT at all", async () => {
    for (const garbage of ["", "abc", "a.b.c", "x".repeat(9000)])
      expect(await reasonOf(verify(garbage))).toMatch(/malformed|too long/);
  });

  it("refuses every token when no key is configured (production without JWT settings)", async () => {
    const off = createTokenVerifier({ ...secretConfig, mode: "off" });
    expect(await reasonOf(off(await token()))).toMatch(/accepts no tokens/);
  });
});

describe("bearer token verification with a JWKS (RS256/ES256)", () => {
  let server: http.Server;
  let url: string;
  let keys: Record<"rs" | "es", KeyLike>;
  let fetches = 0;

  beforeAll(async () => {
    const rs = await generateKeyPair("RS256");
    const es = await generateKeyPair("ES256");
    keys = { rs: rs.privateKey, es: es.privateKey };
    const jwks = {
      keys: [
        { ...(await exportJWK(rs.publicKey)), kid: "rs", alg: "RS256", use: "sig" },
        { ...(await exportJWK(es.publicKey)), kid: "es", alg: "ES256", use: "sig" },
      ],
    };
    server = http.createServer((_req, res) => {
      fetches++;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const signed = (alg: "RS256" | "ES256", kid: string, privateKey: KeyLike | Uint8Array, claims: JWTPayload = CLAIMS) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg, kid })
      .setSubject("svc")
      .setIssuer("https://id.example")
      .setAudience("wsis-hub")
      .setExpirationTime("10m")
      .sign(privateKey);

  it("accepts RS256 and ES256 tokens signed by a key of the set, fetching the set once", async () => {
    const verifyJwks = createTokenVerifier({
      mode: "jwks",
      jwksUrl: url,
      issuer: "https://id.example",
      audience: "wsis-hub",
      clockToleranceSeconds: 30,
    });
    await expect(verifyJwks(await signed("RS256", "rs", keys.rs))).resolves.toEqual({
      agency: "ITU",
      subject: "svc",
      scopes: ["events:write", "reports:write"],
    });
    await expect(verifyJwks(await signed("ES256", "es", keys.es))).resolves.toMatchObject({ subject: "svc" });
    expect(fetches).toBe(1);
  });

  it("refuses HS256 (no secret is accepted in JWKS mode), unknown keys and foreign signers", async () => {
    const verifyJwks = createTokenVerifier({
      mode: "jwks",
      jwksUrl: url,
      issuer: "https://id.example",
      audience: "wsis-hub",
      clockToleranceSeconds: 30,
    });
    const hs = await new SignJWT(CLAIMS)
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("svc")
      .setIssuer("https://id.example")
      .setAudience("wsis-hub")
      .setExpirationTime("10m")
      .sign(key());
    expect(await reasonOf(verifyJwks(hs))).toBe("the token is signed with an algorithm this hub does not accept");
    const stranger = await generateKeyPair("RS256");
    expect(await reasonOf(verifyJwks(await signed("RS256", "rs", stranger.privateKey)))).toBe(
      "the token's signature is not valid",
    );
    expect(await reasonOf(verifyJwks(await signed("RS256", "nope", stranger.privateKey)))).toBe(
      "no key of this hub matches the token",
    );
  });
});

describe("JWT configuration", () => {
  it("uses the local secret, issuer and audience by default outside production", () => {
    expect(loadGatewayConfig({}).jwt).toEqual({
      mode: "secret",
      secret: LOCAL_JWT_SECRET,
      local: true,
      issuer: "wsis-hub-local",
      audience: "wsis-hub",
      clockToleranceSeconds: 30,
    });
    expect(loadGatewayConfig({ JWT_SECRET: SECRET, JWT_ISSUER: "me", JWT_AUDIENCE: "you" }).jwt).toMatchObject({
      mode: "secret",
      secret: SECRET,
      local: false,
      issuer: "me",
      audience: "you",
    });
    expect(loadGatewayConfig({ JWT_JWKS_URL: "http://127.0.0.1:9/jwks" }).jwt).toMatchObject({
      mode: "jwks",
      jwksUrl: "http://127.0.0.1:9/jwks",
    });
  });

  it("never uses the local secret in production: refused when given, no tokens accepted when nothing is configured", () => {
    expect(() =>
      loadGatewayConfig({
        NODE_ENV: "production",
        JWT_SECRET: LOCAL_JWT_SECRET,
        CALLER_SIGNING_KEYS_FILE: testKeyFile(),
      }),
    ).toThrow(/local development secret/);
    expect(loadGatewayConfig({ NODE_ENV: "production", CALLER_SIGNING_KEYS_FILE: testKeyFile() }).jwt.mode).toBe("off");
    expect(
      loadGatewayConfig({ NODE_ENV: "production", JWT_SECRET: SECRET, CALLER_SIGNING_KEYS_FILE: testKeyFile() }).jwt,
    ).toMatchObject({ mode: "secret", local: false });
    expect(() =>
      loadGatewayConfig({
        NODE_ENV: "production",
        JWT_JWKS_URL: "http://id.example/jwks",
        CALLER_SIGNING_KEYS_FILE: testKeyFile(),
      }),
    ).toThrow(/https/);
  });

  it("refuses short secrets and ambiguous settings", () => {
    expect(() => loadGatewayConfig({ JWT_SECRET: "short" })).toThrow(ConfigError);
    expect(() => loadGatewayConfig({ JWT_SECRET: SECRET, JWT_JWKS_URL: "https://id.example/jwks" })).toThrow(
      /not both/,
    );
    expect(() => loadGatewayConfig({ JWT_CLOCK_TOLERANCE_SECONDS: "3600" })).toThrow(ConfigError);
  });
});

describe("npm run token", () => {
  it("reads its arguments, every problem at once", () => {
    expect(
      parseTokenArgs(["--agency", "ITU", "--scope", "events:write", "--scope", "reports:write reports:publish"]),
    ).toEqual({
      agency: "ITU",
      scopes: ["events:write", "reports:write", "reports:publish"],
      subject: "itu-local",
      ttlSeconds: 3600,
    });
    let error: unknown;
    try {
      parseTokenArgs(["--scope", "root", "--ttl", "forever"]);
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(/^--agency/),
      expect.stringMatching(/^--scope: unknown scope "root"/),
      expect.stringMatching(/^--ttl/),
    ]);
    expect(parseTtl("15m")).toBe(900);
    expect(parseTtl("7d")).toBe(604800);
    expect(parseTtl("31d")).toBeNull();
    expect(parseTtl("0")).toBeNull();
  });

  it("prints a token that the local gateway accepts, and refuses to run in production or with a JWKS", async () => {
    const request = parseTokenArgs([
      "--agency",
      "UNESCO",
      "--scope",
      "reports:publish",
      "--subject",
      "alice",
      "--ttl",
      "5m",
    ]);
    const local = createTokenVerifier(loadGatewayConfig({}).jwt);
    await expect(local(await localToken(request, {}))).resolves.toEqual({
      agency: "UNESCO",
      subject: "alice",
      scopes: ["reports:publish"],
    });
    const custom = createTokenVerifier(loadGatewayConfig({ JWT_SECRET: SECRET }).jwt);
    await expect(custom(await localToken(request, { JWT_SECRET: SECRET }))).resolves.toMatchObject({
      agency: "UNESCO",
    });
    expect(await reasonOf(custom(await localToken(request, {})))).toBe("the token's signature is not valid");
    await expect(localToken(request, { NODE_ENV: "production", JWT_SECRET: SECRET })).rejects.toThrow(ConfigError);
    await expect(localToken(request, { JWT_JWKS_URL: "https://id.example/jwks" })).rejects.toThrow(/JWKS/);
  });

  it("expires when its ttl says", async () => {
    const request = parseTokenArgs(["--agency", "ITU", "--scope", "admin", "--ttl", "60"]);
    const issued = await localToken(request, {}, Date.now() - 200_000);
    expect(await reasonOf(createTokenVerifier(loadGatewayConfig({}).jwt)(issued))).toBe("the token has expired");
  });
});

describe("the caller forwarded to the subgraphs", () => {
  const key = generateCallerSigningKey("gateway-test").key;
  const events = createCallerVerifier({ keys: localCallerKeys(publicJwks([key])), audiences: ["events"] });
  const readCaller = (headers: http.IncomingHttpHeaders) => events.verify(headers);

  async function forward(
    context: Record<string, unknown>,
    clientHeaders: Record<string, string>,
    receivesCaller = true,
  ) {
    const seen: http.IncomingHttpHeaders[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      req.on("end", () => {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ data: { __typename: "Query" } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const fetcher = createSubgraphFetcher({ timeoutMs: 2000, maxSockets: 1 });
    const source = new SubgraphHttpSource(
      "events",
      `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
      {
        fetcher,
        log: createLogger("test", "silent"),
        signingKey: () => key,
        receivesCaller: () => receivesCaller,
      },
    );
    try {
      await source.process({
        kind: GraphQLDataSourceRequestKind.LOADING_SCHEMA,
        request: {
          query: "{ __typename }",
          http: { method: "POST", url: "", headers: new Headers(clientHeaders) },
        } as never,
        context: { requestId: "req-1", ...context },
      });
    } finally {
      fetcher.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    return seen[0];
  }

  it("signs the verified caller with the gateway's key, for this subgraph only (audience: its name)", async () => {
    const caller = { agency: "ITU", subject: "editor", scopes: ["events:write"] };
    const headers = await forward({ caller }, {});
    expect(await readCaller(headers)).toEqual({ caller, tampered: false });
    const reports = createCallerVerifier({ keys: localCallerKeys(publicJwks([key])), audiences: ["reports"] });
    expect(await reports.verify(headers)).toEqual({ caller: null, tampered: true });
  });

  it("sends no caller at all to a subgraph the registry does not mark as receiving it", async () => {
    const caller = { agency: "ITU", subject: "editor", scopes: ["events:write"] };
    const headers = await forward({ caller }, { [CALLER_HEADER]: "x", [CALLER_SIGNATURE_HEADER]: "y" }, false);
    expect(headers[CALLER_HEADER]).toBeUndefined();
    expect(headers[CALLER_SIGNATURE_HEADER]).toBeUndefined();
  });

  it("never passes on a client's own caller headers", async () => {
    const forged = {
      [CALLER_HEADER]: b64({ agency: "ITU", subject: "x", scopes: ["admin"], exp: now() + 60 }),
      [CALLER_SIGNATURE_HEADER]: "forged",
    };
    const anonymous = await forward({}, forged);
    expect(anonymous[CALLER_HEADER]).toBeUndefined();
    expect(anonymous[CALLER_SIGNATURE_HEADER]).toBeUndefined();
    const caller = { agency: "UNESCO", subject: "editor", scopes: ["reports:write"] };
    const replaced = await forward({ caller }, forged);
    expect(await readCaller(replaced)).toEqual({ caller, tampered: false });
  });
});
