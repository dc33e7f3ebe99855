import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { parse as parseYaml } from "yaml";

/** The data files shipped with this subgraph (see data/SOURCES.md). */
export const DATA_DIR = path.resolve(__dirname, "../../data");

/** The roadmap itself: the ITU Council 2022 document, as plain text. */
export const ROADMAP_FILE = "itu-council-2022-wsis20-roadmap.txt";

export function readText(file: string): string {
  return readFileSync(path.join(DATA_DIR, file), "utf8");
}

export function readCsv(file: string): Array<Record<string, string>> {
  return parseCsv(readText(file), { columns: true, skip_empty_lines: true, bom: true }) as Array<
    Record<string, string>
  >;
}

export function readYaml<T>(file: string): T {
  return parseYaml(readText(file)) as T;
}

/** Collapses runs of white space, so a quote can be compared with the document regardless of line breaks. */
export function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
