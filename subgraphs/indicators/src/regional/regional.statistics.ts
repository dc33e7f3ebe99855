import type { Dataset } from "../dataset/dataset.entity";
import type { Economy } from "../economy/economy.entity";
import type { Indicator } from "../indicator/indicator.entity";
import type { Observation } from "../observation/observation.entity";
import type { RegionalStats } from "./regional.loaders";
import { type RegionalFigure, RegionalFigureKind } from "./regional.types";

const num = (text: string | null): number | null => (text === null ? null : Number(text));

/** The figure as the source publishes it for the region's own area code. */
export function officialFigure(observation: Observation, region: Economy, dataset: Dataset | null): RegionalFigure {
  return {
    kind: RegionalFigureKind.OFFICIAL,
    method:
      `Published by the source (${dataset?.publisher ?? observation.datasetId}) as the figure of area ${region.m49} ` +
      `"${region.name}"; the hub does not recompute it, so its membership and weighting are the source's.`,
    value: Number(observation.valueText),
    valueText: observation.valueText,
    observation,
    count: null,
    min: null,
    max: null,
    median: null,
    mean: null,
    populationWeightedMean: null,
    coverage: null,
    populationCovered: null,
    populationTotal: null,
    populationYear: null,
    members: [],
  };
}

/** The figure the hub computes over the region's member countries (stats computed in SQL, exact decimals). */
export function computedFigure(
  stats: RegionalStats,
  region: Economy,
  indicator: Indicator,
  datasetId: string,
  year: number,
  membershipSource: string | null,
): RegionalFigure {
  const covered = num(stats.populationCovered);
  const total = num(stats.populationTotal);
  const withData = stats.members.filter((m) => m.valueText !== null).length;
  return {
    kind: RegionalFigureKind.COMPUTED,
    method:
      `Computed by the hub over the ${stats.members.length} member countries of "${region.name}" (${region.m49}; membership: ` +
      `${membershipSource ?? "see membershipSource"}), of which ${withData} have a ${year} value of "${indicator.code}" in dataset ` +
      `"${datasetId}": count, min, max, median, unweighted mean, and the mean weighted by total population (World Bank ` +
      `SP.POP.TOTL, ${year}) over the members that have both a value and a population figure. Coverage is the population ` +
      `of the members with data divided by the population of all members with a population figure. No imputation.`,
    value: num(stats.weightedMean),
    valueText: null,
    observation: null,
    count: stats.count,
    min: num(stats.min),
    max: num(stats.max),
    median: num(stats.median),
    mean: num(stats.mean),
    populationWeightedMean: num(stats.weightedMean),
    coverage: covered !== null && total !== null && total > 0 ? covered / total : null,
    populationCovered: covered,
    populationTotal: total,
    populationYear: year,
    members: stats.members.map((m) => ({
      economyCode: m.code,
      value: num(m.valueText),
      valueText: m.valueText,
      population: num(m.population),
    })),
  };
}
