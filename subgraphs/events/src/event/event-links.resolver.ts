import { Source } from "@wsis/shared";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { actionLineRef, ActionLineRef } from "../external/action-line";
import { agencyRef, AgencyRef } from "../external/agency";
import type { Context } from "../context";
import { EventActionLine } from "./event-action-line.entity";
import { Event } from "./event.entity";
import { EventOrganiser } from "./event-organiser.entity";
import { RoadmapExpectation } from "./roadmap-expectation.entity";

@Resolver(() => EventOrganiser)
export class EventOrganiserResolver {
  @FieldResolver(() => AgencyRef, { nullable: true })
  agency(@Root() row: EventOrganiser): AgencyRef {
    return agencyRef(row.agencyId);
  }

  @FieldResolver(() => Event, { nullable: true })
  event(@Root() row: EventOrganiser, @Ctx() ctx: Context): Promise<Event | null> {
    return ctx.loaders.eventById.load(row.eventId);
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Root() row: EventOrganiser, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(row.sourceId);
  }
}

@Resolver(() => EventActionLine)
export class EventActionLineResolver {
  @FieldResolver(() => ActionLineRef, { nullable: true })
  actionLine(@Root() row: EventActionLine): ActionLineRef {
    return actionLineRef(row.actionLineCode);
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Root() row: EventActionLine, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(row.sourceId);
  }
}

@Resolver(() => RoadmapExpectation)
export class RoadmapExpectationResolver {
  @FieldResolver(() => Source, { nullable: true })
  source(@Root() row: RoadmapExpectation, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(row.sourceId);
  }
}
