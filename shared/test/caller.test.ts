import http from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT } from "jose";
import {
  CALLER_HEADER,
  CALLER_SIGNATURE_HEADER,
  CALLER_TTL_SECONDS,
  callerHeaders,
  createCallerVerifier,
  derivedCallerSigningKey,
  generateCallerSigningKey,
  localCallerKeys,
  publicJwks,
  remoteCallerKeys,
  TEST_CALLER_AUDIENCE,
  type CallerSigningKey,
} from "../src";

const caller = { agency: "ITU", subject: "statistician@itu.int", scopes: ["indicators:publish", "events:write"] };
const gateway = generateCallerSigningKey("gateway-1").key;
const events = createCallerVerifier({ keys: localCallerKeys(publicJwks([gateway])), audiences: ["events"] });

describe("the caller the gateway signs (EdDSA JWS, detached payload)", () => {
  it("round-trips for the subgraph it was signed for", async () => {
    expect(await events.verify(callerHeaders(caller, gateway, "events"))).toEqual({ caller, tampered: false });
  });

  it("is anonymous, not tampered, when absent", async () => {
    expect(await events.verify({})).toEqual({ caller: null, tampered: false });
  });

  it("cannot be replayed to another subgraph: the audience is the subgraph's name", async () => {
    expect(await events.verify(callerHeaders(caller, gateway, "reports"))).toEqual({ caller: null, tampered: true });
    expect(await events.verify(callerHeaders(caller, gateway))).toEqual({ caller: null, tampered: true }); // the tests' audience
  });

  it("is refused when signed by a key the subgraph does not trust (a subgraph holds no private key to forge with)", async () => {
    const other = generateCallerSigningKey("gateway-1").key; // same kid, other key
    expect(await events.verify(callerHeaders(caller, other, "events"))).toEqual({ caller: null, tampered: true });
    expect(await events.verify(callerHeaders(caller, "any text at all", "events"))).toEqual({
      caller: null,
      tampered: true,
    });
  });

  it("is refused when the payload was changed after signing", async () => {
    const headers = callerHeaders(caller, gateway, "events");
    const claims = JSON.parse(Buffer.from(headers[CALLER_HEADER], "base64url").toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, scope: "admin" })).toString("base64url");
    expect(await events.verify({ ...headers, [CALLER_HEADER]: forged })).toEqual({ caller: null, tampered: true });
  });

  it("is refused without its signature, without its payload, or with a signature that is not detached", async () => {
    const headers = callerHeaders(caller, gateway, "events");
    expect((await events.verify({ [CALLER_HEADER]: headers[CALLER_HEADER] })).tampered).toBe(true);
    expect((await events.verify({ [CALLER_SIGNATURE_HEADER]: headers[CALLER_SIGNATURE_HEADER] })).tampered).toBe(true);
    const [protectedHeader, , signature] = headers[CALLER_SIGNATURE_HEADER].split(".");
    expect(
      (
        await events.verify({
          ...headers,
          [CALLER_SIGNATURE_HEADER]: `${protectedHeader}.${headers[CALLER_HEADER]}.${signature}`,
        })
      ).tampered,
    ).toBe(true);
  });

  it("expires: accepted within its lifetime (and 5 s of skew), refused after", async () => {
    const old = Date.now() - (CALLER_TTL_SECONDS + 10) * 1000;
    expect(await events.verify(callerHeaders(caller, gateway, "events", old))).toEqual({
      caller: null,
      tampered: true,
    });
    const recent = Date.now() - (CALLER_TTL_SECONDS - 10) * 1000;
    expect(await events.verify(callerHeaders(caller, gateway, "events", recent))).toEqual({ caller, tampered: false });
  });

  it("accepts only EdDSA with the caller type: an HS256 token or alg none with the same claims is refused", async () => {
    const claims = { iss: "wsis-hub-gateway", aud: "events", sub: "x", agency: "ITU", scope: "admin" };
    const hs = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", kid: "gateway-1", typ: "wsis-caller+jwt" })
      .setIssuedAt()
      .setExpirationTime("1m")
      .sign(new TextEncoder().encode("a-shared-secret-of-enough-length-000"));
    const [h, p, s] = hs.split(".");
    expect((await events.verify({ [CALLER_HEADER]: p, [CALLER_SIGNATURE_HEADER]: `${h}..${s}` })).tampered).toBe(true);
    const none = Buffer.from(JSON.stringify({ alg: "none", kid: "gateway-1", typ: "wsis-caller+jwt" })).toString(
      "base64url",
    );
    expect((await events.verify({ [CALLER_HEADER]: p, [CALLER_SIGNATURE_HEADER]: `${none}..` })).tampered).toBe(true);
  });

  it("signed with a text (tests only): a key derived from it, for the tests' audience", async () => {
    const derived = derivedCallerSigningKey("some text");
    expect(derivedCallerSigningKey("some text").publicJwk).toEqual(derived.publicJwk);
    const testSubgraph = createCallerVerifier({
      keys: localCallerKeys(publicJwks([derived])),
      audiences: ["events", TEST_CALLER_AUDIENCE],
    });
    expect(await testSubgraph.verify(callerHeaders(caller, "some text"))).toEqual({ caller, tampered: false });
    expect((await testSubgraph.verify(callerHeaders(caller, "other text"))).tampered).toBe(true);
  });
});

describe("the gateway's keys fetched from its JWKS", () => {
  let published: CallerSigningKey[] = [];
  let fetches = 0;
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      fetches += 1;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(publicJwks(published)));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("fetches nothing until the first signed caller, then once; an unknown kid fetches again (rotation), a withdrawn key is refused after the cache's age", async () => {
    const a = generateCallerSigningKey("a").key;
    const b = generateCallerSigningKey("b").key;
    published = [a];
    fetches = 0;
    const verifier = createCallerVerifier({
      keys: remoteCallerKeys(url, { cooldownMs: 0, maxAgeMs: 300 }),
      audiences: ["events"],
    });
    expect(fetches).toBe(0);
    expect(await verifier.verify({})).toEqual({ caller: null, tampered: false });
    expect(fetches).toBe(0);
    expect((await verifier.verify(callerHeaders(caller, a, "events"))).caller).toEqual(caller);
    expect((await verifier.verify(callerHeaders(caller, a, "events"))).caller).toEqual(caller);
    expect(fetches).toBe(1);

    // Rotation: both keys published, the new one signs; the unknown kid makes the subgraph fetch the keys again.
    published = [b, a];
    expect((await verifier.verify(callerHeaders(caller, b, "events"))).caller).toEqual(caller);
    expect((await verifier.verify(callerHeaders(caller, a, "events"))).caller).toEqual(caller);
    expect(fetches).toBe(2);

    // The old key withdrawn: once the cached keys are older than their maximum age, they are fetched again.
    published = [b];
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await verifier.verify(callerHeaders(caller, a, "events"))).toEqual({ caller: null, tampered: true });
    expect((await verifier.verify(callerHeaders(caller, b, "events"))).caller).toEqual(caller);
  });

  it("refuses callers (as anonymous) while the gateway's keys cannot be fetched", async () => {
    const verifier = createCallerVerifier({
      keys: remoteCallerKeys("http://127.0.0.1:1/.well-known/jwks.json", { timeoutMs: 500 }),
      audiences: ["events"],
    });
    expect(await verifier.verify(callerHeaders(caller, gateway, "events"))).toEqual({ caller: null, tampered: true });
  });
});
