import { createLogger, ConfigError, loadSubgraphModule } from "@wsis/shared";
import { startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { loadGatewayConfig } from "../src/config";
import { createGateway, type GatewayServer } from "../src/server";
import { subgraphUrlsAt } from "../src/registry";
import { testKeyFile } from "./keys";

/**
 * CORS at the HTTP level: dashboards served from another origin read the hub. The action-lines subgraph runs for real
 * (its answers are cacheable for a day), so the response cache's path, which answers before Apollo, is exercised too.
 */
const PAGE = "http://localhost:5173";
const LISTED = "https://dashboard.example.org";

let actionLines: TestSubgraph<unknown>;
const gateways: GatewayServer[] = [];

beforeAll(async () => {
  // Loaded by name: the gateway depends on no subgraph package.
  actionLines = await startTestSubgraph(await loadSubgraphModule("@wsis/action-lines", "action-lines"));
});
afterAll(async () => {
  for (const gateway of gateways) await gateway.stop();
  await actionLines?.stop();
});

/** A gateway in this process over the action-lines subgraph (the others on a closed port); its base URL. */
async function startGateway(env: Record<string, string>): Promise<string> {
  const urls = { ...subgraphUrlsAt("http://127.0.0.1:1/graphql"), ACTION_LINES_URL: actionLines.url };
  const config = loadGatewayConfig({ ...urls, CALLER_SIGNING_KEYS_FILE: testKeyFile(), ...env });
  const gateway = await createGateway(config, createLogger("gateway", "silent"));
  gateways.push(gateway);
  return `http://127.0.0.1:${await gateway.listen(0)}`;
}

const preflight = (url: string, origin: string, requestHeaders = "content-type") =>
  fetch(url, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": requestHeaders },
  });

const headerList = (response: Response, name: string) =>
  (response.headers.get(name) ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);

const query = (base: string, body: object, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

describe("development (CORS_ORIGINS unset): any page may read", () => {
  let base: string;
  beforeAll(async () => {
    base = await startGateway({ NODE_ENV: "development" });
  });

  it.each(["/graphql", "/downloads/internet_users_pct.csv", "/events.ics"])(
    "answers a preflight on %s with 204, the methods and headers",
    async (path) => {
      const response = await preflight(
        `${base}${path}`,
        PAGE,
        "content-type,apollo-require-preflight,x-apollo-operation-name,x-request-id",
      );
      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(headerList(response, "access-control-allow-methods")).toEqual(expect.arrayContaining(["get", "post"]));
      expect(headerList(response, "access-control-allow-headers")).toEqual([
        "content-type",
        "apollo-require-preflight",
        "x-apollo-operation-name",
        "x-request-id",
      ]);
      expect(response.headers.get("access-control-allow-credentials")).toBeNull();
      expect(response.headers.get("vary")).toBeNull();
    },
  );

  it("never allows Authorization or credentials with *", async () => {
    const response = await preflight(`${base}/graphql`, PAGE, "content-type,authorization");
    expect(headerList(response, "access-control-allow-headers")).not.toContain("authorization");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("answers the query itself with the origin allowed and x-request-id, age and cache-control exposed", async () => {
    const response = await query(base, { query: "{ sdgGoals { code } }" }, { origin: PAGE });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(headerList(response, "access-control-expose-headers")).toEqual(["x-request-id", "age", "cache-control"]);
  });
});

describe("production", () => {
  it("without CORS_ORIGINS allows no other origin; CSRF prevention answers the preflight as before", async () => {
    const base = await startGateway({ NODE_ENV: "production", CALLER_SIGNING_KEYS_FILE: testKeyFile() });
    const response = await preflight(`${base}/graphql`, PAGE);
    expect(response.status).toBe(400);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(
      ((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code,
    ).toBe("CSRF_PREVENTED");
    const read = await query(base, { query: "{ sdgGoals { code } }" }, { origin: PAGE });
    expect(read.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("refuses a CORS_ORIGINS entry that is not an origin, naming it", () => {
    let error: unknown;
    try {
      loadGatewayConfig({
        NODE_ENV: "production",
        CALLER_SIGNING_KEYS_FILE: testKeyFile(),
        CORS_ORIGINS: "https://ok.example.org, https://bad.example.org/, null",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(/^CORS_ORIGINS: "https:\/\/bad\.example\.org\/" is not an origin/),
      expect.stringMatching(/^CORS_ORIGINS: "null" is not an origin/),
    ]);
  });
});

describe("listed origins, and * for everyone else (CORS_ORIGINS=*,https://dashboard.example.org)", () => {
  let base: string;
  beforeAll(async () => {
    base = await startGateway({
      NODE_ENV: "production",
      CALLER_SIGNING_KEYS_FILE: testKeyFile(),
      CORS_ORIGINS: `*, ${LISTED}`,
    });
  });

  it("echoes a listed origin, with Vary: Origin, credentials and Authorization allowed", async () => {
    const response = await preflight(`${base}/graphql`, LISTED, "content-type,authorization");
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(LISTED);
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    expect(headerList(response, "access-control-allow-headers")).toContain("authorization");
    expect(headerList(response, "vary")).toContain("origin");
  });

  it("answers any other origin with *, without credentials or Authorization, and still Vary: Origin", async () => {
    const response = await preflight(`${base}/graphql`, PAGE, "content-type,authorization");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    expect(headerList(response, "access-control-allow-headers")).not.toContain("authorization");
    expect(headerList(response, "vary")).toContain("origin");
  });

  it("sends the CORS headers on an answer from the response cache too (served before Apollo)", async () => {
    const body = { query: "query CorsCached { sdgGoals { code title } }" };
    const first = await query(base, body, { origin: LISTED });
    expect(first.status).toBe(200);
    expect(first.headers.get("age")).toBeNull();
    const second = await query(base, body, { origin: LISTED });
    expect(second.headers.get("age")).toEqual(expect.stringMatching(/^\d+$/));
    for (const response of [first, second]) {
      expect(response.headers.get("access-control-allow-origin")).toBe(LISTED);
      expect(headerList(response, "vary")).toContain("origin");
      expect(headerList(response, "access-control-expose-headers")).toEqual(["x-request-id", "age", "cache-control"]);
    }
    const elsewhere = await query(base, body, { origin: PAGE });
    expect(elsewhere.headers.get("age")).toEqual(expect.stringMatching(/^\d+$/));
    expect(elsewhere.headers.get("access-control-allow-origin")).toBe("*");
    expect(await elsewhere.text()).toBe(await second.text());
  });

  it("keeps CSRF prevention for requests that are not CORS-approved: a simple GET without a preflight header", async () => {
    const response = await fetch(`${base}/graphql?query=${encodeURIComponent("{ sdgGoals { code } }")}`, {
      headers: { origin: PAGE },
    });
    expect(response.status).toBe(400);
    expect(
      ((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code,
    ).toBe("CSRF_PREVENTED");
  });
});

describe("listed origins only (CORS_ORIGINS=https://dashboard.example.org)", () => {
  it("gives another origin no Access-Control-Allow-Origin", async () => {
    const base = await startGateway({
      NODE_ENV: "production",
      CALLER_SIGNING_KEYS_FILE: testKeyFile(),
      CORS_ORIGINS: LISTED,
    });
    const other = await query(base, { query: "{ sdgGoals { code } }" }, { origin: PAGE });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    expect(headerList(other, "vary")).toContain("origin");
    const listed = await query(base, { query: "{ sdgGoals { code } }" }, { origin: LISTED });
    expect(listed.headers.get("access-control-allow-origin")).toBe(LISTED);
  });
});
