import { readFileSync } from "node:fs";
import { inRepoSubgraphs, packageNameOf, readRegistry } from "@wsis/gateway/registry";

/**
 * Every in-repo subgraph of the registry commits the SDL its build prints (subgraphs/<name>/schema.graphql, what the
 * registry composes): built here from the sources, it must equal the committed file. (CI also fails when a build
 * changes the file: `git diff --exit-code` in .ci/run.) Found through the registry, by the convention that
 * src/schema.ts exports its `build…Schema()`.
 */
const local = inRepoSubgraphs(readRegistry());

describe("the committed SDL of every in-repo subgraph", () => {
  it("covers every in-repo subgraph of the registry", () => {
    expect(local.length).toBeGreaterThan(0);
    for (const s of local) expect("file" in s.schema).toBe(true);
  });

  it.each(local.map((s) => [s.name, s] as const))(
    "%s: schema.graphql is what its schema builder prints (rebuild and commit it when not)",
    async (_name, entry) => {
      const exported = (await import(`${packageNameOf(entry)}/schema`)) as Record<string, unknown>;
      const builders = Object.entries(exported).filter(
        ([name, value]) => /^build\w*Schema$/.test(name) && typeof value === "function",
      );
      expect(builders).toHaveLength(1);
      const { sdl } = (await (builders[0][1] as () => Promise<{ sdl: string }>)()) as { sdl: string };
      expect(readFileSync((entry.schema as { file: string }).file, "utf8")).toBe(sdl);
    },
  );
});
