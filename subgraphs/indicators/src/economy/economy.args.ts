import { BadUserInputError, requireMaxLength } from "@wsis/shared";
import { checkCode, normaliseEconomyCode } from "../codes";
import type { Loaders } from "../loaders";
import { type Economy, EconomyKind } from "./economy.entity";

/** One economy by ISO3 (any case) or M49 (padded or not); null when unknown. */
export async function findEconomy(loaders: Loaders, code: string, argumentName: string): Promise<Economy | null> {
  const entry = await loaders.economyByAnyCode.load(normaliseEconomyCode(checkCode("economy", code, argumentName)));
  if (entry) loaders.economyByCode.prime(entry.economy.code, entry.economy);
  return entry?.economy ?? null;
}

/** Economies of a filter, in the order given; an unknown code is BAD_USER_INPUT naming the argument and the codes. */
export async function resolveEconomies(
  loaders: Loaders,
  codes: readonly string[],
  argumentName: string,
  max: number,
): Promise<Economy[]> {
  requireMaxLength(codes, max, argumentName);
  const found = await Promise.all(codes.map((code) => findEconomy(loaders, code, argumentName)));
  const unknown = codes.filter((_, i) => found[i] === null);
  if (unknown.length > 0) {
    throw new BadUserInputError(
      `Unknown economy code${unknown.length > 1 ? "s" : ""} in "${argumentName}": ${unknown.join(", ")}; give ISO 3166 alpha-3 or M49 codes (see economies { code m49 })`,
      argumentName,
      { codes: unknown },
    );
  }
  const economies = found as Economy[];
  return [...new Map(economies.map((e) => [e.code, e])).values()];
}

/**
 * An aggregate named by M49 code ("002", "2") or by name ("Africa", case-insensitive). Unknown, a country, or an
 * aggregate whose members the data does not give: BAD_USER_INPUT naming the argument.
 */
export async function resolveRegion(
  loaders: Loaders,
  region: string,
  argumentName = "region",
  options: { requireMembers: boolean } = { requireMembers: true },
): Promise<Economy> {
  const given = checkCode("region", region, argumentName);
  const wanted = /^[0-9]+$/.test(given) ? given.padStart(3, "0") : given.toLowerCase();
  const list = await loaders.economyList();
  const economy =
    list.find((e) => e.m49 === wanted) ??
    list.find((e) => e.kind === EconomyKind.AGGREGATE && e.name.toLowerCase() === wanted) ??
    list.find((e) => e.code.toLowerCase() === wanted);
  if (!economy) {
    throw new BadUserInputError(
      `Unknown region ${JSON.stringify(region)} in "${argumentName}"; give an M49 code ("002") or an aggregate's name (see economies(filter: { kind: AGGREGATE }) { m49 name })`,
      argumentName,
      { codes: [region] },
    );
  }
  if (economy.kind !== EconomyKind.AGGREGATE) {
    throw new BadUserInputError(
      `Argument "${argumentName}": ${economy.name} (${economy.code}) is a country, not a region; use "economies" for countries`,
      argumentName,
    );
  }
  if (options.requireMembers && !economy.membershipKnown) {
    throw new BadUserInputError(
      `Argument "${argumentName}": the hub's data does not say which countries ${economy.name} (${economy.m49}) contains` +
        ` (${economy.membershipNote ?? "membership unknown"}); ask for its official aggregate with economies: ["${economy.code}"]`,
      argumentName,
    );
  }
  loaders.economyByCode.prime(economy.code, economy);
  return economy;
}
