import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../loaders";
import { CreateEventInput, UpdateEventInput } from "./event-write.input";
import { Event } from "./event.entity";

const REFUSALS =
  "Needs a bearer token with the events:write scope (UNAUTHENTICATED without a valid token, FORBIDDEN without the scope); " +
  "invalid input is BAD_USER_INPUT naming every field at fault; nothing is written when anything is refused.";

/** The writes of the events subgraph (thin: the rules are in EventService). */
@Resolver(() => Event)
export class EventMutationResolver {
  @Mutation(() => Event, {
    description: `Adds an event organised by the caller's agency. An id in use is CONFLICT. ${REFUSALS}`,
  })
  @Authorized("events:write")
  async createEvent(@Arg("input", () => CreateEventInput) input: CreateEventInput, @Ctx() ctx: Context): Promise<Event> {
    return this.fresh(ctx, await ctx.loaders.eventService.create(ctx.caller, input));
  }

  @Mutation(() => Event, {
    description:
      "Changes an event that the caller's agency organises, co-organises or chairs (any event with the admin scope): " +
      `FORBIDDEN otherwise; NOT_FOUND for an unknown id; CONFLICT once cancelled. ${REFUSALS}`,
  })
  @Authorized("events:write")
  async updateEvent(
    @Arg("input", () => UpdateEventInput) input: UpdateEventInput,
    @Arg("id", () => ID) id: string,
    @Ctx() ctx: Context,
  ): Promise<Event> {
    return this.fresh(ctx, await ctx.loaders.eventService.update(ctx.caller, id, input));
  }

  @Mutation(() => Event, {
    description: `Cancels an event that the caller's agency organises (status CANCELLED, with the reason); final. ${REFUSALS}`,
  })
  @Authorized("events:write")
  async cancelEvent(
    @Arg("reason", () => String, { description: "Why (kept with the event, 1 to 2000 characters)" }) reason: string,
    @Arg("id", () => ID) id: string,
    @Ctx() ctx: Context,
  ): Promise<Event> {
    return this.fresh(ctx, await ctx.loaders.eventService.cancel(ctx.caller, id, reason));
  }

  /** The request's loaders must not answer the fields of the written event from what they read before the write. */
  private fresh(ctx: Context, event: Event): Event {
    const l = ctx.loaders;
    l.eventById.clear(event.id).prime(event.id, event);
    l.organisersByEvent.clear(event.id);
    l.actionLinksByEvent.clear(event.id);
    l.trackLinksByEvent.clear(event.id);
    l.eventsByPartOf.clearAll();
    return event;
  }
}
