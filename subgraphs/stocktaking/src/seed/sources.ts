import type { SourceRow } from "@wsis/shared";

/**
 * The sources of the research's rows (data/prize_*.csv: `source_url`, `source_title`): one per URL, its id a slug of its title, prefixed `prize-`.
 * Two URLs that would get one id are refused.
 */
export class ResearchSources {
  private readonly byId = new Map<string, SourceRow>();

  /** The id of the row's source (recorded on first use). */
  idOf(row: Record<string, string>, where: string): string {
    if (!/^https?:\/\//.test(row.source_url)) throw new Error(`${where}: no source URL`);
    const slug = row.source_title
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+[^-]*$/, "");
    const id = `prize-${slug}`;
    const known = this.byId.get(id);
    if (known && known.url !== row.source_url) throw new Error(`${where}: sources ${known.url} and ${row.source_url} get the same id ${id}`);
    const secondary = /secondary/i.test(row.source_title);
    this.byId.set(id, {
      id,
      title: row.source_title,
      publisher: null,
      url: row.source_url,
      licence: "not stated; quoted as evidence",
      note: `${secondary ? "Secondary" : "Primary"} source of the project's research (data/SOURCES.md); read in a stored copy, not fetched by the hub.`,
    });
    return id;
  }

  all(): SourceRow[] {
    return [...this.byId.values()];
  }
}

/** "true" or "false", as the research's files write it. */
export function verifiedFlag(value: string, where: string): boolean {
  if (value !== "true" && value !== "false") throw new Error(`${where}: verified must be true or false, not ${JSON.stringify(value)}`);
  return value === "true";
}
