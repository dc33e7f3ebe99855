import { ConfigError } from "@wsis/shared";
import { loadGatewayConfig } from "../src/config";
import { testKeyFile } from "./keys";

describe("the gateway's production settings", () => {
  it("has sane defaults", () => {
    const config = loadGatewayConfig({});
    expect(config).toMatchObject({
      subgraphTimeoutMs: 5000,
      subgraphMaxSockets: 64,
      ide: true,
      introspection: true,
      hideSchemaDetails: false,
      maxBodyBytes: 100000,
      redisUrl: undefined,
      responseCache: true,
      apqTtlSeconds: 86400,
      shutdownGraceMs: 5000,
      metricsToken: undefined,
    });
  });

  it("turns the IDE, introspection and schema details off in production, each can be turned back on", () => {
    expect(loadGatewayConfig({ NODE_ENV: "production", CALLER_SIGNING_KEYS_FILE: testKeyFile() })).toMatchObject({
      ide: false,
      introspection: false,
      hideSchemaDetails: true,
    });
    expect(
      loadGatewayConfig({
        NODE_ENV: "production",
        IDE: "true",
        INTROSPECTION: "true",
        CALLER_SIGNING_KEYS_FILE: testKeyFile(),
      }),
    ).toMatchObject({ ide: true, introspection: true });
    expect(loadGatewayConfig({ IDE: "false" }).ide).toBe(false);
  });

  it("reads every limit and cache setting", () => {
    const config = loadGatewayConfig({
      MAX_DEPTH: "6",
      MAX_ALIASES: "5",
      MAX_TOKENS: "500",
      MAX_DIRECTIVES: "10",
      MAX_FIELD_DUPLICATES: "1",
      MAX_SELECTIONS: "500",
      MAX_COST: "1000",
      DEFAULT_LIST_SIZE: "20",
      MAX_DOCUMENT_BYTES: "5000",
      MAX_BODY_BYTES: "20000",
      REDIS_URL: "redis://127.0.0.1:6379",
      RESPONSE_CACHE: "false",
      SUBGRAPH_MAX_SOCKETS: "8",
    });
    expect(config.limits).toEqual({
      maxDepth: 6,
      maxAliases: 5,
      maxTokens: 500,
      maxDirectives: 10,
      maxFieldDuplicates: 1,
      maxSelections: 500,
      maxCost: 1000,
      defaultListSize: 20,
      maxDocumentBytes: 5000,
    });
    expect(config).toMatchObject({
      maxBodyBytes: 20000,
      redisUrl: "redis://127.0.0.1:6379",
      responseCache: false,
      subgraphMaxSockets: 8,
    });
  });

  it("reports every bad value at once", () => {
    let error: unknown;
    try {
      loadGatewayConfig({ MAX_DEPTH: "0", MAX_COST: "lots", REDIS_URL: "not a url", IDE: "maybe" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    for (const name of ["MAX_DEPTH", "MAX_COST", "REDIS_URL", "IDE"]) expect(problems).toContain(name);
  });
});
