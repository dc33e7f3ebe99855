import { createLogger } from "@wsis/shared";
import { rawHttp, type RawHttpAnswer } from "@wsis/shared/testing";
import { loadGatewayConfig } from "../src/config";
import { createGateway, type GatewayServer } from "../src/server";
import { subgraphUrlsAt } from "../src/registry";
import { localToken, parseTokenArgs } from "../src/token";

/**
 * Body sizes and slow clients at the gateway (in process, subgraphs on a closed port: nothing here reaches one). A
 * request with a valid bearer token may send a larger body than an anonymous one; a declared length over the limit is
 * refused before the body is read; a client that trickles its request is cut off (timeouts of 0.5 s / 1 s here).
 */
let gateway: GatewayServer;
let port: number;
let token: string;

beforeAll(async () => {
  const closed = subgraphUrlsAt("http://127.0.0.1:1/graphql");
  const config = loadGatewayConfig({
    ...closed,
    NODE_ENV: "test",
    HTTP_HEADERS_TIMEOUT_MS: "500",
    HTTP_REQUEST_TIMEOUT_MS: "1000",
  });
  gateway = await createGateway(config, createLogger("gateway", "silent"));
  port = await gateway.listen(0);
  token = await localToken(parseTokenArgs(["--agency", "ITU", "--scope", "indicators:publish"]), { NODE_ENV: "test" });
});
afterAll(async () => {
  await gateway?.stop();
});

/**
 * POSTs `{ __typename }` padded to about `bytes` (a variable nobody reads), streamed without a Content-Length: the
 * limit is then met while reading, and the answer comes once the client has sent everything.
 */
async function padded(bytes: number, headers: Record<string, string> = {}) {
  const body = Buffer.from(JSON.stringify({ query: "{ __typename }", variables: { padding: "x".repeat(bytes) } }));
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < body.length; at += 1_000_000) controller.enqueue(body.subarray(at, at + 1_000_000));
      controller.close();
    },
  });
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: stream,
    duplex: "half",
  } as RequestInit);
  return {
    status: response.status,
    body: (await response.json()) as { data?: unknown; errors?: Array<{ extensions: Record<string, unknown> }> },
  };
}

const raw = (head: string, chunks: string[] = [], intervalMs = 200) => rawHttp(port, head, chunks, intervalMs);
const status = (answer: RawHttpAnswer) => answer.status;
const postHead = (length: number | string, extra = "") =>
  `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n${extra}\r\n`;

describe("body size", () => {
  it("keeps the small limit for anonymous requests (413 REQUEST_TOO_LARGE over 100,000 bytes)", async () => {
    expect((await padded(90_000)).status).toBe(200);
    const refused = await padded(1_000_000);
    expect(refused.status).toBe(413);
    expect(refused.body.errors?.[0].extensions).toMatchObject({ code: "REQUEST_TOO_LARGE", limit: 100_000 });
  });

  it("lets a request with a valid bearer token send up to 16 MB", async () => {
    expect(await padded(1_000_000, { authorization: `Bearer ${token}` })).toEqual({
      status: 200,
      body: { data: { __typename: "Query" } },
    });
    const refused = await padded(17_000_000, { authorization: `Bearer ${token}` });
    expect(refused.status).toBe(413);
    expect(refused.body.errors?.[0].extensions).toMatchObject({ code: "REQUEST_TOO_LARGE", limit: 16_000_000 });
  });

  // The requests below declare 999,999,999 bytes and send a few: an answer can only come before the body is read.
  it("does not give the larger limit to an invalid token: 401 before the body is read", async () => {
    const answer = await raw(postHead(999_999_999, "Authorization: Bearer not.a.token\r\n"), ["{"], 100);
    expect(status(answer)).toBe(401);
    expect(answer.head.toLowerCase()).toContain("connection: close");
  });

  it("refuses a declared Content-Length over the limit at once, before the body is read", async () => {
    const answer = await raw(postHead(999_999_999), ['{"query":'], 100);
    expect(status(answer)).toBe(413);
    expect(answer.head.toLowerCase()).toContain("connection: close");
    const authenticated = await raw(postHead(999_999_999, `Authorization: Bearer ${token}\r\n`), ['{"query":'], 100);
    expect(status(authenticated)).toBe(413);
  });
});

describe("slow clients (HTTP_HEADERS_TIMEOUT_MS=500, HTTP_REQUEST_TIMEOUT_MS=1000)", () => {
  it("cuts off a 26-byte body trickled a byte at a time: the query is never run", async () => {
    const body = '{"query":"{ __typename }"}';
    expect(body).toHaveLength(26);
    const answer = await raw(postHead(body.length), [...body], 100);
    expect(status(answer)).toBe(408);
    expect(answer.sent).toBeLessThan(26);
  });

  it("cuts off headers that never end", async () => {
    const answer = await raw(
      "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n",
      Array.from({ length: 30 }, (_, i) => `X-Slow-${i}: 1\r\n`),
      100,
    );
    expect(status(answer)).toBe(408);
    expect(answer.sent).toBeLessThan(30 * 12);
  });

  it("reads the same request sent at once", async () => {
    const body = '{"query":"{ __typename }"}';
    const answer = await raw(postHead(body.length) + body);
    expect(status(answer)).toBe(200);
  });

  it("refuses HTTP_HEADERS_TIMEOUT_MS longer than HTTP_REQUEST_TIMEOUT_MS", () => {
    expect(() => loadGatewayConfig({ HTTP_HEADERS_TIMEOUT_MS: "5000", HTTP_REQUEST_TIMEOUT_MS: "1000" })).toThrow(
      /HTTP_HEADERS_TIMEOUT_MS/,
    );
  });
});
