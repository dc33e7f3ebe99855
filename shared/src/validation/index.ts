export * from "./codes";
export * from "./problems";
export * from "./text";
