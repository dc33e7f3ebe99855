import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLogger, type SubgraphServer } from "@wsis/shared";
import { composeSubgraphs } from "../src/composition";
import { loadGatewayConfig } from "../src/config";
import { createGateway, type GatewayServer } from "../src/server";
import { testKeyFile } from "./keys";
import { startStubSubgraph } from "./stub-subgraph";

/**
 * The supergraph reloaded without a restart: a stub subgraph grows a field, the registry and the composed file change,
 * and the gateway serves the new supergraph — requests in flight finish on the old one, a supergraph that does not load
 * is refused and the old one kept, and the response cache never answers from the previous supergraph.
 */
const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const V1 = `${LINK}\ntype Query { greeting: String  slow(ms: Int!): String }`;
const V2 = `${LINK}\ntype Query { greeting: String  slow(ms: Int!): String  farewell: String }`;

let greetings = 0;
const resolvers = {
  Query: {
    greeting: () => `hello ${++greetings}`,
    slow: async (_: unknown, { ms }: { ms: number }) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return "done";
    },
    farewell: () => "bye",
  },
};

let stub: SubgraphServer;
let stubUrl: string;
let gateway: GatewayServer;
let base: string;
let dir: string;

function writeSupergraph(sdl: string): void {
  const composed = composeSubgraphs([{ name: "stub", url: stubUrl, sdl }]);
  if (!composed.supergraphSdl) throw new Error(JSON.stringify(composed.problems));
  writeFileSync(path.join(dir, "supergraph.graphql"), composed.supergraphSdl);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "wsis-reload-"));
  ({ server: stub, url: stubUrl } = await startStubSubgraph({
    name: "stub",
    sdl: V2,
    resolvers,
    cacheHints: { defaultMaxAge: 60 },
  }));
  writeFileSync(
    path.join(dir, "supergraph.yaml"),
    `federation_version: =2.14.4\nsubgraphs:\n  stub:\n    routing_url: ${stubUrl}\n    schema: { file: ./stub.graphql }\n    hub: { timeout_ms: 2000 }\n`,
  );
  writeSupergraph(V1);
  const config = loadGatewayConfig({
    REGISTRY_PATH: path.join(dir, "supergraph.yaml"),
    SUPERGRAPH_PATH: path.join(dir, "supergraph.graphql"),
    SUPERGRAPH_POLL_MS: "50",
    CALLER_SIGNING_KEYS_FILE: testKeyFile(),
  });
  gateway = await createGateway(config, createLogger("gateway", "silent"));
  base = `http://127.0.0.1:${await gateway.listen(0)}`;
});
afterAll(async () => {
  await gateway?.stop();
  await stub?.stop();
});

const query = async (q: string) => {
  const response = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: q }),
  });
  return (await response.json()) as {
    data?: Record<string, unknown>;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
};
const ready = async () =>
  (await (await fetch(`${base}/health/ready`)).json()) as {
    status: string;
    supergraph: { hash: string; subgraphs: string[] };
  };

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("not reloaded");
}

describe("the supergraph, reloaded without a restart", () => {
  it("names its hash and its subgraphs at /health/ready, and serves a changed file; the cache keeps nothing of the old one", async () => {
    const before = await ready();
    expect(before).toMatchObject({
      status: "ok",
      supergraph: { hash: gateway.supergraph().hash, subgraphs: ["stub"] },
    });
    expect((await query("{ farewell }")).errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const first = await query("{ greeting }");
    expect(await query("{ greeting }")).toEqual(first); // answered from the response cache

    writeSupergraph(V2);
    await until(async () => (await ready()).supergraph.hash !== before.supergraph.hash);
    expect(await query("{ farewell }")).toEqual({ data: { farewell: "bye" } });
    // The same request after the reload is answered by the new supergraph, not from the cache of the old one.
    expect(await query("{ greeting }")).not.toEqual(first);
  });

  it("lets requests in flight finish on the supergraph they started on", async () => {
    writeSupergraph(V1);
    await until(async () => (await query("{ farewell }")).errors !== undefined);
    const inFlight = query("{ slow(ms: 1500) }");
    await new Promise((resolve) => setTimeout(resolve, 200));
    writeSupergraph(V2);
    await until(async () => (await query("{ farewell }")).data?.farewell === "bye");
    expect(await inFlight).toEqual({ data: { slow: "done" } });
  });

  it("calls each subgraph with the timeout its registry entry sets (timeout_ms), not the gateway's default", async () => {
    const reply = await query("{ slow(ms: 3000) }");
    expect(reply.errors?.[0]).toMatchObject({
      message: "The stub service did not answer in time",
      extensions: { code: "SUBGRAPH_UNAVAILABLE" },
    });
  });

  it("refuses a supergraph that does not load, logs it, and keeps serving the old one; SIGHUP (reload) reads the file again", async () => {
    const served = gateway.supergraph().hash;
    writeFileSync(path.join(dir, "supergraph.graphql"), "type Query { broken");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await gateway.reload("test")).toBe(false);
    expect((await ready()).supergraph.hash).toBe(served);
    expect(await query("{ farewell }")).toEqual({ data: { farewell: "bye" } });

    writeSupergraph(V1);
    await until(async () => (await ready()).supergraph.hash !== served);
    expect((await query("{ farewell }")).errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
