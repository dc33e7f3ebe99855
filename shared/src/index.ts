import "reflect-metadata";

export * from "./config";
export * from "./logger";
export * from "./errors";
export * from "./validation";
export * from "./database";
export * from "./auth/caller";
export * from "./graphql/context";
export * from "./graphql/loaders";
export * from "./graphql/federation";
export * from "./graphql/format-error";
export * from "./http/request-id";
export * from "./http/subgraph-server";
export * from "./process";
export * from './provenance';
export * from "./runner";
export * from "./net";
