import { ConfigError } from "@wsis/shared";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { manageKeys, readKeyFile } from "../src/caller-keys";
import { loadGatewayConfig } from "../src/config";
import { testKeyFile } from "./keys";

describe("gateway configuration", () => {
  it("has working defaults", () => {
    const config = loadGatewayConfig({});
    expect(config.port).toBe(4000);
    expect(config.subgraphUrls["action-lines"]).toBe("http://127.0.0.1:4001/graphql");
    expect(config.introspection).toBe(true);
  });

  it("turns introspection off by default in production", () => {
    expect(loadGatewayConfig({ NODE_ENV: "production", CALLER_SIGNING_KEYS_FILE: testKeyFile() }).introspection).toBe(
      false,
    );
    expect(
      loadGatewayConfig({ NODE_ENV: "production", INTROSPECTION: "true", CALLER_SIGNING_KEYS_FILE: testKeyFile() })
        .introspection,
    ).toBe(true);
  });

  it("reports every problem at once", () => {
    let error: unknown;
    try {
      loadGatewayConfig({ PORT: "seventy", ACTION_LINES_URL: "not a url", SUPERGRAPH_POLL_MS: "-1" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/ACTION_LINES_URL/);
    expect(problems).toMatch(/SUPERGRAPH_POLL_MS/);
  });
});

describe("the caller signing keys", () => {
  it("are required in production, and must be Ed25519 private keys", () => {
    expect(() => loadGatewayConfig({ NODE_ENV: "production" })).toThrow(/CALLER_SIGNING_KEYS_FILE/);
    const dir = mkdtempSync(path.join(tmpdir(), "wsis-keys-"));
    const publicOnly = path.join(dir, "public.json");
    writeFileSync(publicOnly, manageKeys("public", testKeyFile()));
    expect(() => loadGatewayConfig({ NODE_ENV: "production", CALLER_SIGNING_KEYS_FILE: publicOnly })).toThrow(
      /Ed25519 private JWK/,
    );
    expect(() =>
      loadGatewayConfig({ NODE_ENV: "production", CALLER_SIGNING_KEYS_FILE: path.join(dir, "missing.json") }),
    ).toThrow(/CALLER_SIGNING_KEYS_FILE/);
  });

  it("sign with the first key and publish all of them (rotation: rotate, promote, retire)", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "wsis-keys-")), "keys.json");
    manageKeys("new", file);
    const first = readKeyFile(file);
    manageKeys("rotate", file);
    const rotated = readKeyFile(file);
    expect(rotated.signing.kid).toBe(first.signing.kid);
    expect(rotated.jwks.keys.map((k) => k.kid)).toHaveLength(2);
    manageKeys("promote", file);
    const promoted = readKeyFile(file);
    expect(promoted.signing.kid).not.toBe(first.signing.kid);
    expect(promoted.jwks.keys.map((k) => k.kid).sort()).toEqual(rotated.jwks.keys.map((k) => k.kid).sort());
    manageKeys("retire", file);
    expect(readKeyFile(file).jwks.keys.map((k) => k.kid)).toEqual([promoted.signing.kid]);
    // Only public halves are published.
    expect(JSON.stringify(promoted.jwks)).not.toMatch(/"d"/);
  });
});
