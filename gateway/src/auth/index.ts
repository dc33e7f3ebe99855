export * from "./jwt-config";
export * from "./verify-token";
export * from "./authenticate";
