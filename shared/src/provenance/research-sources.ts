import type { SourceRow } from "./source.entity";

/**
 * The sources of rows a research file gives with each fact: the document's URL and title. One source per URL, its id
 * the prefix and a slug of the title ("ITU Media Advisory, 24 May 2022" → `prize-itu-media-advisory-24-may`);
 * two URLs that would get one id are refused, so no fact is attributed to another document.
 */

/**
 * A slug of a document's title: lower case, runs of anything but a-z and 0-9 as one hyphen, at most `max` characters,
 * and its last (possibly cut) word left out. (As the action-lines subgraph has always made its evidence sources' ids:
 * a change would change the ids of stored sources.)
 */
export function titleSlug(title: string, max = 60): string {
  return title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+[^-]*$/, "");
}

export class ResearchSources {
  private readonly byId = new Map<string, SourceRow>();

  /**
   * @param prefix of the ids (e.g. "prize", "ungis")
   * @param noteOf the note of a source (e.g. where the research read it, whether it is primary)
   */
  constructor(
    private readonly prefix: string,
    private readonly noteOf: (document: { url: string; title: string }) => string,
  ) {}

  /** The id of the source at `url` titled `title` (recorded on first use); `where` names the row in errors. */
  idOf(url: string, title: string, where: string): string {
    if (!/^https?:\/\//.test(url)) throw new Error(`${where}: no source URL`);
    const id = `${this.prefix}-${titleSlug(title)}`;
    const known = this.byId.get(id);
    if (known && known.url !== url) throw new Error(`${where}: sources ${known.url} and ${url} get the same id ${id}`);
    this.byId.set(id, {
      id,
      title,
      publisher: null,
      url,
      licence: "not stated; quoted as evidence",
      note: this.noteOf({ url, title }),
    });
    return id;
  }

  all(): SourceRow[] {
    return [...this.byId.values()];
  }
}
