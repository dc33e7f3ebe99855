import { sourceByIdLoader, type RequestContext } from "@wsis/shared";
import type { DataSource } from "typeorm";
import { datasetLoaders } from "./dataset/dataset.loaders";
import { economyLoaders } from "./economy/economy.loaders";
import { indicatorLoaders } from "./indicator/indicator.loaders";
import { observationLoaders } from "./observation/observation.loaders";
import { observationQueries } from "./observation/observation.queries";
import { regionalLoaders } from "./regional/regional.loaders";

/** Fresh loaders for one request: nothing is cached across requests. */
export function createLoaders(ds: DataSource) {
  return {
    sourceById: sourceByIdLoader(ds),
    ...economyLoaders(ds),
    ...indicatorLoaders(ds),
    ...datasetLoaders(ds),
    ...observationLoaders(ds),
    ...regionalLoaders(ds),
    ...observationQueries(ds),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = RequestContext<Loaders>;
