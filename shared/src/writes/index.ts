/**
 * The write path every subgraph that takes writes shares: the agency's submission source, the record before and after
 * the change kept in the audit trail, and the request's loaders cleared after the write. Input problems are collected
 * with `Problems` (../validation/problems.ts) and reported at once.
 */
export * from "./submission-source";
export * from "./snapshot";
export * from "./fresh";
