import { buildActionLinesSchema } from "@wsis/action-lines/schema";

/** Each subgraph's SDL, as its own schema builder prints it (composition runs ahead of time, not at start-up). */
export async function loadSubgraphSdls(): Promise<Record<string, string>> {
  const [actionLines] = await Promise.all([buildActionLinesSchema()]);
  return { "action-lines": actionLines.sdl };
}
