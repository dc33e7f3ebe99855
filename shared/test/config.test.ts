import { ConfigError, loadSubgraphConfig } from "../src";

describe("subgraph configuration", () => {
  it("parses a complete environment into one typed object", () => {
    const config = loadSubgraphConfig(4001, { DATABASE_URL: "postgres://u:p@db:5432/wsis", PORT: "5001", LOG_LEVEL: "debug" });
    expect(config).toMatchObject({ databaseUrl: "postgres://u:p@db:5432/wsis", port: 5001, host: "127.0.0.1", logLevel: "debug", poolSize: 10 });
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
      expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["DATABASE_URL", "DB_POOL_SIZE", "LOG_LEVEL", "PORT"]);
    }
  });

  it("refuses the public development secret in production", () => {
    expect(() => loadSubgraphConfig(4001, { DATABASE_URL: "postgres://db/wsis", NODE_ENV: "production" })).toThrow(/HUB_INTERNAL_SECRET/);
    expect(
      loadSubgraphConfig(4001, { DATABASE_URL: "postgres://db/wsis", NODE_ENV: "production", HUB_INTERNAL_SECRET: "a-secret-of-our-own-0123456789" }).internalSecret,
    ).toBe("a-secret-of-our-own-0123456789");
  });
});
