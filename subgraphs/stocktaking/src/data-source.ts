import { AuditEntry, createSubgraphDatabase, Source, type DataSourceExtras, type SubgraphDatabase } from "@wsis/shared";
import { EntryActionLine, EntryEconomy, EntrySdgGoal } from "./entry/entry-link.entity";
import { StocktakingEntry } from "./entry/entry.entity";
import { Initial1765100000000 } from "./migrations/1765100000000-Initial";
import { PrizeAward } from "./prize/prize-award.entity";
import { PrizeCategory } from "./prize/prize-category.entity";
import { PrizeCycle } from "./prize/prize-cycle.entity";
import { PrizeFigure } from "./prize/prize-figure.entity";
import { PrizePhase } from "./prize/prize-phase.entity";

/** The PostgreSQL schema this subgraph owns. */
export const SCHEMA = "stocktaking";

export function createStocktakingDataSource(url: string, options: DataSourceExtras = {}): SubgraphDatabase {
  return createSubgraphDatabase({
    url,
    schema: SCHEMA,
    entities: [
      Source,
      StocktakingEntry,
      EntryActionLine,
      EntryEconomy,
      EntrySdgGoal,
      PrizeCycle,
      PrizePhase,
      PrizeCategory,
      PrizeFigure,
      PrizeAward,
      AuditEntry,
    ],
    migrations: [Initial1765100000000],
    ...options,
  });
}
