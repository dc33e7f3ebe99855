import { NotFoundError } from "@wsis/shared";
import { checkCode } from "../codes";
import type { Dataset } from "../dataset/dataset.entity";
import type { Context } from "../loaders";
import type { Indicator } from "./indicator.entity";

/** An indicator by hub code, UNSD series code or WDI code (case-insensitive); null when unknown. */
export async function findIndicator(ctx: Context, code: string, argumentName: string): Promise<Indicator | null> {
  const wanted = checkCode("indicator", code, argumentName).toLowerCase();
  const list = await ctx.loaders.indicatorList();
  const indicator =
    list.find((i) => i.code.toLowerCase() === wanted) ??
    list.find((i) => i.unsdSeriesCode?.toLowerCase() === wanted) ??
    list.find((i) => i.wdiCode?.toLowerCase() === wanted) ??
    null;
  if (indicator) ctx.loaders.indicatorByCode.prime(indicator.code, indicator);
  return indicator;
}

/** An indicator of a filter; unknown is NOT_FOUND naming the argument. */
export async function resolveIndicator(ctx: Context, code: string, argumentName = "indicator"): Promise<Indicator> {
  const indicator = await findIndicator(ctx, code, argumentName);
  if (!indicator) {
    throw new NotFoundError(`Unknown indicator ${JSON.stringify(code)} in "${argumentName}"; the list is at { indicators { code } }`, {
      argumentName,
      codes: [code],
    });
  }
  return indicator;
}

/**
 * The dataset to read an indicator from: the one given (it must publish the indicator), or the indicator's default.
 * Unknown, or not publishing the indicator: NOT_FOUND naming the argument.
 */
export async function resolveDataset(
  ctx: Context,
  indicator: Indicator,
  datasetId: string | null | undefined,
  argumentName = "dataset",
): Promise<string> {
  if (datasetId === null || datasetId === undefined) return indicator.defaultDatasetId;
  const id = checkCode("dataset", datasetId, argumentName);
  const published = await ctx.loaders.indicatorDatasetsByIndicator.load(indicator.code);
  if (published.some((p) => p.datasetId === id)) return id;
  const exists: Dataset | null = await ctx.loaders.datasetById.load(id);
  throw new NotFoundError(
    exists
      ? `Argument "${argumentName}": dataset "${id}" has no observations of indicator "${indicator.code}"; it is published in: ${published.map((p) => p.datasetId).join(", ")}`
      : `Unknown dataset "${id}" in "${argumentName}"; the list is at { datasets { id } }`,
    { argumentName, codes: [id] },
  );
}
