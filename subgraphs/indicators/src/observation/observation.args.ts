import { BadUserInputError, cursorCodec } from "@wsis/shared";
import { checkMoment, checkYearRange } from "../codes";
import { EconomyKind } from "../economy/economy.entity";
import { resolveEconomies, resolveRegion } from "../economy/economy.args";
import type { Indicator } from "../indicator/indicator.entity";
import { resolveDataset, resolveIndicator } from "../indicator/indicator.args";
import type { Loaders } from "../loaders";
import { breakdownKeyFromInput, TOTAL_KEY } from "./breakdown";
import { LIMITS } from "./observation.limits";
import type { Observation } from "./observation.entity";
import type { ObservationBreakdownInput, ObservationFilter } from "./observation.types";

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
  /**
   * The release of the dataset the read is pinned to (see observationRelation); null or absent: the current values.
   * A pin to the latest release reads the current values too (they are the same).
   */
  release?: number | null;
}

/**
 * The release a read is pinned to: `release` (1 to the latest; BAD_USER_INPUT beyond) or the latest release published at
 * `asOf` (0 before the first: nothing was published). null: unpinned, or pinned to the latest (the current values).
 * Costs statements only when pinned.
 */
export async function resolveRelease(
  loaders: Loaders,
  datasetId: string,
  release: number | null | undefined,
  asOf: Date | null | undefined,
): Promise<number | null> {
  const hasRelease = release !== null && release !== undefined;
  const hasAsOf = asOf !== null && asOf !== undefined;
  if (!hasRelease && !hasAsOf) return null;
  if (hasRelease && hasAsOf) {
    throw new BadUserInputError(`Give "release" or "asOf", not both: each pins the read to one release`, "release", {
      otherArgumentName: "asOf",
    });
  }
  if (hasRelease && (!Number.isInteger(release) || release < 1)) {
    throw new BadUserInputError(`Argument "release" must be a release number (1, 2, ...); got ${release}`, "release");
  }
  if (hasAsOf) checkMoment(asOf, "asOf");
  const latest = (await loaders.latestReleaseByDataset.load(datasetId))?.number ?? 0;
  if (hasRelease) {
    if (release > latest) {
      throw new BadUserInputError(
        `Dataset "${datasetId}" has no release ${release}; its releases are ${latest === 1 ? "1" : `1 to ${latest}`} (see Dataset.releases)`,
        "release",
        { codes: [String(release)] },
      );
    }
    return release === latest ? null : release;
  }
  const n = await loaders.releaseNumberAt.load({ datasetId, moment: asOf! });
  return n === latest ? null : n;
}

/**
 * The breakdown a read asks for: `breakdown` (one breakdown), `allBreakdowns: true` (every breakdown, interleaved), or
 * neither: the total of every breakdown dimension.
 */
export function requestedBreakdownKey(
  breakdown: ObservationBreakdownInput | null | undefined,
  allBreakdowns: boolean | null | undefined,
  argumentName = "breakdown",
): string | null {
  const given = breakdown !== null && breakdown !== undefined;
  if (allBreakdowns && given) {
    throw new BadUserInputError(
      `Give "${argumentName}" (one breakdown) or "allBreakdowns: true" (every breakdown), not both`,
      "allBreakdowns",
      { otherArgumentName: argumentName },
    );
  }
  if (allBreakdowns) return null;
  return given ? breakdownKeyFromInput(breakdown, argumentName) : TOTAL_KEY;
}

/** Checks and resolves every argument of a read; every error is BAD_USER_INPUT naming the argument. */
export async function resolveFilter(
  loaders: Loaders,
  args: {
    indicator: string;
    economies?: readonly string[] | null;
    region?: string | null;
    kind?: EconomyKind | null;
    fromYear?: number | null;
    toYear?: number | null;
    breakdown?: ObservationBreakdownInput | null;
    allBreakdowns?: boolean | null;
    dataset?: string | null;
    release?: number | null;
    asOf?: Date | null;
  },
  options: { maxEconomies: number; years?: { from: string; to: string } },
): Promise<ResolvedFilter> {
  const { fromYear, toYear } = checkYearRange(args.fromYear, args.toYear, options.years);
  const breakdownKey = requestedBreakdownKey(args.breakdown, args.allBreakdowns);
  const [indicator, economies, region] = await Promise.all([
    resolveIndicator(loaders, args.indicator),
    args.economies
      ? resolveEconomies(loaders, args.economies, "economies", options.maxEconomies)
      : Promise.resolve(null),
    args.region !== null && args.region !== undefined ? resolveRegion(loaders, args.region) : Promise.resolve(null),
  ]);
  const aggregatesOnly =
    args.kind === EconomyKind.AGGREGATE ||
    (economies !== null && economies.length > 0 && economies.every((e) => e.kind === EconomyKind.AGGREGATE));
  const datasetId = await resolveDataset(loaders, indicator, args.dataset, { breakdownKey, aggregatesOnly });
  const release = await resolveRelease(loaders, datasetId, args.release, args.asOf);
  return {
    indicator,
    datasetId,
    economyCodes: economies ? economies.map((e) => e.code) : null,
    regionCode: region ? region.code : null,
    kind: args.kind ?? null,
    fromYear,
    toYear,
    breakdownKey,
    release,
  };
}

// ---- cursors ------------------------------------------------------------------------------------------------------

export interface CursorPosition {
  economy: string;
  year: number;
  breakdownKey: string;
}

/**
 * The cursor of a page of observations: the indicator and dataset it belongs to, then the key it ends at (economy,
 * year, breakdown key). Decoding checks every field (text without control characters, the year within int4), so a
 * forged cursor is BAD_USER_INPUT naming "after", never a value PostgreSQL would reject.
 */
const observationCursor = cursorCodec("o1", [
  { kind: "text", max: 64 },
  { kind: "text", max: 64 },
  { kind: "text", max: 16 },
  { kind: "int" },
  { kind: "text", max: 200 },
] as const);

export function encodeCursor(f: ResolvedFilter, o: Observation): string {
  return observationCursor.encode([f.indicator.code, f.datasetId, o.economyCode, o.year, o.breakdownKey]);
}

export function decodeCursor(f: ResolvedFilter, cursor: string): CursorPosition {
  const hint = "pass an endCursor of the same filter";
  const [indicator, dataset, economy, year, breakdownKey] = observationCursor.decode(cursor, "after", hint);
  if (indicator !== f.indicator.code || dataset !== f.datasetId) {
    throw new BadUserInputError(
      `Argument "after" is not a cursor of this query (it belongs to another indicator or dataset); ${hint}`,
      "after",
    );
  }
  return { economy, year, breakdownKey };
}

// ---- arguments ---------------------------------------------------------------------------------------------------

/** Convenience for resolvers: the filter of `observations`, pinned to a release or a moment if asked. */
export function resolveObservationFilter(
  loaders: Loaders,
  filter: ObservationFilter,
  pin: { release?: number | null; asOf?: Date | null } = {},
): Promise<ResolvedFilter> {
  return resolveFilter(loaders, { ...filter, ...pin }, { maxEconomies: LIMITS.filterEconomies });
}
