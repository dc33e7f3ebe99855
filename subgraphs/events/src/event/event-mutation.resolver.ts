import { freshAfterWrite } from "@wsis/shared";
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context";
import { CreateEventInput, UpdateEventInput } from "./event-write.input";
import { Event } from "./event.entity";

const REFUSALS =
  "Needs a bearer token with the events:write scope (UNAUTHENTICATED without a valid token, FORBIDDEN without the scope); " +
  "invalid input (a malformed or unknown code, an empty text, a control character) is BAD_USER_INPUT naming every field " +
  "at fault; nothing is written when anything is refused.";

/** Who may do what: event.authorization.ts, the one place the rule is enforced. */
const RULE =
  "By the part the caller's agency plays in the event: an ORGANISER may change everything and cancel it; a " +
  "CO_ORGANISER may change its details and note, not its organisers, and may not cancel it; a CHAIR may change its " +
  "note only; any other agency nothing (FORBIDDEN); the admin scope may do everything.";

/** The writes of the events subgraph (thin: the rules are in EventService). */
@Resolver(() => Event)
export class EventMutationResolver {
  @Mutation(() => Event, {
    description:
      "Adds an event organised by the caller's agency: the caller's agency must be among `input.organisers` as " +
      `ORGANISER (FORBIDDEN otherwise; an admin may name any organisers). An id in use is CONFLICT. ${REFUSALS}`,
  })
  @Authorized("events:write")
  async createEvent(
    @Arg("input", () => CreateEventInput) input: CreateEventInput,
    @Ctx() ctx: Context,
  ): Promise<Event> {
    return this.fresh(ctx, await ctx.services.eventService.create(ctx.caller, input));
  }

  @Mutation(() => Event, {
    description:
      `Changes an event. ${RULE} An organiser that replaces the organisers must stay among them as ORGANISER. ` +
      "NOT_FOUND when no event has the id (a mutation on a record that does not exist, unlike a lookup, which gives " +
      `null); CONFLICT once cancelled. ${REFUSALS}`,
  })
  @Authorized("events:write")
  async updateEvent(
    @Arg("input", () => UpdateEventInput) input: UpdateEventInput,
    @Arg("id", () => ID) id: string,
    @Ctx() ctx: Context,
  ): Promise<Event> {
    return this.fresh(ctx, await ctx.services.eventService.update(ctx.caller, id, input));
  }

  @Mutation(() => Event, {
    description:
      "Cancels an event (status CANCELLED, with the reason); final. Only an agency that ORGANISES the event (or the " +
      "admin scope) may cancel it; co-organisers and chairs may not (FORBIDDEN). NOT_FOUND when no event has the id; " +
      `CONFLICT when it is cancelled already or took place (HELD). ${REFUSALS}`,
  })
  @Authorized("events:write")
  async cancelEvent(
    @Arg("reason", () => String, {
      description:
        "Why (kept with the event): 1 to 2000 characters; line breaks and tabs allowed, no other control character",
    })
    reason: string,
    @Arg("id", () => ID) id: string,
    @Ctx() ctx: Context,
  ): Promise<Event> {
    return this.fresh(ctx, await ctx.services.eventService.cancel(ctx.caller, id, reason));
  }

  /** The request's loaders must not answer the fields of the written event from what they read before the write. */
  private fresh(ctx: Context, event: Event): Event {
    return freshAfterWrite(ctx.loaders, event, { loader: ctx.loaders.eventById, key: event.id });
  }
}
