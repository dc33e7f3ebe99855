import { GraphQLScalarType, type GraphQLSchema } from "graphql";
import { buildFederatedSchema, createAuditLogResolvers, type FederatedSchema } from "@wsis/shared";
import { CatalogResolver } from "./catalog/catalog.resolver";
import { ObservationChangeResolver } from "./changes/changes.resolver";
import { DatasetResolver } from "./dataset/dataset.resolver";
import { economyReference } from "./economy/economy.reference";
import { EconomyResolver } from "./economy/economy.resolver";
import { AgencyRefResolver } from "./external/agency.resolver";
import { SdgIndicatorRefResolver } from "./external/sdg-indicator.resolver";
import { indicatorReference } from "./indicator/indicator.reference";
import { DatasetChoiceResolver, IndicatorDatasetResolver, IndicatorResolver } from "./indicator/indicator.resolver";
import {
  DatasetQualityResolver,
  ObservationQualityResolver,
  OtherDatasetValueResolver,
} from "./quality/quality.resolver";
import { ObservationResolver, ObservationRevisionResolver } from "./observation/observation.resolver";
import { PublishingResolver } from "./publishing/publishing.resolver";
import { ScheduledReleaseResolver } from "./publishing/scheduled.resolver";
import { RegionalFigureMemberResolver, RegionalFiguresResolver } from "./regional/regional.resolver";
import { DatasetReleaseResolver, DatasetReleasesResolver } from "./release/release.resolver";

/** The subgraph's name, as in the supergraph. */
export const SUBGRAPH_NAME = "indicators";

/** auditLog { indicators(filter, first, after) }: the audit trail of publications, imports and withdrawals (admin only). */
const auditLogResolvers = createAuditLogResolvers(
  SUBGRAPH_NAME,
  "The indicators subgraph's audit trail: every publication, import and withdrawal of observations (one entry per release; publishObservations and withdrawObservations also one per observation, before and after)",
);

/**
 * DateTimeISO arguments written as literals in the query: a malformed one is read as an invalid date, which the
 * resolvers refuse with BAD_USER_INPUT naming the argument (checkMoment), instead of failing validation with
 * GRAPHQL_VALIDATION_FAILED, which names no argument. Variables keep the scalar's strict parsing (a variable that does
 * not coerce is BAD_USER_INPUT already). The scalar changed is this schema's own copy (buildSubgraphSchema builds it
 * from the SDL and copies the parse functions onto it), not the shared graphql-scalars object.
 */
function lenientDateTimeLiterals(schema: GraphQLSchema): void {
  const scalar = schema.getType("DateTimeISO");
  if (!(scalar instanceof GraphQLScalarType)) return;
  const strict = scalar.parseLiteral.bind(scalar);
  scalar.parseLiteral = (node, variables) => {
    try {
      return strict(node, variables);
    } catch {
      return new Date(Number.NaN);
    }
  };
}

let built: Promise<FederatedSchema> | undefined;

/** Builds the federated schema once per process (type-graphql metadata is global). */
export function buildIndicatorsSchema(): Promise<FederatedSchema> {
  built ??= buildFederatedSchema(
    {
      resolvers: [
        EconomyResolver,
        IndicatorResolver,
        IndicatorDatasetResolver,
        DatasetChoiceResolver,
        DatasetResolver,
        ObservationResolver,
        ObservationRevisionResolver,
        ObservationQualityResolver,
        OtherDatasetValueResolver,
        DatasetQualityResolver,
        DatasetReleaseResolver,
        DatasetReleasesResolver,
        ObservationChangeResolver,
        PublishingResolver,
        ScheduledReleaseResolver,
        RegionalFiguresResolver,
        RegionalFigureMemberResolver,
        CatalogResolver,
        AgencyRefResolver,
        SdgIndicatorRefResolver,
        ...auditLogResolvers,
      ],
      validate: false,
    },
    { ...economyReference, ...indicatorReference },
  ).then((federated) => {
    lenientDateTimeLiterals(federated.schema);
    return federated;
  });
  return built;
}
