export * from "./source.entity";
export * from "./source.loaders";
export * from "./source.seed";
export * from "./research-sources";
