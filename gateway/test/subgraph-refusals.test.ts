import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { BadUserInputError, createLogger, type SubgraphServer } from "@wsis/shared";
import { GraphQLScalarType } from "graphql";
import { composeSubgraphs } from "../src/composition";
import { loadGatewayConfig } from "../src/config";
import { createGateway, type GatewayServer } from "../src/server";
import { testKeyFile } from "./keys";
import { startStubSubgraph } from "./stub-subgraph";

/**
 * A subgraph that refuses a request with HTTP 400 (here: a variable of its own custom scalar, which the gateway knows by
 * name only and passes on) answers BAD_USER_INPUT in its body: the client gets that code and message, not a masked
 * INTERNAL_SERVER_ERROR — on one-fetch plans handed on, on Apollo's execution, and in a plan of several fetches.
 */
const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const SDL = `${LINK}
scalar Year
type Query { since(year: Year!): String  goal: Goal }
type Goal @key(fields: "code") { code: ID! title: String }`;
const OTHER = `${LINK}
type Goal @key(fields: "code") { code: ID!  count(from: Int!): Int }`;

const Year = new GraphQLScalarType({
  name: "Year",
  parseValue(value) {
    if (typeof value !== "number" || value < 1 || value > 9999)
      throw new BadUserInputError(`Year must be a whole number from 1 to 9999; got ${JSON.stringify(value)}`);
    return value;
  },
  serialize: (value) => value,
});

const log = createLogger("test", "silent");
const stubs: SubgraphServer[] = [];
const gateways: Record<"passthrough" | "apollo", { server: GatewayServer; base: string }> = {} as never;

async function stub(name: string, sdl: string, resolvers: object): Promise<string> {
  const { server, url } = await startStubSubgraph({ name, sdl, resolvers });
  stubs.push(server);
  return url;
}

beforeAll(async () => {
  const goals = await stub("goals", SDL, {
    Year,
    Query: { since: (_: unknown, { year }: { year: number }) => `since ${year}`, goal: () => ({ code: "17" }) },
    Goal: { title: () => "Partnerships" },
  });
  const counts = await stub("counts", OTHER, {
    Goal: { __resolveReference: (ref: object) => ref, count: (_: unknown, { from }: { from: number }) => from },
  });
  const dir = mkdtempSync(path.join(tmpdir(), "wsis-refusals-"));
  const composed = composeSubgraphs([
    { name: "goals", url: goals, sdl: SDL },
    { name: "counts", url: counts, sdl: OTHER },
  ]);
  if (!composed.supergraphSdl) throw new Error(JSON.stringify(composed.problems));
  writeFileSync(path.join(dir, "supergraph.graphql"), composed.supergraphSdl);
  writeFileSync(
    path.join(dir, "supergraph.yaml"),
    `federation_version: =2.14.4\nsubgraphs:\n  goals:\n    routing_url: ${goals}\n    schema: { file: ./goals.graphql }\n  counts:\n    routing_url: ${counts}\n    schema: { file: ./counts.graphql }\n`,
  );
  for (const [mode, passthrough] of [
    ["passthrough", "true"],
    ["apollo", "false"],
  ] as const) {
    const config = loadGatewayConfig({
      REGISTRY_PATH: path.join(dir, "supergraph.yaml"),
      SUPERGRAPH_PATH: path.join(dir, "supergraph.graphql"),
      CALLER_SIGNING_KEYS_FILE: testKeyFile(),
      GATEWAY_SINGLE_FETCH_PASSTHROUGH: passthrough,
      RESPONSE_CACHE: "false",
    });
    const server = await createGateway(config, log);
    gateways[mode] = { server, base: `http://127.0.0.1:${await server.listen(0)}` };
  }
});
afterAll(async () => {
  await Promise.all(Object.values(gateways).map(({ server }) => server.stop()));
  await Promise.all(stubs.map((s) => s.stop()));
});

async function post(base: string, query: string, variables: Record<string, unknown>) {
  const response = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: unknown;
      errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
    },
  };
}

describe.each(["passthrough", "apollo"] as const)("a subgraph's 400 refusal through the gateway (%s)", (mode) => {
  it("a one-fetch plan: BAD_USER_INPUT with the subgraph's message, its service and the request id", async () => {
    const { body } = await post(gateways[mode].base, "query($y: Year!) { since(year: $y) }", { y: 0 });
    expect(body.errors).toEqual([
      {
        message: 'Variable "$y" got invalid value 0; Year must be a whole number from 1 to 9999; got 0',
        extensions: { code: "BAD_USER_INPUT", service: "goals", requestId: expect.any(String) },
      },
    ]);
    expect(body.data).toEqual({ since: null });
    // The same query with a good value is answered.
    expect((await post(gateways[mode].base, "query($y: Year!) { since(year: $y) }", { y: 2025 })).body).toEqual({
      data: { since: "since 2025" },
    });
  });

  it("a plan of several fetches: the refusal beside the other subgraph's data", async () => {
    const { body } = await post(
      gateways[mode].base,
      "query($y: Year!, $f: Int!) { since(year: $y) goal { code title count(from: $f) } }",
      { y: 10_000, f: 3 },
    );
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'Variable "$y" got invalid value 10000; Year must be a whole number from 1 to 9999; got 10000',
        extensions: expect.objectContaining({ code: "BAD_USER_INPUT", service: "goals" }),
      }),
    ]);
    expect(JSON.stringify(body)).not.toContain("INTERNAL_SERVER_ERROR");
  });
});
