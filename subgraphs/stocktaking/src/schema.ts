import { buildFederatedSchema, createAuditLogResolvers, type FederatedSchema } from "@wsis/shared";
import { EntryMutationResolver } from "./entry/entry-mutation.resolver";
import { entryReference } from "./entry/entry.reference";
import { EntryResolver } from "./entry/entry.resolver";
import { StatisticsResolver } from "./entry/statistics.resolver";
import { ActionLineStocktakingResolver } from "./external/action-line";
import { EconomyStocktakingResolver } from "./external/economy";
import { SdgGoalStocktakingResolver } from "./external/sdg-goal";
import { prizeCycleReference } from "./prize/prize-cycle.reference";
import {
  PrizeAwardResolver,
  PrizeCategoryResolver,
  PrizeFigureResolver,
  PrizePhaseResolver,
} from "./prize/prize-fields.resolver";
import { PrizeMutationResolver } from "./prize/prize-mutation.resolver";
import { PrizeCycleResolver } from "./prize/prize.resolver";

/** The subgraph's name, as in the supergraph. */
export const SUBGRAPH_NAME = "stocktaking";

const auditLogResolvers = createAuditLogResolvers(
  "stocktaking",
  "Every write to the Stocktaking entries and the WSIS Prizes (submit, moderate, import; savePrizeCycle, awardPrize, removePrizeAward)",
);

let built: Promise<FederatedSchema> | undefined;

/** Builds the federated schema once per process (type-graphql metadata is global). */
export function buildStocktakingSchema(): Promise<FederatedSchema> {
  built ??= buildFederatedSchema(
    {
      resolvers: [
        EntryResolver,
        EntryMutationResolver,
        StatisticsResolver,
        ActionLineStocktakingResolver,
        EconomyStocktakingResolver,
        SdgGoalStocktakingResolver,
        PrizeCycleResolver,
        PrizePhaseResolver,
        PrizeCategoryResolver,
        PrizeFigureResolver,
        PrizeAwardResolver,
        PrizeMutationResolver,
        ...auditLogResolvers,
      ],
      validate: false,
    },
    { ...entryReference, ...prizeCycleReference },
  );
  return built;
}
