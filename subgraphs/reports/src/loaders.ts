import { sourceByIdLoader } from "@wsis/shared";
import type { DataSource } from "typeorm";
import { reportLoaders } from "./report/report.loaders";
import { seriesLoaders } from "./series/report-series.loaders";
import { templateLoaders } from "./template/report-template.loaders";

/** Fresh DataLoaders for one request (keyed batch reads, and memos of small lists): nothing is cached across requests. */
export function createLoaders(ds: DataSource) {
  return {
    sourceById: sourceByIdLoader(ds),
    ...reportLoaders(ds),
    ...seriesLoaders(ds),
    ...templateLoaders(ds),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
