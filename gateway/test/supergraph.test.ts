import { readFileSync } from "node:fs";
import { ConfigError } from "@wsis/shared";
import { composeSubgraphs, loadRegistrySdls } from "../src/composition";
import { DEFAULT_SUPERGRAPH_PATH } from "../src/config";
import { parseRegistry, readRegistry } from "../src/registry";

describe("the committed supergraph", () => {
  it("composes from the schema files the registry lists and equals gateway/supergraph.graphql (run `npm run compose` when it does not)", async () => {
    const composed = composeSubgraphs(await loadRegistrySdls(readRegistry()));
    expect(composed.problems).toBeUndefined();
    expect(readFileSync(DEFAULT_SUPERGRAPH_PATH, "utf8")).toBe(composed.supergraphSdl);
  });

  it("names every subgraph of the registry, at its routing URL", () => {
    const committed = readFileSync(DEFAULT_SUPERGRAPH_PATH, "utf8");
    const registry = readRegistry();
    expect(registry.subgraphs.length).toBeGreaterThan(0);
    for (const s of registry.subgraphs)
      expect(committed).toContain(`@join__graph(name: "${s.name}", url: "${s.routingUrl}")`);
  });
});

describe("the registry (supergraph.yaml)", () => {
  const problemsOf = (text: string): string[] => {
    try {
      parseRegistry(text, "/hub/supergraph.yaml");
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it("reads rover's format with the hub's settings beside it, paths from the file's folder", () => {
    const registry = parseRegistry(
      `federation_version: =2.14.4
subgraphs:
  regional-commissions:
    routing_url: https://rc.example.org/graphql
    schema:
      subgraph_url: https://rc.example.org/graphql
  events:
    routing_url: http://127.0.0.1:4002/graphql
    schema: { file: ./subgraphs/events/schema.graphql }
    hub: { workspace: ./subgraphs/events, caller: true, timeout_ms: 2000, max_sockets: 8 }
hub:
  operations: [./README.md]
`,
      "/hub/supergraph.yaml",
    );
    expect(registry.subgraphs).toEqual([
      {
        name: "regional-commissions",
        routingUrl: "https://rc.example.org/graphql",
        schema: { subgraphUrl: "https://rc.example.org/graphql" },
        hub: { caller: false },
      },
      {
        name: "events",
        routingUrl: "http://127.0.0.1:4002/graphql",
        schema: { file: "/hub/subgraphs/events/schema.graphql" },
        hub: { workspace: "/hub/subgraphs/events", caller: true, timeoutMs: 2000, maxSockets: 8 },
      },
    ]);
    expect(registry.operations).toEqual(["/hub/README.md"]);
    expect(registry.federationVersion).toBe("=2.14.4");
  });

  it("reports every problem at once, naming the file and the entry", () => {
    const problems = problemsOf(`federation_version: 2
subgraphs:
  Bad_Name:
    routing_url: http://x/graphql
    schema: { file: a.graphql }
  events:
    routing_url: not a url
    schema: {}
    hub: { caler: true }
`);
    expect(problems.join("\n")).toMatch(/supergraph\.yaml: subgraphs\.Bad_Name.*lower case/);
    expect(problems.join("\n")).toMatch(/subgraphs\.events\.routing_url/);
    expect(problems.join("\n")).toMatch(/subgraphs\.events\.schema/);
    expect(problems.join("\n")).toMatch(/subgraphs\.events\.hub.*caler/);
    expect(problemsOf("subgraphs: {}\nfederation_version: 2\n")).toEqual([expect.stringMatching(/lists no subgraph/)]);
    expect(problemsOf("subgraphs: [")).toEqual([expect.stringMatching(/not YAML/)]);
  });
});
