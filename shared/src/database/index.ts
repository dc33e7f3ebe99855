export * from "./data-source";
export * from "./query-counter";
export * from "./wait";
export * from "./embedded";
export * from "./upsert";
export * from "./replicas";
export { lagFromSamples, parseLsn } from "./replica-lag";
export { isConnectionFailure, isReadOnlyStatement, pinRequestToPrimary, queryPrimary } from "./read-routing";
