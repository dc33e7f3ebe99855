import { sourceByIdLoader } from "@wsis/shared";
import type { DataSource } from "typeorm";
import { datasetLoaders } from "./dataset/dataset.loaders";
import { economyLoaders } from "./economy/economy.loaders";
import { indicatorLoaders } from "./indicator/indicator.loaders";
import { observationLoaders } from "./observation/observation.loaders";
import { revisionLoaders } from "./observation/observation-revision";
import { scheduledLoaders } from "./publishing/scheduled.loaders";
import { qualityLoaders } from "./quality/quality.loaders";
import { regionalLoaders } from "./regional/regional.loaders";
import { releaseLoaders } from "./release/release.loaders";

/** Fresh DataLoaders for one request (keyed batch reads only): nothing is cached across requests. */
export function createLoaders(ds: DataSource) {
  return {
    sourceById: sourceByIdLoader(ds),
    ...economyLoaders(ds),
    ...indicatorLoaders(ds),
    ...datasetLoaders(ds),
    ...observationLoaders(ds),
    ...regionalLoaders(ds),
    ...releaseLoaders(ds),
    ...revisionLoaders(ds),
    ...qualityLoaders(ds),
    ...scheduledLoaders(ds),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
