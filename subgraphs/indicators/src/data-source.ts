import { AuditEntry, createSubgraphDatabase, Source, type DataSourceExtras, type SubgraphDatabase } from "@wsis/shared";
import { Dataset } from "./dataset/dataset.entity";
import { EconomyMember } from "./economy/economy-member.entity";
import { Economy } from "./economy/economy.entity";
import { IndicatorDataset } from "./indicator/indicator-dataset.entity";
import { IndicatorSdg } from "./indicator/indicator-sdg.entity";
import { Indicator } from "./indicator/indicator.entity";
import { Initial1764300000000 } from "./migrations/1764300000000-Initial";
import { Publishing1764400000000 } from "./migrations/1764400000000-Publishing";
import { AuditLog1764500000000 } from "./migrations/1764500000000-AuditLog";
import { ObservationPartitions1764600000000 } from "./migrations/1764600000000-ObservationPartitions";
import { DataQuality1764700000000 } from "./migrations/1764700000000-DataQuality";
import { ScheduledReleases1765000000000 } from "./migrations/1765000000000-ScheduledReleases";
import { Observation } from "./observation/observation.entity";
import { Population } from "./regional/population.entity";
import { DatasetRelease } from "./release/release.entity";

/** The PostgreSQL schema this subgraph owns. */
export const SCHEMA = "indicators";

export function createIndicatorsDataSource(url: string, options: DataSourceExtras = {}): SubgraphDatabase {
  return createSubgraphDatabase({
    url,
    schema: SCHEMA,
    entities: [
      Source,
      Economy,
      EconomyMember,
      Dataset,
      Indicator,
      IndicatorSdg,
      IndicatorDataset,
      Observation,
      Population,
      DatasetRelease,
      AuditEntry,
    ],
    migrations: [
      Initial1764300000000,
      Publishing1764400000000,
      AuditLog1764500000000,
      ObservationPartitions1764600000000,
      DataQuality1764700000000,
      ScheduledReleases1765000000000,
    ],
    ...options,
  });
}
