import { randomBytes } from "node:crypto";
import { rawHttp } from "@wsis/shared/testing";
import { SignJWT } from "jose";
import { post, startProcessHub, type HubProcess, type ProcessHub } from "./gateway-fixture";

/**
 * The documented maxima of the schema's writes pass through the real gateway and indicators processes: 10,000
 * observations in one publishObservations and a 1.9 MB importObservations (values built from the economies the
 * subgraph seeded). Anonymous requests keep the small body limit; slow clients are cut off by both processes
 * (HTTP_HEADERS_TIMEOUT_MS=1000, HTTP_REQUEST_TIMEOUT_MS=2000 here).
 */
const JWT_SECRET = `wsis-test-jwt-secret-${randomBytes(16).toString("hex")}`;
const TIMEOUTS = { HTTP_HEADERS_TIMEOUT_MS: "1000", HTTP_REQUEST_TIMEOUT_MS: "2000" };
const DATASET = "unsd-sdg-2023-12";
const INDICATOR = "internet_users_pct";

let hub: ProcessHub;
let gateway: HubProcess;
let economies: string[];
let bearer: Record<string, string>;

beforeAll(async () => {
  hub = await startProcessHub({
    subgraphs: ["indicators"],
    gatewayEnv: { JWT_SECRET, ...TIMEOUTS },
    subgraphEnv: TIMEOUTS,
  });
  gateway = hub.gateways[0];
  const listed = await post<{ economies: Array<{ code: string }> }>(gateway.url, { query: "{ economies { code } }" });
  economies = listed.data!.economies.map((e) => e.code).filter((code) => /^[A-Z]{3}$/.test(code));
  const token = await new SignJWT({ agency: "ITU", scope: "indicators:publish" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject("itu-statistician")
    .setIssuer("wsis-hub-local")
    .setAudience("wsis-hub")
    .setIssuedAt()
    .setExpirationTime("10m")
    .sign(new TextEncoder().encode(JWT_SECRET));
  bearer = { authorization: `Bearer ${token}` };
});
afterAll(async () => {
  await hub?.stop();
});

interface Publication {
  rowsRead: number;
  inserted: number;
  revised: number;
  unchanged: number;
  rejected: number;
}

/** `count` distinct (economy, year) keys: every seeded economy, year after year from 1950. */
function keys(count: number): Array<{ economy: string; year: number }> {
  return Array.from({ length: count }, (_, i) => ({
    economy: economies[i % economies.length],
    year: 1950 + Math.floor(i / economies.length),
  }));
}

const PUBLISH =
  "mutation($input: PublishObservationsInput!) { publishObservations(input: $input) { rowsRead inserted revised unchanged rejected } }";
const IMPORT =
  "mutation($input: ImportObservationsInput!) { importObservations(input: $input) { rowsRead inserted revised unchanged rejected } }";

describe("the schema's documented maxima pass the gateway", () => {
  it("has enough seeded economies to build distinct keys", () => {
    expect(economies.length).toBeGreaterThan(150);
  });

  it("publishObservations with 10,000 observations (about 0.8 MB of JSON) in one request", async () => {
    const observations = keys(10_000).map(({ economy, year }, i) => ({
      indicator: INDICATOR,
      economy,
      year,
      value: `${(i % 1000) / 10}`,
    }));
    const body = {
      query: PUBLISH,
      variables: {
        input: { dataset: DATASET, observations, idempotencyKey: `e2e-publish-${randomBytes(6).toString("hex")}` },
      },
    };
    expect(Buffer.byteLength(JSON.stringify(body))).toBeGreaterThan(100_000);
    const reply = await post<{ publishObservations: Publication }>(gateway.url, body, bearer);
    expect(reply.errors).toBeUndefined();
    expect(reply.status).toBe(200);
    expect(reply.data!.publishObservations).toMatchObject({ rowsRead: 10_000, rejected: 0 });
    const { inserted, revised, unchanged } = reply.data!.publishObservations;
    expect(inserted + revised + unchanged).toBe(10_000);
  });

  it("importObservations with a 1.9 MB file", async () => {
    const lines = ["indicator,economy,year,value,footnote"];
    let bytes = lines[0].length + 1;
    const footnote = "Estimate of the national statistical office (revised)";
    for (const [i, { economy, year }] of keys(60_000).entries()) {
      const line = `${INDICATOR},${economy},${year},${(i % 997) / 10},${footnote}`;
      if (bytes + line.length + 1 > 1_899_000) break;
      lines.push(line);
      bytes += line.length + 1;
    }
    const content = `${lines.join("\n")}\n`;
    expect(Buffer.byteLength(content)).toBeGreaterThan(1_850_000);
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(1_900_000);
    const reply = await post<{ importObservations: Publication }>(
      gateway.url,
      {
        query: IMPORT,
        variables: {
          input: {
            dataset: DATASET,
            format: "CSV",
            content,
            idempotencyKey: `e2e-import-${randomBytes(6).toString("hex")}`,
          },
        },
      },
      bearer,
    );
    expect(reply.errors).toBeUndefined();
    expect(reply.data!.importObservations).toMatchObject({ rowsRead: lines.length - 1, rejected: 0 });
  });

  it("keeps the 100 kB limit for the same write without a token (413 REQUEST_TOO_LARGE, nothing written)", async () => {
    const observations = keys(2_000).map(({ economy, year }) => ({ indicator: INDICATOR, economy, year, value: "1" }));
    const reply = await post(gateway.url, {
      query: PUBLISH,
      variables: { input: { dataset: DATASET, observations, idempotencyKey: "e2e-anonymous-0001" } },
    });
    expect(reply.status).toBe(413);
    expect(reply.errors?.[0].extensions).toMatchObject({ code: "REQUEST_TOO_LARGE", limit: 100_000 });
  });
});

describe("slow clients are cut off by the processes as configured", () => {
  const body = '{"query":"{ __typename }"}';
  const head = `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;

  it.each(["gateway", "indicators"])("%s: a 26-byte body trickled over 5 s gets 408 and is not run", async (name) => {
    const process = name === "gateway" ? gateway : hub.subgraphs.indicators;
    const answer = await rawHttp(process.port, head, [...body], 200);
    expect(answer.status).toBe(408);
    expect(answer.sent).toBeLessThan(body.length);
  });

  it("gateway: a declared Content-Length of 999,999,999 gets 413 at once", async () => {
    const answer = await rawHttp(
      gateway.port,
      head.replace(`Content-Length: ${body.length}`, "Content-Length: 999999999"),
      ["{"],
      100,
    );
    expect(answer.status).toBe(413);
  });
});
