// Shared jest configuration of every package: @swc/jest with legacy decorators and decorator metadata (type-graphql
// and TypeORM need both), workspace packages mapped to their sources (no build needed), one PostgreSQL per run.
// An in-repo subgraph is the package @wsis/<name> in subgraphs/<name> (the registry, supergraph.yaml, lists them):
// any @wsis/ package other than shared and gateway maps there, so no subgraph is named here.
const fs = require("node:fs");
const path = require("node:path");

const root = __dirname;
// Every package under subgraphs/ (read from the folder, so no subgraph is named here); other @wsis packages
// (shared, gateway, dashboard) resolve through their own entries or node_modules.
const subgraphFolders = fs
  .readdirSync(path.join(root, "subgraphs"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(root, "subgraphs", entry.name, "package.json")))
  .map((entry) => entry.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
const subgraph = `(${subgraphFolders.join("|")})`;

module.exports = function preset(rootDir, overrides = {}) {
  return {
    rootDir,
    testEnvironment: "node",
    testMatch: ["<rootDir>/test/**/*.test.ts", "<rootDir>/src/**/*.test.ts"],
    transform: {
      "^.+\\.ts$": [
        "@swc/jest",
        {
          jsc: {
            parser: { syntax: "typescript", decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true },
            target: "es2022",
            keepClassNames: true,
          },
          module: { type: "commonjs" },
        },
      ],
    },
    moduleNameMapper: {
      "^@wsis/shared$": path.join(root, "shared/src/index.ts"),
      "^@wsis/shared/testing$": path.join(root, "shared/src/testing/index.ts"),
      "^@wsis/gateway/(.*)$": path.join(root, "gateway/src/$1"),
      [`^@wsis/${subgraph}$`]: path.join(root, "subgraphs/$1/src/module.ts"),
      [`^@wsis/${subgraph}/(.*)$`]: path.join(root, "subgraphs/$1/src/$2"),
    },
    setupFiles: [path.join(root, "shared/src/testing/setup-env.ts")],
    globalSetup: path.join(root, "shared/src/testing/global-setup.ts"),
    globalTeardown: path.join(root, "shared/src/testing/global-teardown.ts"),
    testTimeout: 120000,
    ...overrides,
  };
};
