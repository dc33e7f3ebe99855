import { readFileSync } from "node:fs";
import { composeSupergraph } from "../src/compose";
import { DEFAULT_SUPERGRAPH_PATH } from "../src/config";
import { SUBGRAPHS } from "../src/subgraphs";

describe("the committed supergraph", () => {
  it("composes from the subgraphs' current SDL and equals gateway/supergraph.graphql (run `npm run compose` when it does not)", async () => {
    const composed = await composeSupergraph();
    const committed = readFileSync(DEFAULT_SUPERGRAPH_PATH, "utf8");
    expect(committed).toBe(composed);
  });

  it("names every subgraph the gateway routes to", () => {
    const committed = readFileSync(DEFAULT_SUPERGRAPH_PATH, "utf8");
    for (const s of SUBGRAPHS) {
      expect(committed).toContain(`@join__graph(name: "${s.name}"`);
    }
  });
});
