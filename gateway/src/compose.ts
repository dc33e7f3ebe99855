import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { composeServices } from "@apollo/composition";
import gql from "graphql-tag";
import { DEFAULT_SUPERGRAPH_PATH } from "./config";
import { loadSubgraphSdls } from "./subgraph-sdl";
import { defaultSubgraphUrl, SUBGRAPHS } from "./subgraphs";

/** Composes the subgraphs' SDL into the supergraph; throws with every composition error. */
export async function composeSupergraph(): Promise<string> {
  const sdls = await loadSubgraphSdls();
  const result = composeServices(
    SUBGRAPHS.map((s) => ({ name: s.name, url: defaultSubgraphUrl(s), typeDefs: gql(sdls[s.name]) })),
  );
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join("\n")}`);
  }
  return `${result.supergraphSdl.trim()}\n`;
}

if (require.main === module) {
  composeSupergraph()
    .then((sdl) => {
      writeFileSync(DEFAULT_SUPERGRAPH_PATH, sdl);
      process.stdout.write(`supergraph written to ${DEFAULT_SUPERGRAPH_PATH}\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(1);
    });
}
