import http from "node:http";
import type { AddressInfo } from "node:net";
import { GraphQLDataSourceRequestKind } from "@apollo/gateway/dist/datasources/types";
import { createLogger } from "@wsis/shared";
import { GatewayMetrics } from "../src/metrics";
import { SubgraphHttpSource } from "../src/subgraph-http-source";
import { createSubgraphFetcher, SubgraphTimeoutError } from "../src/subgraph-fetcher";

/** A plain HTTP server standing in for a subgraph: counts requests and connections, answers as `handler` says. */
async function fakeSubgraph(handler: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void) {
  let requests = 0;
  let open = 0;
  let maxOpen = 0;
  const connections = new Set<unknown>();
  const server = http.createServer((req, res) => {
    requests++;
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => handler(req, res, body));
  });
  server.on("connection", (socket) => {
    connections.add(socket);
    open++;
    maxOpen = Math.max(maxOpen, open);
    socket.on("close", () => open--);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    stats: () => ({ requests, connections: connections.size, maxOpen }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json = (res: http.ServerResponse, body: unknown, delayMs = 0) =>
  setTimeout(() => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(body));
  }, delayMs);

describe("the subgraph fetcher", () => {
  it("keeps connections alive: sequential calls share one connection", async () => {
    const subgraph = await fakeSubgraph((_req, res) => json(res, { data: { ok: true } }));
    const fetcher = createSubgraphFetcher({ timeoutMs: 2000, maxSockets: 4 });
    try {
      for (let i = 0; i < 5; i++) {
        const response = await fetcher.fetch(subgraph.url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}",
        });
        expect(await response.json()).toEqual({ data: { ok: true } });
      }
      expect(subgraph.stats()).toMatchObject({ requests: 5, connections: 1 });
    } finally {
      fetcher.destroy();
      await subgraph.close();
    }
  });

  it("opens at most maxSockets connections; more calls wait for one", async () => {
    const subgraph = await fakeSubgraph((_req, res) => json(res, { data: {} }, 100));
    const fetcher = createSubgraphFetcher({ timeoutMs: 5000, maxSockets: 2 });
    try {
      const replies = await Promise.all(
        Array.from({ length: 6 }, () => fetcher.fetch(subgraph.url, { method: "POST", body: "{}" })),
      );
      expect(replies.every((r) => r.ok)).toBe(true);
      expect(subgraph.stats()).toMatchObject({ requests: 6, maxOpen: 2 });
    } finally {
      fetcher.destroy();
      await subgraph.close();
    }
  });

  it("gives up after its timeout, also when headers came but the body did not", async () => {
    const silent = await fakeSubgraph(() => undefined);
    const trickle = await fakeSubgraph((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("{");
    });
    const fetcher = createSubgraphFetcher({ timeoutMs: 300, maxSockets: 2 });
    try {
      for (const subgraph of [silent, trickle]) {
        const started = Date.now();
        await expect(fetcher.fetch(subgraph.url, { method: "POST", body: "{}" })).rejects.toBeInstanceOf(
          SubgraphTimeoutError,
        );
        expect(Date.now() - started).toBeLessThan(1500);
      }
    } finally {
      fetcher.destroy();
      await silent.close();
      await trickle.close();
    }
  });
});

describe("the subgraph data source", () => {
  const log = createLogger("test", "silent");

  async function call(url: string, query: string, metrics = new GatewayMetrics()) {
    const fetcher = createSubgraphFetcher({ timeoutMs: 500, maxSockets: 2 });
    const source = new SubgraphHttpSource("action-lines", url, { fetcher, log, metrics });
    try {
      return await source.process({
        kind: GraphQLDataSourceRequestKind.LOADING_SCHEMA,
        request: { query },
        context: { requestId: "req-42" },
      });
    } finally {
      fetcher.destroy();
    }
  }

  it("passes the request id on", async () => {
    const seen: Array<string | undefined> = [];
    const subgraph = await fakeSubgraph((req, res) => {
      seen.push(req.headers["x-request-id"] as string | undefined);
      json(res, { data: { __typename: "Query" } });
    });
    try {
      expect(await call(subgraph.url, "{ __typename }")).toMatchObject({ data: { __typename: "Query" } });
      expect(seen).toEqual(["req-42"]);
    } finally {
      await subgraph.close();
    }
  });

  it("sends a mutation once, even when the connection drops before an answer (no retry), and names the service", async () => {
    const subgraph = await fakeSubgraph((req) => req.socket.destroy());
    const metrics = new GatewayMetrics();
    try {
      await expect(call(subgraph.url, 'mutation { submitReport(id: "x") { id } }', metrics)).rejects.toMatchObject({
        message: "The action-lines service is unavailable",
        extensions: { code: "SUBGRAPH_UNAVAILABLE", service: "action-lines" },
      });
      expect(subgraph.stats().requests).toBe(1);
      const text = await metrics.registry.metrics();
      expect(text).toMatch(/^subgraph_errors_total\{service="action-lines",kind="unavailable"\} 1$/m);
    } finally {
      await subgraph.close();
    }
  });

  it("reports a subgraph that is not there, one that is too slow, and a 503, as SUBGRAPH_UNAVAILABLE", async () => {
    const gone = await fakeSubgraph(() => undefined);
    const goneUrl = gone.url;
    await gone.close();
    await expect(call(goneUrl, "{ __typename }")).rejects.toMatchObject({
      extensions: { code: "SUBGRAPH_UNAVAILABLE", service: "action-lines" },
    });

    const slow = await fakeSubgraph((_req, res) => json(res, { data: {} }, 2000));
    const unavailable = await fakeSubgraph((_req, res) => {
      res.statusCode = 503;
      res.end("draining");
    });
    try {
      await expect(call(slow.url, "{ __typename }")).rejects.toMatchObject({
        message: "The action-lines service did not answer in time",
        extensions: { code: "SUBGRAPH_UNAVAILABLE" },
      });
      await expect(call(unavailable.url, "{ __typename }")).rejects.toMatchObject({
        extensions: { code: "SUBGRAPH_UNAVAILABLE" },
      });
    } finally {
      await slow.close();
      await unavailable.close();
    }
  });

  it("leaves other failures (a 500 with a body) to be masked as internal errors", async () => {
    const broken = await fakeSubgraph((_req, res) => {
      res.statusCode = 500;
      res.end("stack trace with secrets");
    });
    try {
      const error = await call(broken.url, "{ __typename }").catch(
        (e: unknown) => e as { extensions?: Record<string, unknown> },
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as { extensions?: Record<string, unknown> }).extensions?.code).not.toBe("SUBGRAPH_UNAVAILABLE");
    } finally {
      await broken.close();
    }
  });
});
