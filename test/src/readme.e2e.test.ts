import { readFileSync } from "node:fs";
import path from "node:path";
import { startHub, type TestHub } from "./hub";

/** Every example query of the README runs through the gateway without an error, so the README stays true. */
function readmeQueries(): string[] {
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

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await hub?.stop();
});

const queries = readmeQueries();

it("finds the README's example queries", () => {
  expect(queries.length).toBeGreaterThan(15);
});

it.each(queries.map((q) => [q.replace(/\s+/g, " ").slice(0, 90), q]))("runs %s", async (_name, query) => {
  const res = await hub.query(query);
  expect(res.errors).toBeUndefined();
  expect(res.data).toBeTruthy();
});
