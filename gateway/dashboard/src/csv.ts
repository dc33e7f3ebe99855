import { csvFormatRow } from "d3-dsv";

export type Cell = string | number | null | undefined;

/** A table to download as CSV: its file name, header and rows, written exactly as shown (values as published). */
export interface CsvTable {
  filename: string;
  header: readonly string[];
  rows: ReadonlyArray<readonly Cell[]>;
}

/**
 * A text cell that a spreadsheet would read as a formula (=, +, -, @, tab, CR first) gets an apostrophe in front
 * (OWASP "CSV injection"), as in the gateway's downloads. Numbers are written as they are.
 */
function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return String(cell);
  return /^[=+\-@\t\r]/.test(cell) && !/^-?[0-9.]+(e[+-]?[0-9]+)?$/i.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180 CSV (quoting by d3-dsv), CRLF line ends, as the gateway's /downloads files. */
export function toCsv(table: Pick<CsvTable, "header" | "rows">): string {
  return [table.header, ...table.rows.map((row) => row.map(cellText))]
    .map((row) => `${csvFormatRow([...row])}\r\n`)
    .join("");
}
