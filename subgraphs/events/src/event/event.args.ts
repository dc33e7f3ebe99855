import {
  connectionArgs,
  cursorCodec,
  PAGE_SIZE,
  parsePartialDate,
  PARTIAL_DATE_YEARS,
  partialDateProblem,
  Problems,
  type PageSizeRule,
} from "@wsis/shared";
import type DataLoader from "dataloader";
import { ArgsType, Field, Int } from "type-graphql";
import { checkCode, checkKnownCode, codeProblem } from "../known/codes";
import type { RoadmapTrack } from "../track/roadmap-track.entity";
import { EventFilter } from "./event-filter.input";
import type { Event } from "./event.entity";
import type { EventCriteria, EventPosition } from "./event.queries";

/** The read side's argument checks: filters, years, pages and cursors, turned into criteria. */

export const MIN_YEAR = PARTIAL_DATE_YEARS.min;
export const MAX_YEAR = PARTIAL_DATE_YEARS.max;

export function yearProblem(year: number, argumentName: string): string | null {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR
    ? null
    : `Argument "${argumentName}" has an invalid value ${year}; expected a year between ${MIN_YEAR} and ${MAX_YEAR}`;
}

/**
 * The page size of `eventConnection`: the shared rule, except that a page holds at least one event (`first: 0` has
 * always been refused here, and clients may rely on that).
 */
export const EVENT_PAGE: PageSizeRule = { ...PAGE_SIZE, min: 1 };

/** `eventConnection(filter, first, after)`. */
export const EventConnectionArgs = connectionArgs(EventFilter, EVENT_PAGE);

@ArgsType()
export class TimelineArgs {
  @Field(() => Int, { nullable: true })
  fromYear?: number | null;

  @Field(() => Int, { nullable: true })
  toYear?: number | null;
}

const later = (a: string | undefined, b: string) => (a === undefined || b > a ? b : a);
const earlier = (a: string | undefined, b: string) => (a === undefined || b < a ? b : a);

/**
 * Checks a filter and turns it into criteria. Codes are case-insensitive ("unesco" is "UNESCO"). Malformed values (a
 * code of the wrong shape, an impossible date, a year out of range) and unknown codes (an agency, action line or track
 * the hub has no record of) are all reported, at once, as BAD_USER_INPUT naming each argument; so is `from` after `to`.
 * Agencies and action lines are checked against data/known-codes.json (no statement); a track costs one statement.
 */
export async function criteriaFromFilter(
  filter: EventFilter | null | undefined,
  loaders: { trackById: DataLoader<string, RoadmapTrack | null> },
  name = "filter",
): Promise<EventCriteria> {
  const criteria: EventCriteria = {};
  if (!filter) return criteria;
  const problems = new Problems();
  const arg = (field: string) => `${name}.${field}`;

  if (filter.kind) criteria.kind = filter.kind;
  if (filter.year !== null && filter.year !== undefined) {
    const problem = yearProblem(filter.year, arg("year"));
    problems.add(arg("year"), problem);
    if (!problem) {
      criteria.fromDay = `${filter.year}-01-01`;
      criteria.toDay = `${filter.year}-12-31`;
    }
  }
  const dates: { from?: string; to?: string } = {};
  for (const field of ["from", "to"] as const) {
    const value = filter[field];
    if (value === null || value === undefined) continue;
    const parsed = parsePartialDate(value.trim());
    if (!parsed) {
      problems.add(arg(field), partialDateProblem(value, arg(field)));
      continue;
    }
    dates[field] = field === "from" ? parsed.firstDay : parsed.lastDay;
  }
  if (dates.from && dates.to && dates.from > dates.to) {
    problems.add(
      arg("from"),
      `Argument "${arg("from")}" (${filter.from}) is after "${arg("to")}" (${filter.to}); nothing can match`,
    );
  }
  if (dates.from) criteria.fromDay = later(criteria.fromDay, dates.from);
  if (dates.to) criteria.toDay = earlier(criteria.toDay, dates.to);

  const owned = [
    { field: "organiser", kind: "agency", value: filter.organiser, set: (v: string) => (criteria.agencyId = v) },
    {
      field: "actionLine",
      kind: "actionLine",
      value: filter.actionLine,
      set: (v: string) => (criteria.actionLineCode = v),
    },
  ] as const;
  for (const c of owned) {
    if (c.value === null || c.value === undefined) continue;
    const checked = checkKnownCode(c.kind, c.value, arg(c.field));
    if (checked.code) c.set(checked.code);
    else problems.add(arg(c.field), checked.problem);
  }
  if (filter.track !== null && filter.track !== undefined) {
    const problem = codeProblem("track", filter.track, arg("track"));
    problems.add(arg("track"), problem);
    if (!problem) {
      const id = checkCode("track", filter.track, arg("track"));
      if (await loaders.trackById.load(id)) criteria.trackId = id;
      else
        problems.add(
          arg("track"),
          `Argument "${arg("track")}" names an unknown roadmap track id ${JSON.stringify(id)}`,
        );
    }
  }
  problems.throwIfAny();
  return criteria;
}

/** Checks the year range of `timeline`; open ends are the years a date can have. */
export function timelineYears(
  fromYear: number | null | undefined,
  toYear: number | null | undefined,
): { from: number; to: number } {
  const problems = new Problems();
  const from = fromYear ?? MIN_YEAR;
  const to = toYear ?? MAX_YEAR;
  if (fromYear !== null && fromYear !== undefined) problems.add("fromYear", yearProblem(fromYear, "fromYear"));
  if (toYear !== null && toYear !== undefined) problems.add("toYear", yearProblem(toYear, "toYear"));
  if (from > to) problems.add("fromYear", `Argument "fromYear" (${from}) is after "toYear" (${to})`);
  problems.throwIfAny();
  return { from, to };
}

/**
 * Opaque cursors: the position of an event in date order (its first day, its order), validated on the way in.
 * (Cursors of the earlier, untagged encoding are refused: page tokens are short-lived.)
 */
const EVENT_CURSOR = cursorCodec("events", [{ kind: "day" }, { kind: "int" }]);

const isoDay = (value: string | Date): string => (value instanceof Date ? value.toISOString().slice(0, 10) : value);

export function eventCursor(event: Event): string {
  return EVENT_CURSOR.encode([isoDay(event.spanStart), event.sortOrder]);
}

export function decodeEventCursor(cursor: string): EventPosition {
  const [spanStart, sortOrder] = EVENT_CURSOR.decode(cursor, "after");
  return { spanStart, sortOrder };
}
