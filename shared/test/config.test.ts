import { ConfigError, loadSubgraphConfig } from "../src";

describe("subgraph configuration", () => {
  it("parses a complete environment into one typed object", () => {
    const config = loadSubgraphConfig(4001, {
      DATABASE_URL: "postgres://u:p@db:5432/wsis",
      PORT: "5001",
      LOG_LEVEL: "debug",
    });
    expect(config).toMatchObject({
      databaseUrl: "postgres://u:p@db:5432/wsis",
      port: 5001,
      host: "127.0.0.1",
      logLevel: "debug",
      poolSize: 10,
    });
  });

  it("uses the subgraph's default port", () => {
    expect(loadSubgraphConfig(4003, { DATABASE_URL: "postgres://db/wsis" }).port).toBe(4003);
  });

  it("reports every problem at once", () => {
    try {
      loadSubgraphConfig(4001, { PORT: "99999", LOG_LEVEL: "loud", DB_POOL_SIZE: "0" });
      throw new Error("expected a ConfigError");
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems.map((p) => p.split(":")[0]).sort()).toEqual([
        "DATABASE_URL",
        "DB_POOL_SIZE",
        "LOG_LEVEL",
        "PORT",
      ]);
    }
  });

  it("reads the gateway's public keys from its JWKS URL (the local gateway outside production) or a file; production names one", () => {
    const base = { DATABASE_URL: "postgres://db/wsis" };
    expect(loadSubgraphConfig(4001, base).callerKeys).toEqual({
      url: "http://127.0.0.1:4000/.well-known/jwks.json",
      cooldownMs: 30000,
      maxAgeMs: 600000,
    });
    expect(() => loadSubgraphConfig(4001, { ...base, NODE_ENV: "production" })).toThrow(/CALLER_JWKS_URL/);
    expect(
      loadSubgraphConfig(4001, {
        ...base,
        NODE_ENV: "production",
        CALLER_JWKS_URL: "https://hub.example/.well-known/jwks.json",
      }).callerKeys.url,
    ).toBe("https://hub.example/.well-known/jwks.json");
    expect(
      loadSubgraphConfig(4001, { ...base, NODE_ENV: "production", CALLER_JWKS_FILE: "/etc/hub/jwks.json" }).callerKeys,
    ).toMatchObject({ file: "/etc/hub/jwks.json", url: undefined });
    expect(() =>
      loadSubgraphConfig(4001, {
        ...base,
        CALLER_JWKS_FILE: "/etc/hub/jwks.json",
        CALLER_JWKS_URL: "https://hub.example/jwks",
      }),
    ).toThrow(/not both/);
  });
});
