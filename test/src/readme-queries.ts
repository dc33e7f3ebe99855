import { readFileSync } from "node:fs";
import path from "node:path";

/** The example queries of the README's ```graphql blocks, each a complete `{ ... }` or `query ... { ... }`. */
export function readmeQueries(): string[] {
  const readme = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
  const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
  const queries: string[] = [];
  for (const block of blocks) {
    const text = block.replace(/#[^\n]*/g, "");
    let depth = 0;
    let current = "";
    for (const ch of text) {
      if (depth === 0 && ch !== "{") continue;
      current += ch;
      if (ch === "{") depth += 1;
      if (ch === "}") {
        depth -= 1;
        if (depth === 0) {
          queries.push(current.trim());
          current = "";
        }
      }
    }
  }
  return queries;
}
