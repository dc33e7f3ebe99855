import type { PageSizeRule } from "@wsis/shared";

/** Bounds of list arguments. */
export const LIMITS = { pageSize: 1000, defaultPageSize: 100, filterEconomies: 300, seriesEconomies: 50 } as const;

/**
 * The page size of `observations`: 0 to 1000, 100 by default — wider than the hub's usual 0 to 100, because a client
 * that keeps a copy or draws a whole indicator reads thousands of rows, and a page costs the same at any depth.
 */
export const OBSERVATION_PAGE: PageSizeRule = Object.freeze({
  min: 0,
  max: LIMITS.pageSize,
  default: LIMITS.defaultPageSize,
});
