import { buildActionLinesSchema } from "@wsis/action-lines/schema";
import { buildEventsSchema } from "@wsis/events/schema";
import { buildIndicatorsSchema } from "@wsis/indicators/schema";
import { buildReportsSchema } from "@wsis/reports/schema";

/** Each subgraph's SDL, as its own schema builder prints it (composition runs ahead of time, not at start-up). */
export async function loadSubgraphSdls(): Promise<Record<string, string>> {
  const [actionLines, events, indicators, reports] = await Promise.all([
    buildActionLinesSchema(),
    buildEventsSchema(),
    buildIndicatorsSchema(),
    buildReportsSchema(),
  ]);
  return {
    "action-lines": actionLines.sdl,
    events: events.sdl,
    indicators: indicators.sdl,
    reports: reports.sdl,
  };
}
