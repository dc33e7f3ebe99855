import { buildSubgraphSchema } from "@apollo/subgraph";
import gql from "graphql-tag";
import pino from "pino";
import type { DataSource } from "typeorm";
import {
  callerHeaders,
  createCallerVerifier,
  createSubgraphServer,
  derivedCallerSigningKey,
  localCallerKeys,
  publicJwks,
  type SubgraphServer,
} from "../src";
import { rawHttp } from "../src/testing";

/**
 * The subgraph's HTTP limits: a body trickled past HTTP_REQUEST_TIMEOUT_MS is cut off and never run, a declared length
 * over the body limit is refused before the body is read, and a request whose caller the gateway signed (a write it
 * forwards: 10,000 observations, a 1.9 MB import) may be larger than the 2 MB of anonymous ones.
 */
const SECRET = "a-test-secret-of-enough-length";
let runs = 0;
const schema = buildSubgraphSchema({
  typeDefs: gql`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Query {
      ran: Int
    }
  `,
  resolvers: { Query: { ran: () => ++runs } },
});

let server: SubgraphServer;
let port: number;

beforeAll(async () => {
  server = await createSubgraphServer({
    name: "test",
    schema,
    dataSource: { query: async () => [] } as unknown as DataSource,
    log: pino({ level: "silent" }),
    callers: createCallerVerifier({
      keys: localCallerKeys(publicJwks([derivedCallerSigningKey(SECRET)])),
      audiences: ["test"],
    }),
    createLoaders: () => ({}),
    http: { headersTimeoutMs: 500, requestTimeoutMs: 1000 },
  });
  port = await server.listen(0);
});
afterAll(async () => {
  await server?.stop();
});

const head = (length: number, extra = "") =>
  `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n${extra}\r\n`;

async function post(bytes: number, headers: Record<string, string> = {}) {
  const body = JSON.stringify({ query: "{ ran }", variables: { padding: "x".repeat(bytes) } });
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: unknown; errors?: Array<{ extensions: Record<string, unknown> }> },
  };
}

describe("the subgraph server's HTTP limits", () => {
  it("cuts off a body trickled longer than the request timeout (408): the operation never runs", async () => {
    const before = runs;
    const body = '{"query":"{ ran }"}';
    const answer = await rawHttp(port, head(body.length), [...body], 150);
    expect(answer.status).toBe(408);
    expect(answer.sent).toBeLessThan(body.length);
    expect(runs).toBe(before);
    const whole = await rawHttp(port, head(body.length) + body);
    expect(whole.status).toBe(200);
    expect(runs).toBe(before + 1);
  });

  it("refuses a declared length over the limit before reading the body (413, connection closed)", async () => {
    const answer = await rawHttp(port, head(999_999_999), ['{"query":'], 100);
    expect(answer.status).toBe(413);
    expect(answer.head.toLowerCase()).toContain("connection: close");
  });

  it("takes up to 32 MB from a caller signed by the gateway, 2 MB from anyone else", async () => {
    const signed = callerHeaders(
      { agency: "ITU", subject: "publisher", scopes: ["indicators:publish"] },
      SECRET,
      "test",
    );
    expect((await post(3_000_000, signed)).body.data).toEqual({ ran: expect.any(Number) });
    const anonymous = await rawHttp(port, head(3_000_000), [], 100);
    expect(anonymous.status).toBe(413);
    const forged = callerHeaders(
      { agency: "ITU", subject: "publisher", scopes: ["indicators:publish"] },
      "not-the-secret-of-this-hub-0000",
    );
    const refused = await rawHttp(
      port,
      head(
        3_000_000,
        Object.entries(forged)
          .map(([k, v]) => `${k}: ${v}\r\n`)
          .join(""),
      ),
      [],
      100,
    );
    expect(refused.status).toBe(413);
  });
});
