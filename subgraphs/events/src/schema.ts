import { buildFederatedSchema, createAuditLogResolvers, type FederatedSchema } from "@wsis/shared";
import { EventMutationResolver } from "./event/event-mutation.resolver";
import { EventResolver } from "./event/event.resolver";
import {
  EventActionLineResolver,
  EventOrganiserResolver,
  RoadmapExpectationResolver,
} from "./event/event-links.resolver";
import { eventReference } from "./event/event.reference";
import { ActionLineEventsResolver } from "./external/action-line";
import { AgencyEventsResolver } from "./external/agency";
import { EconomyEventsResolver } from "./external/economy";
import { roadmapTrackReference } from "./track/roadmap-track.reference";
import { RoadmapTrackResolver } from "./track/roadmap-track.resolver";

/** The subgraph's name, as in the supergraph. */
export const SUBGRAPH_NAME = "events";

const auditLogResolvers = createAuditLogResolvers(
  "events",
  "Every write to events (createEvent, updateEvent, cancelEvent)",
);

let built: Promise<FederatedSchema> | undefined;

/** Builds the federated schema once per process (type-graphql metadata is global). */
export function buildEventsSchema(): Promise<FederatedSchema> {
  built ??= buildFederatedSchema(
    {
      resolvers: [
        EventResolver,
        EventOrganiserResolver,
        EventActionLineResolver,
        RoadmapExpectationResolver,
        RoadmapTrackResolver,
        ActionLineEventsResolver,
        AgencyEventsResolver,
        EconomyEventsResolver,
        EventMutationResolver,
        ...auditLogResolvers,
      ],
      validate: false,
    },
    { ...eventReference, ...roadmapTrackReference },
  );
  return built;
}
