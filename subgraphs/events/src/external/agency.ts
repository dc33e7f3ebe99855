import { loadPresent } from "@wsis/shared";
import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from "type-graphql";
import { byChronology } from "../event/chronology";
import { Event } from "../event/event.entity";
import { EventOrganiser } from "../event/event-organiser.entity";
import type { Context } from "../context";

/** An agency, owned by the action-lines subgraph: key only, plus the fields this subgraph adds. */
@ObjectType("Agency")
@Directive('@key(fields: "id")')
export class AgencyRef {
  @Field(() => ID)
  id: string;
}

export const agencyRef = (id: string): AgencyRef => Object.assign(new AgencyRef(), { id });

@Resolver(() => AgencyRef)
export class AgencyEventsResolver {
  @FieldResolver(() => [Event], {
    nullable: true,
    description: "The roadmap events this agency organises, co-organises or chairs, in date order",
  })
  async events(@Root() agency: AgencyRef, @Ctx() ctx: Context): Promise<Event[]> {
    const roles = await ctx.loaders.organisersByAgency.load(agency.id);
    const events = await loadPresent(
      ctx.loaders.eventById,
      roles.map((r) => r.eventId),
    );
    return events.sort(byChronology);
  }

  @FieldResolver(() => [EventOrganiser], {
    nullable: true,
    description: "This agency's role in each roadmap event it takes part in",
  })
  eventRoles(@Root() agency: AgencyRef, @Ctx() ctx: Context): Promise<EventOrganiser[]> {
    return ctx.loaders.organisersByAgency.load(agency.id);
  }
}
