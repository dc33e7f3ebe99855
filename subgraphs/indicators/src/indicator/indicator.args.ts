import { BadUserInputError } from "@wsis/shared";
import { checkCode, normaliseDatasetId } from "../codes";
import type { Loaders } from "../loaders";
import { ALL_DIMENSIONS, parseBreakdownKey, TOTAL_KEY, type AnyDimension } from "../observation/breakdown";
import type { IndicatorDataset } from "./indicator-dataset.entity";
import type { Indicator } from "./indicator.entity";

/** An indicator by hub code, UNSD series code or WDI code (case-insensitive); null when unknown. */
export async function findIndicator(loaders: Loaders, code: string, argumentName: string): Promise<Indicator | null> {
  const wanted = checkCode("indicator", code, argumentName).toLowerCase();
  const list = await loaders.indicatorList();
  const indicator =
    list.find((i) => i.code.toLowerCase() === wanted) ??
    list.find((i) => i.unsdSeriesCode?.toLowerCase() === wanted) ??
    list.find((i) => i.wdiCode?.toLowerCase() === wanted) ??
    null;
  if (indicator) loaders.indicatorByCode.prime(indicator.code, indicator);
  return indicator;
}

/** An indicator of a filter; an unknown code is BAD_USER_INPUT naming the argument and the code. */
export async function resolveIndicator(loaders: Loaders, code: string, argumentName = "indicator"): Promise<Indicator> {
  const indicator = await findIndicator(loaders, code, argumentName);
  if (!indicator) {
    throw new BadUserInputError(
      `Unknown indicator ${JSON.stringify(code)} in "${argumentName}"; the list is at { indicators { code } }`,
      argumentName,
      {
        codes: [code],
      },
    );
  }
  return indicator;
}

/** What a read asks of the dataset that serves it. */
export interface DatasetNeeds {
  /** The breakdown key asked for ("_T": the total); null: every breakdown. */
  breakdownKey: string | null;
  /** The read asks for aggregates only (kind AGGREGATE, or only aggregates among the economies named). */
  aggregatesOnly?: boolean;
  /** The argument that carries the breakdown, for errors ("breakdown", "filter.breakdown"). */
  breakdownArgument?: string;
}

/** The datasets of an indicator in the order of the default-dataset rule (rank 1 first; unranked last). */
function ranked(links: readonly IndicatorDataset[]): IndicatorDataset[] {
  return [...links].sort(
    (a, b) =>
      (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
      a.datasetId.localeCompare(b.datasetId),
  );
}

/** The codes each breakdown dimension takes in some dataset of the indicator (the total aside). */
function codesByDimension(links: readonly IndicatorDataset[]): Record<AnyDimension, Set<string>> {
  const codes = Object.fromEntries(ALL_DIMENSIONS.map((d) => [d, new Set<string>()])) as Record<
    AnyDimension,
    Set<string>
  >;
  for (const link of links) {
    for (const key of link.breakdownKeys) {
      for (const [dimension, code] of Object.entries(parseBreakdownKey(key)) as Array<[AnyDimension, string]>)
        codes[dimension].add(code);
    }
  }
  return codes;
}

/**
 * The datasets among `candidates` that have the breakdown `key`; when none does, BAD_USER_INPUT naming the dimension
 * at fault and the codes the indicator has (or saying it has no breakdown by that dimension).
 */
function withBreakdown(
  indicator: Indicator,
  all: readonly IndicatorDataset[],
  candidates: readonly IndicatorDataset[],
  key: string,
  argument: string,
): IndicatorDataset[] {
  const known = codesByDimension(all);
  for (const [dimension, code] of Object.entries(parseBreakdownKey(key)) as Array<[AnyDimension, string]>) {
    if (known[dimension].has(code)) continue;
    const codes = [...known[dimension]].sort();
    throw new BadUserInputError(
      codes.length === 0
        ? `Argument "${argument}.${dimension}": indicator "${indicator.code}" has no breakdown by ${dimension} (see Indicator.dimensions)`
        : `Argument "${argument}.${dimension}": ${JSON.stringify(code)} is not a ${dimension} code of indicator "${indicator.code}"; its codes are ${codes.join(", ")} (or TOTAL)`,
      `${argument}.${dimension}`,
      { codes: [code], allowed: codes },
    );
  }
  const having = candidates.filter((link) => link.breakdownKeys.includes(key));
  if (having.length === 0) {
    const elsewhere = all.filter((link) => link.breakdownKeys.includes(key)).map((link) => link.datasetId);
    throw new BadUserInputError(
      `Argument "${argument}": dataset ${candidates.map((c) => `"${c.datasetId}"`).join(", ")} has no observations of "${indicator.code}" with the breakdown ${key}` +
        (elsewhere.length ? `; the datasets that have it: ${elsewhere.join(", ")}` : ""),
      argument,
    );
  }
  return having;
}

/**
 * The dataset a read is served from: the one named (it must publish the indicator), or else the indicator's default
 * dataset (the default-dataset rule, see src/dataset/dataset-choice.ts) — unless the read asks for something the
 * default lacks: aggregates only (then the best-ranked dataset with aggregates), a breakdown other than the total, or
 * every breakdown (then the best-ranked dataset that has it). An unknown dataset, one that does not publish the
 * indicator, or a breakdown no dataset has is BAD_USER_INPUT naming the argument. Costs a statement only when a dataset
 * or a breakdown is asked for.
 */
export async function resolveDataset(
  loaders: Loaders,
  indicator: Indicator,
  datasetId: string | null | undefined,
  needs: DatasetNeeds = { breakdownKey: TOTAL_KEY },
  argumentName = "dataset",
): Promise<string> {
  const breakdownArgument = needs.breakdownArgument ?? "breakdown";
  const named = datasetId === null || datasetId === undefined ? null : normaliseDatasetId(datasetId, argumentName);
  if (named === null && needs.breakdownKey === TOTAL_KEY) {
    return needs.aggregatesOnly
      ? (indicator.aggregateDatasetId ?? indicator.defaultDatasetId)
      : indicator.defaultDatasetId;
  }
  const links = ranked(await loaders.indicatorDatasetsByIndicator.load(indicator.code));
  if (named !== null) {
    const link = links.find((l) => l.datasetId === named);
    if (!link) {
      const exists = await loaders.datasetById.load(named);
      throw new BadUserInputError(
        exists
          ? `Argument "${argumentName}": dataset "${named}" has no observations of indicator "${indicator.code}"; it is published in: ${links.map((l) => l.datasetId).join(", ")}`
          : `Unknown dataset ${JSON.stringify(named)} in "${argumentName}"; the list is at { datasets { id } }`,
        argumentName,
        { codes: [named] },
      );
    }
    if (needs.breakdownKey !== null && needs.breakdownKey !== TOTAL_KEY)
      withBreakdown(indicator, links, [link], needs.breakdownKey, breakdownArgument);
    return named;
  }
  const pool =
    needs.aggregatesOnly && links.some((l) => l.hasAggregates) ? links.filter((l) => l.hasAggregates) : links;
  if (needs.breakdownKey === null) {
    const broken = pool.find((l) => l.breakdownKeys.some((k) => k !== TOTAL_KEY));
    return broken?.datasetId ?? pool[0]?.datasetId ?? indicator.defaultDatasetId;
  }
  return withBreakdown(indicator, links, pool, needs.breakdownKey, breakdownArgument)[0].datasetId;
}
