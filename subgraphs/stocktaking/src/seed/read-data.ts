import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";

/** The data files shipped with this subgraph (see data/SOURCES.md). */
export const DATA_DIR = path.resolve(__dirname, "../../data");

export function readCsv(file: string): Array<Record<string, string>> {
  return parseCsv(readFileSync(path.join(DATA_DIR, file), "utf8"), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
  }) as Array<Record<string, string>>;
}
