// The import-cycle check of `npm run lint` (dpdm): every TypeScript file of every workspace package, read from the
// root package.json's "workspaces", so a package added there is checked without editing this file. Type-only imports
// count: a cycle of types is a cycle a reader has to untangle too. Imports of another package go through its built
// entry point (outside these files), so each package is checked on its own sources.
// (A TypeScript config: dpdm 4.3 loads .ts configs itself, and cannot load .mjs/.js ones by their file URL.)
import { readFileSync } from "node:fs";
import { join } from "node:path";

const { workspaces } = JSON.parse(readFileSync(join(__dirname, "package.json"), "utf8")) as { workspaces: string[] };

export default {
  files: workspaces.flatMap((w: string) => [`${w}/src/**/*.ts`, `${w}/test/**/*.ts`]),
  exclude: "node_modules|/dist/",
  circular: true,
  tree: false,
  warning: false,
  progress: false,
  exitCode: "circular:1",
};
