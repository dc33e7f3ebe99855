import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * `npm run codegen -w @wsis/dashboard`: typed operations (client preset) from the public schema of
 * gateway/supergraph.graphql, and the persisted-documents manifest (sha256 of each operation's exact text) that the
 * dashboard sends instead of the text. The output in src/gql/ is committed; a test fails while it is stale.
 */
/** Where the typed documents go: src/gql/ (committed); the staleness test writes a fresh copy elsewhere to compare. */
const output = process.env.DASHBOARD_CODEGEN_OUT ?? "src/gql/";

const config: CodegenConfig = {
  schema: { "../supergraph.graphql": { loader: "./codegen/public-schema.cjs" } },
  documents: ["src/**/*.ts", "!src/gql/**"],
  ignoreNoDocuments: false,
  generates: {
    [output]: {
      preset: "client",
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { mode: "embedHashInDocument", hashAlgorithm: "sha256" },
      },
      config: {
        documentMode: "string",
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: true,
        scalars: { DateTimeISO: "string" },
      },
    },
  },
};

export default config;
