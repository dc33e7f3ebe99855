import type { SubgraphModule } from "@wsis/shared";
import { createStocktakingDataSource, SCHEMA } from "./data-source";
import { SUBGRAPH_NAME } from "./schema";
import { seed, type SeedCounts } from "./seed/seed";
import { createServer } from "./server";

/** Everything the shared entry points need to run this subgraph. */
export const stocktakingModule: SubgraphModule<SeedCounts> = {
  name: SUBGRAPH_NAME,
  schema: SCHEMA,
  defaultPort: 4005,
  createDataSource: createStocktakingDataSource,
  createServer,
  seed,
};
