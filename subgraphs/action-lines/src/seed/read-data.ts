import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";

/** The data files shipped with this subgraph (copied from public sources, see data/SOURCES.md). */
export const DATA_DIR = path.resolve(__dirname, "../../data");

export function readCsv(file: string): Array<Record<string, string>> {
  return parse(readFileSync(path.join(DATA_DIR, file), "utf8"), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
  }) as Array<Record<string, string>>;
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(DATA_DIR, file), "utf8")) as T;
}

/** Turns the matrix's HTML Plan of Action text into plain text: paragraphs and list items on their own lines. */
export function htmlToText(html: string): string {
  return (
    html
      // A paragraph tag the transcription left open ("<pThe Information Society …", C10) would swallow its sentence.
      .replace(/<p(?=[A-Z])/g, "<p>")
      .replace(/<li[^>]*>/gi, "\n- ")
      .replace(/<\/(p|li|ol|ul|div|h\d)>/gi, "\n")
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<[^>]+>/g, "")
      .replace(/&nbsp;/g, " ")
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&rsquo;/g, "’")
      .split("\n")
      .map((line) => line.replace(/\s+/g, " ").trim())
      .filter((line) => line.length > 0)
      .join("\n")
  );
}

/**
 * A rationale of the WSIS–SDG Matrix as plain text: the transcription separates its parts with `<br/>`; each part goes
 * on its own line. Any other markup is refused, so that no HTML reaches clients as text.
 */
export function rationaleText(value: string): string {
  const text = value
    .split(/<br\s*\/?>/i)
    .map((part) => part.trim())
    .join("\n");
  if (/<\/?[a-z][^>]*>|&[a-z#0-9]+;/i.test(text))
    throw new Error(`Seed data: markup left in a matrix rationale: ${JSON.stringify(text)}`);
  return text;
}
