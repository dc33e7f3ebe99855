import { BadUserInputError } from "@wsis/shared";
import { checkYearRange } from "../codes";
import type { EconomyKind } from "../economy/economy.entity";
import { resolveEconomies, resolveRegion } from "../economy/economy.service";
import type { Indicator } from "../indicator/indicator.entity";
import { resolveDataset, resolveIndicator } from "../indicator/indicator.service";
import type { Context } from "../loaders";
import { breakdownKeyFromInput, TOTAL_KEY } from "./breakdown";
import type { Observation } from "./observation.entity";
import type { ObservationBreakdownInput, ObservationFilter } from "./observation.types";

/** Bounds of list arguments. */
export const LIMITS = { pageSize: 1000, defaultPageSize: 100, filterEconomies: 300, seriesEconomies: 50 } as const;

/** A filter with every code resolved and checked: what the SQL of the reads below takes. */
export interface ResolvedFilter {
  indicator: Indicator;
  datasetId: string;
  economyCodes: string[] | null;
  regionCode: string | null;
  kind: EconomyKind | null;
  fromYear: number | null;
  toYear: number | null;
  /** null: every breakdown */
  breakdownKey: string | null;
}

/** Checks and resolves every argument of a read; errors name the argument (BAD_USER_INPUT or NOT_FOUND). */
export async function resolveFilter(
  ctx: Context,
  args: {
    indicator: string;
    economies?: readonly string[] | null;
    region?: string | null;
    kind?: EconomyKind | null;
    fromYear?: number | null;
    toYear?: number | null;
    breakdown?: ObservationBreakdownInput | null;
    dataset?: string | null;
  },
  options: { maxEconomies: number; breakdownDefault: "all" | "total" },
): Promise<ResolvedFilter> {
  const { fromYear, toYear } = checkYearRange(args.fromYear, args.toYear);
  const breakdownKey =
    args.breakdown !== null && args.breakdown !== undefined
      ? breakdownKeyFromInput(args.breakdown)
      : options.breakdownDefault === "total"
        ? TOTAL_KEY
        : null;
  const [indicator, economies, region] = await Promise.all([
    resolveIndicator(ctx, args.indicator),
    args.economies ? resolveEconomies(ctx, args.economies, "economies", options.maxEconomies) : Promise.resolve(null),
    args.region !== null && args.region !== undefined ? resolveRegion(ctx, args.region) : Promise.resolve(null),
  ]);
  const datasetId = await resolveDataset(ctx, indicator, args.dataset);
  return {
    indicator,
    datasetId,
    economyCodes: economies ? economies.map((e) => e.code) : null,
    regionCode: region ? region.code : null,
    kind: args.kind ?? null,
    fromYear,
    toYear,
    breakdownKey,
  };
}

// ---- cursors ------------------------------------------------------------------------------------------------------

export interface CursorPosition {
  economy: string;
  year: number;
  breakdownKey: string;
}

export function encodeCursor(f: ResolvedFilter, o: Observation): string {
  return Buffer.from(JSON.stringify(["o1", f.indicator.code, f.datasetId, o.economyCode, o.year, o.breakdownKey])).toString(
    "base64url",
  );
}

export function decodeCursor(f: ResolvedFilter, cursor: string): CursorPosition {
  const invalid = (why: string) =>
    new BadUserInputError(`Argument "after" is not a cursor of this query (${why}); pass an endCursor of the same filter`, "after");
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid("unreadable");
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 6 ||
    parsed[0] !== "o1" ||
    typeof parsed[3] !== "string" ||
    !Number.isInteger(parsed[4]) ||
    typeof parsed[5] !== "string"
  ) {
    throw invalid("unreadable");
  }
  if (parsed[1] !== f.indicator.code || parsed[2] !== f.datasetId) throw invalid("it belongs to another indicator or dataset");
  return { economy: parsed[3], year: parsed[4] as number, breakdownKey: parsed[5] };
}

// ---- arguments ---------------------------------------------------------------------------------------------------

export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 0 || first > LIMITS.pageSize) {
    throw new BadUserInputError(`Argument "first" must be between 0 and ${LIMITS.pageSize}; got ${first}`, "first");
  }
  return first;
}

/** Convenience for resolvers: the filter of `observations`. */
export function resolveObservationFilter(ctx: Context, filter: ObservationFilter): Promise<ResolvedFilter> {
  return resolveFilter(ctx, filter, { maxEconomies: LIMITS.filterEconomies, breakdownDefault: "all" });
}
