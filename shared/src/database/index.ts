export * from "./data-source";
export * from "./query-counter";
export * from "./wait";
export * from "./embedded";
export * from "./upsert";
export * from "./replicas";
