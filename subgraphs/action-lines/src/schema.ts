import { buildFederatedSchema, createAuditLogResolvers, type FederatedSchema } from "@wsis/shared";
import { actionLineReference } from "./action-line/action-line.reference";
import { ActionLineResolver } from "./action-line/action-line.resolver";
import { FacilitationResolver } from "./action-line/facilitation.resolver";
import { agencyReference } from "./agency/agency.reference";
import { AgencyResolver } from "./agency/agency.resolver";
import { MatrixLinkResolver } from "./matrix/matrix-link.resolver";
import { SdgGoalResolver } from "./sdg/sdg-goal.resolver";
import { SdgIndicatorResolver } from "./sdg/sdg-indicator.resolver";
import { sdgReference } from "./sdg/sdg.reference";
import { SdgTargetResolver } from "./sdg/sdg-target.resolver";
import { AgencyUngisResolver, UngisResolver, UngisRoleResolver } from "./ungis/ungis.resolver";

/** The subgraph's name, as in the supergraph. */
export const SUBGRAPH_NAME = "action-lines";

const auditLogResolvers = createAuditLogResolvers(
  "actionLines",
  "Every write to the action lines, agencies and SDG framework (none so far: they change with their sources)",
);

let built: Promise<FederatedSchema> | undefined;

/** Builds the federated schema once per process (type-graphql metadata is global). */
export function buildActionLinesSchema(): Promise<FederatedSchema> {
  built ??= buildFederatedSchema(
    {
      resolvers: [
        AgencyResolver,
        ActionLineResolver,
        FacilitationResolver,
        MatrixLinkResolver,
        SdgGoalResolver,
        SdgTargetResolver,
        SdgIndicatorResolver,
        UngisResolver,
        UngisRoleResolver,
        AgencyUngisResolver,
        ...auditLogResolvers,
      ],
      validate: false,
    },
    { ...agencyReference, ...actionLineReference, ...sdgReference },
  );
  return built;
}
