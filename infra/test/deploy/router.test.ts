import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { manageKeys } from "@wsis/gateway/caller-keys";
import { loadGatewayConfig } from "@wsis/gateway/config";
import { CORS_ALLOWED_HEADERS, CORS_EXPOSED_HEADERS } from "@wsis/gateway/cors";
import { parse as parseYaml } from "yaml";
import { DEPLOY_DIR, hubSubgraphs, urlVariable } from "./deploy-rules";

/**
 * infra/deploy/router.yaml (Apollo Router) says the same as the gateway's defaults: limits, timeouts, CORS headers,
 * the subgraphs' URL variables; and it writes down what the router cannot do. (The router itself is not run here.)
 */
const text = readFileSync(path.join(DEPLOY_DIR, "router.yaml"), "utf8");
const router = parseYaml(text) as {
  limits: { router: Record<string, number> };
  traffic_shaping: { router: { timeout: string }; all: { timeout: string } };
  server: { http: { header_read_timeout: string } };
  override_subgraph_url: Record<string, string>;
  cors: { methods: string[]; policies: Array<{ allow_headers: string[]; expose_headers: string[] }> };
  headers: { all: { request: { operations: Array<Record<string, { named: string }>> } } };
};
// The gateway's defaults in production (which wants a caller signing key file: one made for this test).
const keyFile = path.join(mkdtempSync(path.join(os.tmpdir(), "wsis-router-test-")), "caller-signing-keys.json");
manageKeys("new", keyFile);
const gateway = loadGatewayConfig({ NODE_ENV: "production", CALLER_SIGNING_KEYS_FILE: keyFile });
const seconds = (ms: number) => `${ms / 1000}s`;

it("has the gateway's limits", () => {
  expect(router.limits.router).toEqual({
    max_depth: gateway.limits.maxDepth,
    max_aliases: gateway.limits.maxAliases,
    parser_max_tokens: gateway.limits.maxTokens,
    http_max_request_bytes: gateway.maxBodyBytes,
  });
});

it("has the gateway's timeouts", () => {
  expect(router.traffic_shaping.all.timeout).toBe(seconds(gateway.subgraphTimeoutMs));
  expect(router.traffic_shaping.router.timeout).toBe(seconds(gateway.http.requestTimeoutMs));
  expect(router.server.http.header_read_timeout).toBe(seconds(gateway.http.headersTimeoutMs));
});

it("has the gateway's CORS headers and a URL variable for every subgraph", () => {
  const policy = router.cors.policies[0];
  expect(policy.allow_headers).toEqual([...CORS_ALLOWED_HEADERS, "authorization"]);
  expect(policy.expose_headers).toEqual(CORS_EXPOSED_HEADERS);
  for (const s of hubSubgraphs())
    expect(router.override_subgraph_url[s.name]).toMatch(new RegExp(`^\\$\\{env\\.${urlVariable(s.name)}:-`));
});

it("never forwards a client's caller headers, and writes down that it cannot sign the caller", () => {
  const removed = router.headers.all.request.operations.filter((o) => o.remove).map((o) => o.remove.named);
  expect(removed).toEqual(expect.arrayContaining(["x-wsis-caller", "x-wsis-caller-signature"]));
  expect(text).toMatch(/# - Caller signing\./);
});
