import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";

/** The data files shipped with this subgraph (copied from public sources, see data/SOURCES.md). */
export const DATA_DIR = path.resolve(__dirname, "../../data");

export type CsvRow = Record<string, string>;

export function readCsv(file: string): CsvRow[] {
  return parse(readFileSync(path.join(DATA_DIR, file), "utf8"), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
  }) as CsvRow[];
}

/** The header of a CSV file, in order. */
export function readCsvHeader(file: string): string[] {
  const [header] = parse(readFileSync(path.join(DATA_DIR, file), "utf8"), { to_line: 1, bom: true }) as string[][];
  return header;
}
