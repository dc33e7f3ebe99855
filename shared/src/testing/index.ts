export * from "../net";
export * from "./test-database";
export * from "./graphql-client";
export * from "./subgraph-harness";
export * from "./redis";
export * from "./raw-http";
export * from "./assertions";
export * from "./per-file";
