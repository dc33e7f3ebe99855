import { loadPresent, Source } from "@wsis/shared";
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { checkCode } from "../codes";
import { spanOf, parsePartialDate } from "../dates";
import { ActionLineRef } from "../external/action-line";
import { AgencyRef } from "../external/agency";
import { EconomyRef } from "../external/economy";
import type { Context } from "../loaders";
import { RoadmapTrack } from "../track/roadmap-track.entity";
import { EventConnection, TimelineYear } from "./event-connection.type";
import { EventDate } from "./event-date.type";
import { EventFilter } from "./event-filter.input";
import { EventActionLine } from "./event-action-line.entity";
import { Event } from "./event.entity";
import { EventOrganiser } from "./event-organiser.entity";
import {
  checkPageSize,
  criteriaFromFilter,
  decodeCursor,
  encodeCursor,
  timelineYears,
} from "./event.service";
import { RoadmapExpectation } from "./roadmap-expectation.entity";

function isoDay(value: string | Date): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : value;
}

@Resolver(() => Event)
export class EventResolver {
  @Query(() => [Event], { nullable: true,
    description:
      "The roadmap's events in date order, optionally filtered; unknown or malformed filter values are BAD_USER_INPUT",
  })
  async events(
    @Arg("filter", () => EventFilter, { nullable: true }) filter: EventFilter | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Event[]> {
    const events = await ctx.loaders.eventsMatching(await criteriaFromFilter(filter, ctx));
    for (const event of events) ctx.loaders.eventById.prime(event.id, event);
    return events;
  }

  @Query(() => EventConnection, { nullable: true, description: "The same list as `events`, one page at a time" })
  async eventConnection(
    @Arg("filter", () => EventFilter, { nullable: true }) filter: EventFilter | null | undefined,
    @Arg("first", () => Int, { defaultValue: 20, description: "Page size, 1 to 100" }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<EventConnection> {
    const size = checkPageSize(first);
    const position = after === null || after === undefined ? null : decodeCursor(after);
    const criteria = await criteriaFromFilter(filter, ctx);
    const rows = await ctx.loaders.eventPage(criteria, position, size + 1);
    const page = rows.slice(0, size);
    for (const event of page) ctx.loaders.eventById.prime(event.id, event);
    const edges = page.map((node) => ({
      node,
      cursor: encodeCursor({ spanStart: isoDay(node.spanStart), sortOrder: node.sortOrder }),
    }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
      criteria,
    };
  }

  @Query(() => Event, { nullable: true, description: 'One event by id, e.g. "wsis-forum-2025"; null when unknown' })
  event(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Event | null> {
    return ctx.loaders.eventById.load(checkCode("event", id, "id"));
  }

  @Query(() => [TimelineYear], { nullable: true,
    description: "The roadmap's timeline: its events grouped by the year they are listed under, years ascending (years without events are left out)",
  })
  async timeline(
    @Arg("fromYear", () => Int, { nullable: true }) fromYear: number | null | undefined,
    @Arg("toYear", () => Int, { nullable: true }) toYear: number | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<TimelineYear[]> {
    const years = timelineYears(fromYear, toYear);
    const events = await ctx.loaders.eventsOfTimeline(years.from, years.to);
    const groups = new Map<number, Event[]>();
    for (const event of events) {
      ctx.loaders.eventById.prime(event.id, event);
      const group = groups.get(event.timelineYear);
      if (group) group.push(event);
      else groups.set(event.timelineYear, [event]);
    }
    return [...groups.entries()].map(([year, list]) => ({ year, events: list }));
  }

  @FieldResolver(() => EventDate, { description: "The start, with its precision and the days it covers" })
  start(@Root() event: Event): EventDate {
    return EventDate.of(event.startDate);
  }

  @FieldResolver(() => EventDate, { nullable: true, description: "The end, with its precision; null when the event lies within its start" })
  end(@Root() event: Event): EventDate | null {
    return event.endDate === null ? null : EventDate.of(event.endDate);
  }

  @FieldResolver(() => String, { description: "First day the event covers (yyyy-mm-dd); a month or year start covers from its first day" })
  firstDay(@Root() event: Event): string {
    return EventDate.of(event.startDate).firstDay;
  }

  @FieldResolver(() => String, { description: "Last day the event covers (yyyy-mm-dd); a month or year end covers to its last day" })
  lastDay(@Root() event: Event): string {
    const start = parsePartialDate(event.startDate);
    const end = event.endDate === null ? null : parsePartialDate(event.endDate);
    if (!start) throw new Error(`event ${event.id}: stored start is not a date`);
    return spanOf(start, end).lastDay;
  }

  @FieldResolver(() => EconomyRef, { nullable: true, description: "The country where it is held, where a source says so" })
  hostEconomy(@Root() event: Event): EconomyRef | null {
    return event.hostEconomyCode === null ? null : { code: event.hostEconomyCode };
  }

  @FieldResolver(() => Event, { nullable: true, description: "The event it is held as part of (e.g. a UNGIS meeting within the WSIS Forum)" })
  partOf(@Root() event: Event, @Ctx() ctx: Context): Promise<Event | null> {
    return event.partOfId === null ? Promise.resolve(null) : ctx.loaders.eventById.load(event.partOfId);
  }

  @FieldResolver(() => [Event], { description: "The events held as part of this one" })
  parts(@Root() event: Event, @Ctx() ctx: Context): Promise<Event[]> {
    return ctx.loaders.eventsByPartOf.load(event.id);
  }

  @FieldResolver(() => [AgencyRef], { nullable: true, description: "The agencies that organise, co-organise or chair it (see `organisations` for roles and sources)" })
  async organisers(@Root() event: Event, @Ctx() ctx: Context): Promise<AgencyRef[]> {
    const rows = await ctx.loaders.organisersByEvent.load(event.id);
    return rows.map((r) => ({ id: r.agencyId }));
  }

  @FieldResolver(() => [EventOrganiser], { description: "Each organising agency with its role and the source that says so" })
  organisations(@Root() event: Event, @Ctx() ctx: Context): Promise<EventOrganiser[]> {
    return ctx.loaders.organisersByEvent.load(event.id);
  }

  @FieldResolver(() => [ActionLineRef], { nullable: true, description: "The action lines it covers (the WSIS Forum covers all of them)" })
  async actionLines(@Root() event: Event, @Ctx() ctx: Context): Promise<ActionLineRef[]> {
    const rows = await ctx.loaders.actionLinksByEvent.load(event.id);
    return rows.map((r) => ({ code: r.actionLineCode }));
  }

  @FieldResolver(() => [EventActionLine], { description: "Each covered action line with the source that says so" })
  actionLineLinks(@Root() event: Event, @Ctx() ctx: Context): Promise<EventActionLine[]> {
    return ctx.loaders.actionLinksByEvent.load(event.id);
  }

  @FieldResolver(() => [RoadmapTrack], { description: "The roadmap tracks it belongs to (none for a meeting the roadmap only lists in its timeline)" })
  async tracks(@Root() event: Event, @Ctx() ctx: Context): Promise<RoadmapTrack[]> {
    const links = await ctx.loaders.trackLinksByEvent.load(event.id);
    return loadPresent(ctx.loaders.trackById, links.map((l) => l.trackId));
  }

  @FieldResolver(() => [RoadmapExpectation], { description: "What the roadmap expects of it, in the roadmap's words" })
  expectations(@Root() event: Event, @Ctx() ctx: Context): Promise<RoadmapExpectation[]> {
    return ctx.loaders.expectationsByEvent.load(event.id);
  }

  @FieldResolver(() => Source, { nullable: true, description: "Where the dates come from: the roadmap (plans of 2022) or a public record" })
  datesSource(@Root() event: Event, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(event.datesSourceId);
  }

  @FieldResolver(() => Source, { nullable: true, description: "Where the location, format and host come from" })
  locationSource(@Root() event: Event, @Ctx() ctx: Context): Promise<Source | null> {
    return event.locationSourceId === null ? Promise.resolve(null) : ctx.loaders.sourceById.load(event.locationSourceId);
  }

  @FieldResolver(() => Source, { nullable: true, description: "The record's source: the roadmap whose timeline lists the event" })
  source(@Root() event: Event, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(event.sourceId);
  }
}

@Resolver(() => EventConnection)
export class EventConnectionResolver {
  @FieldResolver(() => Int, { description: "How many events match the filter in all" })
  totalCount(@Root() connection: EventConnection, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.countMatching(connection.criteria);
  }
}
