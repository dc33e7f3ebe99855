import { ResearchSources } from "@wsis/shared";

/**
 * The sources of the research's rows (data/prize_*.csv: `source_url`, `source_title`): one per URL, its id a slug of
 * its title, prefixed `prize-`.
 */
export function prizeSources(): ResearchSources {
  return new ResearchSources(
    "prize",
    ({ title }) =>
      `${/secondary/i.test(title) ? "Secondary" : "Primary"} source of the project's research (data/SOURCES.md); read in a stored copy, not fetched by the hub.`,
  );
}

/** The id of a research row's source. */
export function sourceOfRow(sources: ResearchSources, row: Record<string, string>, where: string): string {
  return sources.idOf(row.source_url, row.source_title, where);
}

/** "true" or "false", as the research's files write it. */
export function verifiedFlag(value: string, where: string): boolean {
  if (value !== "true" && value !== "false")
    throw new Error(`${where}: verified must be true or false, not ${JSON.stringify(value)}`);
  return value === "true";
}
