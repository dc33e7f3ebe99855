import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse, validate, type GraphQLSchema } from "graphql";
import persisted from "../src/gql/persisted-documents.json";

const ROOT = path.resolve(__dirname, "..");
const GENERATED = path.join(ROOT, "src/gql");
const SUPERGRAPH = path.resolve(ROOT, "../supergraph.graphql");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const publicSchema = require("../codegen/public-schema.cjs") as (file: string) => GraphQLSchema;
const documents = Object.values(persisted as Record<string, string>);

describe("the dashboard's operations", () => {
  it("the committed typed documents and persisted-document manifest are what codegen makes now (run `npm run codegen -w @wsis/dashboard` when not)", () => {
    const out = mkdtempSync(path.join(tmpdir(), "wsis-dashboard-codegen-"));
    try {
      execFileSync(
        process.execPath,
        [
          path.join(path.dirname(require.resolve("@graphql-codegen/cli")), "bin.js"),
          "--config",
          "codegen.ts",
          "--silent",
        ],
        {
          cwd: ROOT,
          env: { ...process.env, DASHBOARD_CODEGEN_OUT: `${out}/` },
          stdio: "pipe",
        },
      );
      const files = readdirSync(out).sort();
      expect(files).toEqual(readdirSync(GENERATED).sort());
      for (const file of files) {
        expect({ file, content: readFileSync(path.join(GENERATED, file), "utf8") }).toEqual({
          file,
          content: readFileSync(path.join(out, file), "utf8"),
        });
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it("every operation is valid against the public schema of gateway/supergraph.graphql (a schema change that breaks the dashboard fails here)", () => {
    const schema = publicSchema(SUPERGRAPH);
    expect(documents.length).toBe(8);
    for (const text of documents) expect(validate(schema, parse(text)).map((e) => e.message)).toEqual([]);
  });

  it("catches a breaking change: against a supergraph whose `latestObservations` was renamed, the map's operation fails", () => {
    const original = readFileSync(SUPERGRAPH, "utf8");
    const broken = original.replace(/\n {2}latestObservations\(/, "\n  latestObservationsRenamed(");
    expect(broken).not.toBe(original);
    const dir = mkdtempSync(path.join(tmpdir(), "wsis-supergraph-"));
    try {
      writeFileSync(path.join(dir, "supergraph.graphql"), broken);
      const schema = publicSchema(path.join(dir, "supergraph.graphql"));
      const failing = documents.filter((text) => validate(schema, parse(text)).length > 0);
      expect(failing.map((t) => /query (\w+)/.exec(t)?.[1])).toEqual(["DashboardMap"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
