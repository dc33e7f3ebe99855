import { buildFederatedSchema, type FederatedSchema } from "@wsis/shared";
import { DatasetResolver } from "./dataset/dataset.resolver";
import { economyReference } from "./economy/economy.reference";
import { EconomyResolver } from "./economy/economy.resolver";
import { AgencyRefResolver } from "./external/agency.resolver";
import { SdgIndicatorRefResolver } from "./external/sdg-indicator.resolver";
import { indicatorReference } from "./indicator/indicator.reference";
import { IndicatorDatasetResolver, IndicatorResolver } from "./indicator/indicator.resolver";
import { ObservationConnectionResolver, ObservationResolver } from "./observation/observation.resolver";
import { RegionalFigureMemberResolver, RegionalFiguresResolver } from "./regional/regional.resolver";

/** The subgraph's name, as in the supergraph. */
export const SUBGRAPH_NAME = "indicators";

let built: Promise<FederatedSchema> | undefined;

/** Builds the federated schema once per process (type-graphql metadata is global). */
export function buildIndicatorsSchema(): Promise<FederatedSchema> {
  built ??= buildFederatedSchema(
    {
      resolvers: [
        EconomyResolver,
        IndicatorResolver,
        IndicatorDatasetResolver,
        DatasetResolver,
        ObservationResolver,
        ObservationConnectionResolver,
        RegionalFiguresResolver,
        RegionalFigureMemberResolver,
        AgencyRefResolver,
        SdgIndicatorRefResolver,
      ],
      validate: false,
    },
    { ...economyReference, ...indicatorReference },
  );
  return built;
}
