import { readFileSync } from "node:fs";
import path from "node:path";

/** The README's "What data is in it" tables, read back so that a test can compare them with the running hub. */
export interface ReadmeTable {
  header: string[];
  rows: string[][];
}

const README = path.resolve(__dirname, "../../README.md");

/** The table between `<!-- data:<name> -->` and `<!-- /data:<name> -->`, its cells trimmed. */
export function readmeTable(name: string, text = readFileSync(README, "utf8")): ReadmeTable {
  const open = `<!-- data:${name} -->`;
  const close = `<!-- /data:${name} -->`;
  const from = text.indexOf(open);
  const to = text.indexOf(close);
  if (from < 0 || to < from) throw new Error(`README.md has no table marked ${open} … ${close}`);
  const lines = text
    .slice(from + open.length, to)
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("|"));
  const cells = (line: string) => splitRow(line);
  const [header, separator, ...rows] = lines;
  if (!header || !separator || !/^\|[-|\s:]+\|$/.test(separator))
    throw new Error(`the ${name} table has no header row`);
  return { header: cells(header), rows: rows.map(cells) };
}

/** A Markdown table row's cells; a `|` inside backticks (none today) would need escaping as `\|`. */
function splitRow(line: string): string[] {
  return line
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, "|"));
}

/** A count as the README writes it: 39,250. */
export const count = (n: number): string => new Intl.NumberFormat("en-GB").format(n);

/** The text of an inline-code cell (`{ … }` → { … }), or undefined when the cell is not code. */
export function inlineCode(cell: string): string | undefined {
  const match = /^`([^`]+)`$/.exec(cell);
  return match?.[1];
}
