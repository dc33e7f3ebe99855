import {
  checkPageSize,
  loadPresent,
  PartialDate,
  pageOf,
  Source,
  spanOf,
  storedPartialDate,
  type ConnectionArgs,
} from "@wsis/shared";
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { actionLineRef, ActionLineRef } from "../external/action-line";
import { agencyRef, AgencyRef } from "../external/agency";
import { economyRef, EconomyRef } from "../external/economy";
import { checkCode } from "../known/codes";
import { RoadmapTrack } from "../track/roadmap-track.entity";
import { EventPage, TimelineYear, type EventConnection } from "./event-connection.type";
import { EventDate } from "./event-date.type";
import { EventFilter } from "./event-filter.input";
import { EventActionLine } from "./event-action-line.entity";
import { Event } from "./event.entity";
import { EventOrganiser } from "./event-organiser.entity";
import {
  criteriaFromFilter,
  decodeEventCursor,
  EVENT_PAGE,
  EventConnectionArgs,
  eventCursor,
  TimelineArgs,
  timelineYears,
} from "./event.args";
import { RoadmapExpectation } from "./roadmap-expectation.entity";

const USE_PARTIAL_DATE = "PartialDate, the one date type of the hub (value precision year firstDay lastDay)";

@Resolver(() => Event)
export class EventResolver {
  @Query(() => [Event], {
    nullable: true,
    description:
      "The roadmap's events in date order, optionally filtered; unknown or malformed filter values are BAD_USER_INPUT",
  })
  async events(
    @Arg("filter", () => EventFilter, { nullable: true }) filter: EventFilter | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Event[]> {
    const events = await ctx.services.eventQueries.matching(await criteriaFromFilter(filter, ctx.loaders));
    for (const event of events) ctx.loaders.eventById.prime(event.id, event);
    return events;
  }

  @Query(() => EventPage.Connection, { nullable: true, description: "The same list as `events`, one page at a time" })
  async eventConnection(
    @Args(() => EventConnectionArgs) { filter, first, after }: ConnectionArgs<EventFilter>,
    @Ctx() ctx: Context,
  ): Promise<EventConnection> {
    const size = checkPageSize(first, EVENT_PAGE);
    const position = after === null || after === undefined ? null : decodeEventCursor(after);
    const criteria = await criteriaFromFilter(filter, ctx.loaders);
    const rows = await ctx.services.eventQueries.page(criteria, position, size + 1);
    for (const event of rows.slice(0, size)) ctx.loaders.eventById.prime(event.id, event);
    return pageOf(EventPage, rows, size, eventCursor, () => ctx.services.eventQueries.count(criteria));
  }

  @Query(() => Event, { nullable: true, description: 'One event by id, e.g. "wsis-forum-2025"; null when unknown' })
  event(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Event | null> {
    return ctx.loaders.eventById.load(checkCode("event", id, "id"));
  }

  @Query(() => [TimelineYear], {
    nullable: true,
    description:
      "The roadmap's timeline: its events grouped by the year they are listed under, years ascending (years without events are left out)",
  })
  async timeline(
    @Args(() => TimelineArgs) { fromYear, toYear }: TimelineArgs,
    @Ctx() ctx: Context,
  ): Promise<TimelineYear[]> {
    const years = timelineYears(fromYear, toYear);
    const events = await ctx.services.eventQueries.timeline(years.from, years.to);
    const groups = new Map<number, Event[]>();
    for (const event of events) {
      ctx.loaders.eventById.prime(event.id, event);
      const group = groups.get(event.timelineYear);
      if (group) group.push(event);
      else groups.set(event.timelineYear, [event]);
    }
    return [...groups.entries()].map(([year, list]) => ({ year, events: list }));
  }

  @FieldResolver(() => PartialDate, { description: "The start, as precise as its source, with the days it covers" })
  startsOn(@Root() event: Event): PartialDate {
    return storedPartialDate(event.startDate);
  }

  @FieldResolver(() => PartialDate, {
    nullable: true,
    description: "The end, as precise as its source; null when the event lies within its start",
  })
  endsOn(@Root() event: Event): PartialDate | null {
    return storedPartialDate(event.endDate);
  }

  @FieldResolver(() => EventDate, {
    description: "The start, with its precision and the days it covers",
    deprecationReason: `Use startsOn: ${USE_PARTIAL_DATE}`,
  })
  start(@Root() event: Event): EventDate {
    return EventDate.of(event.startDate);
  }

  @FieldResolver(() => EventDate, {
    nullable: true,
    description: "The end, with its precision; null when the event lies within its start",
    deprecationReason: `Use endsOn: ${USE_PARTIAL_DATE}`,
  })
  end(@Root() event: Event): EventDate | null {
    return event.endDate === null ? null : EventDate.of(event.endDate);
  }

  @FieldResolver(() => String, {
    description: "First day the event covers (yyyy-mm-dd); a month or year start covers from its first day",
  })
  firstDay(@Root() event: Event): string {
    return storedPartialDate(event.startDate).firstDay;
  }

  @FieldResolver(() => String, {
    description: "Last day the event covers (yyyy-mm-dd); a month or year end covers to its last day",
  })
  lastDay(@Root() event: Event): string {
    return spanOf(storedPartialDate(event.startDate), storedPartialDate(event.endDate)).lastDay;
  }

  @FieldResolver(() => EconomyRef, {
    nullable: true,
    description: "The country where it is held, where a source says so",
  })
  hostEconomy(@Root() event: Event): EconomyRef | null {
    return event.hostEconomyCode === null ? null : economyRef(event.hostEconomyCode);
  }

  @FieldResolver(() => Event, {
    nullable: true,
    description: "The event it is held as part of (e.g. a UNGIS meeting within the WSIS Forum)",
  })
  partOf(@Root() event: Event, @Ctx() ctx: Context): Promise<Event | null> {
    return event.partOfId === null ? Promise.resolve(null) : ctx.loaders.eventById.load(event.partOfId);
  }

  @FieldResolver(() => [Event], { description: "The events held as part of this one" })
  parts(@Root() event: Event, @Ctx() ctx: Context): Promise<Event[]> {
    return ctx.loaders.eventsByPartOf.load(event.id);
  }

  @FieldResolver(() => [AgencyRef], {
    nullable: true,
    description: "The agencies that organise, co-organise or chair it (see `organisations` for roles and sources)",
  })
  async organisers(@Root() event: Event, @Ctx() ctx: Context): Promise<AgencyRef[]> {
    const rows = await ctx.loaders.organisersByEvent.load(event.id);
    return rows.map((r) => agencyRef(r.agencyId));
  }

  @FieldResolver(() => [EventOrganiser], {
    description: "Each organising agency with its role and the source that says so",
  })
  organisations(@Root() event: Event, @Ctx() ctx: Context): Promise<EventOrganiser[]> {
    return ctx.loaders.organisersByEvent.load(event.id);
  }

  @FieldResolver(() => [ActionLineRef], {
    nullable: true,
    description: "The action lines it covers (the WSIS Forum covers all of them)",
  })
  async actionLines(@Root() event: Event, @Ctx() ctx: Context): Promise<ActionLineRef[]> {
    const rows = await ctx.loaders.actionLinksByEvent.load(event.id);
    return rows.map((r) => actionLineRef(r.actionLineCode));
  }

  @FieldResolver(() => [EventActionLine], { description: "Each covered action line with the source that says so" })
  actionLineLinks(@Root() event: Event, @Ctx() ctx: Context): Promise<EventActionLine[]> {
    return ctx.loaders.actionLinksByEvent.load(event.id);
  }

  @FieldResolver(() => [RoadmapTrack], {
    description: "The roadmap tracks it belongs to (none for a meeting the roadmap only lists in its timeline)",
  })
  async tracks(@Root() event: Event, @Ctx() ctx: Context): Promise<RoadmapTrack[]> {
    const links = await ctx.loaders.trackLinksByEvent.load(event.id);
    return loadPresent(
      ctx.loaders.trackById,
      links.map((l) => l.trackId),
    );
  }

  @FieldResolver(() => [RoadmapExpectation], { description: "What the roadmap expects of it, in the roadmap's words" })
  expectations(@Root() event: Event, @Ctx() ctx: Context): Promise<RoadmapExpectation[]> {
    return ctx.loaders.expectationsByEvent.load(event.id);
  }

  @FieldResolver(() => Source, {
    nullable: true,
    description: "Where the dates come from: the roadmap (plans of 2022) or a public record",
  })
  datesSource(@Root() event: Event, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(event.datesSourceId);
  }

  @FieldResolver(() => Source, { nullable: true, description: "Where the location, format and host come from" })
  locationSource(@Root() event: Event, @Ctx() ctx: Context): Promise<Source | null> {
    return event.locationSourceId === null
      ? Promise.resolve(null)
      : ctx.loaders.sourceById.load(event.locationSourceId);
  }

  @FieldResolver(() => Source, {
    nullable: true,
    description:
      "The record's source: the roadmap whose timeline lists the event, or the public record of an event after it",
  })
  source(@Root() event: Event, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(event.sourceId);
  }

  @FieldResolver(() => Source, {
    nullable: true,
    description:
      "The public record that states the status (that it was HELD or POSTPONED); null while SCHEDULED, and for a cancellation (see `cancelledReason`)",
  })
  statusSource(@Root() event: Event, @Ctx() ctx: Context): Promise<Source | null> {
    return event.statusSourceId === null ? Promise.resolve(null) : ctx.loaders.sourceById.load(event.statusSourceId);
  }
}
