import { ConfigError } from "@wsis/shared";
import { loadGatewayConfig } from "../src/config";

const OWN_SECRET = "a-secret-of-the-operator-0123456789";

describe("gateway configuration", () => {
  it("has working defaults", () => {
    const config = loadGatewayConfig({});
    expect(config.port).toBe(4000);
    expect(config.subgraphUrls["action-lines"]).toBe("http://127.0.0.1:4001/graphql");
    expect(config.introspection).toBe(true);
  });

  it("turns introspection off by default in production", () => {
    expect(loadGatewayConfig({ NODE_ENV: "production", HUB_INTERNAL_SECRET: OWN_SECRET }).introspection).toBe(false);
    expect(loadGatewayConfig({ NODE_ENV: "production", INTROSPECTION: "true", HUB_INTERNAL_SECRET: OWN_SECRET }).introspection).toBe(true);
  });

  it("reports every problem at once", () => {
    let error: unknown;
    try {
      loadGatewayConfig({ PORT: "seventy", ACTION_LINES_URL: "not a url", HUB_INTERNAL_SECRET: "short" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/ACTION_LINES_URL/);
    expect(problems).toMatch(/HUB_INTERNAL_SECRET/);
  });
});

describe("the internal secret in production", () => {
  it("refuses the public development default", () => {
    expect(() => loadGatewayConfig({ NODE_ENV: "production" })).toThrow(/HUB_INTERNAL_SECRET/);
  });
});
