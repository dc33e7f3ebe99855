import {
  BadUserInputError,
  ErrorCode,
  ForbiddenError,
  isAdmin,
  NotFoundError,
  PublicError,
  recordAudit,
  requireScope,
  type Caller,
} from "@wsis/shared";
import type { DataSource, EntityManager } from "typeorm";
import { DatePrecision, firstDayOf, lastDayOf, parsePartialDate, spanOf, type PartialDate } from "../dates";
import { checkCode, codeProblem } from "../codes";
import type { Context } from "../loaders";
import type { EventFilter } from "./event-filter.input";
import type { CreateEventInput, EventOrganiserInput, UpdateEventInput } from "./event-write.input";
import { Event } from "./event.entity";
import { EventOrganiserRole, EventStatus, type EventFormat, type EventKind } from "./event.enums";
import type { EventCriteria, EventPosition } from "./event.loaders";

export const MIN_YEAR = 1000;
export const MAX_YEAR = 9999;
export const MAX_PAGE_SIZE = 100;

/** Collects every problem of a request's arguments, then reports them in one BAD_USER_INPUT error. */
class Problems {
  private readonly items: Array<{ argumentName: string; message: string }> = [];

  add(argumentName: string, message: string | null): void {
    if (message) this.items.push({ argumentName, message });
  }

  throwIfAny(): void {
    if (this.items.length === 0) return;
    throw new BadUserInputError(this.items.map((p) => p.message).join("; "), this.items[0].argumentName, {
      invalidArguments: this.items.map((p) => p.argumentName),
    });
  }
}

function yearProblem(year: number, argumentName: string): string | null {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR
    ? null
    : `Argument "${argumentName}" has an invalid value ${year}; expected a year between ${MIN_YEAR} and ${MAX_YEAR}`;
}

const later = (a: string | undefined, b: string) => (a === undefined || b > a ? b : a);
const earlier = (a: string | undefined, b: string) => (a === undefined || b < a ? b : a);

/**
 * Checks a filter and turns it into criteria. Malformed values (a code of the wrong shape, an impossible date, a year
 * out of range) and unknown codes (an agency, action line or track the hub has no record of) are all reported, at
 * once, as BAD_USER_INPUT naming each argument; so is `from` after `to`.
 */
export async function criteriaFromFilter(filter: EventFilter | null | undefined, ctx: Context, name = "filter"): Promise<EventCriteria> {
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
      problems.add(
        arg(field),
        `Argument "${arg(field)}" has an invalid value ${JSON.stringify(value)}; expected a date yyyy, yyyy-mm or yyyy-mm-dd, e.g. "2025-07-07"`,
      );
      continue;
    }
    dates[field] = field === "from" ? firstDayOf(parsed) : lastDayOf(parsed);
  }
  if (dates.from && dates.to && dates.from > dates.to) {
    problems.add(
      arg("from"),
      `Argument "${arg("from")}" (${filter.from}) is after "${arg("to")}" (${filter.to}); nothing can match`,
    );
  }
  if (dates.from) criteria.fromDay = later(criteria.fromDay, dates.from);
  if (dates.to) criteria.toDay = earlier(criteria.toDay, dates.to);

  const codes = [
    { field: "organiser", kind: "agency", value: filter.organiser, what: "agency id", set: (v: string) => (criteria.agencyId = v) },
    { field: "actionLine", kind: "actionLine", value: filter.actionLine, what: "action-line code", set: (v: string) => (criteria.actionLineCode = v) },
    { field: "track", kind: "track", value: filter.track, what: "roadmap track id", set: (v: string) => (criteria.trackId = v) },
  ] as const;
  const wellFormed = codes.filter((c) => {
    if (c.value === null || c.value === undefined) return false;
    const problem = codeProblem(c.kind, c.value, arg(c.field));
    problems.add(arg(c.field), problem);
    return !problem;
  });
  // Existence checks run together: one statement per kind of code at most, batched by the loaders.
  const known = await Promise.all(
    wellFormed.map(async (c) => {
      const value = (c.value as string).trim();
      const record =
        c.kind === "agency"
          ? await ctx.loaders.knownAgencyById.load(value)
          : c.kind === "actionLine"
            ? await ctx.loaders.knownActionLineByCode.load(value)
            : await ctx.loaders.trackById.load(value);
      return { c, value, known: record !== null };
    }),
  );
  for (const { c, value, known: isKnown } of known) {
    if (isKnown) c.set(value);
    else problems.add(arg(c.field), `Argument "${arg(c.field)}" names an unknown ${c.what} ${JSON.stringify(value)}`);
  }
  problems.throwIfAny();
  return criteria;
}

/** Checks the year range of `timeline`; defaults to the roadmap's years when open. */
export function timelineYears(fromYear: number | null | undefined, toYear: number | null | undefined): { from: number; to: number } {
  const problems = new Problems();
  const from = fromYear ?? MIN_YEAR;
  const to = toYear ?? MAX_YEAR;
  if (fromYear !== null && fromYear !== undefined) problems.add("fromYear", yearProblem(fromYear, "fromYear"));
  if (toYear !== null && toYear !== undefined) problems.add("toYear", yearProblem(toYear, "toYear"));
  if (from > to) problems.add("fromYear", `Argument "fromYear" (${from}) is after "toYear" (${to})`);
  problems.throwIfAny();
  return { from, to };
}

export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`Argument "first" has an invalid value ${first}; expected 1 to ${MAX_PAGE_SIZE}`, "first");
  }
  return first;
}

/** Opaque cursors: the position of an event in date order. */
export function encodeCursor(position: EventPosition): string {
  return Buffer.from(JSON.stringify([position.spanStart, position.sortOrder]), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): EventPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === "string" &&
      parsePartialDate(value[0])?.precision === DatePrecision.DAY &&
      Number.isInteger(value[1])
    ) {
      return { spanStart: value[0], sortOrder: value[1] as number };
    }
  } catch {
    // fall through
  }
  throw new BadUserInputError(`Argument "after" is not a cursor returned by this API`, "after");
}

// ---------------------------------------------------------------------------------------------------------------------
// Writes: create, update, cancel. Each checks the caller (scope events:write; an agency changes only the events it
// organises, co-organises or chairs; admin may change any), validates everything before writing (every problem at
// once, BAD_USER_INPUT naming each field), and writes the event, its links and an audit entry in one transaction.
// ---------------------------------------------------------------------------------------------------------------------

export const MAX_TITLE_LENGTH = 300;
export const MAX_LOCATION_LENGTH = 300;
export const MAX_NOTE_LENGTH = 2000;
export const MAX_REASON_LENGTH = 2000;
export const MAX_ORGANISERS = 20;
export const MAX_ACTION_LINES = 30;
export const MAX_TRACKS = 20;
const ECONOMY = /^[A-Z]{3}$/;

/** What an event's audit entries hold: the row as clients see it, with its links. */
export interface EventSnapshot {
  id: string;
  title: string;
  kind: EventKind;
  timelineYear: number;
  startDate: string;
  endDate: string | null;
  location: string | null;
  format: EventFormat | null;
  hostEconomyCode: string | null;
  partOfId: string | null;
  note: string | null;
  status: EventStatus;
  cancelledReason: string | null;
  datesSourceId: string;
  locationSourceId: string | null;
  sourceId: string;
  organisers: Array<{ agency: string; role: EventOrganiserRole }>;
  actionLines: string[];
  tracks: string[];
}

type Fields = CreateEventInput | UpdateEventInput;
type LinkChanges = { organisers?: EventOrganiserInput[]; actionLines?: string[]; tracks?: string[] };

function textProblem(value: string, field: string, max: number): string | null {
  const length = value.trim().length;
  if (length === 0) return `Argument "${field}" is empty`;
  if (length > max) return `Argument "${field}" has ${length} characters; at most ${max} are allowed`;
  return null;
}

/** Nullable text: undefined stays undefined, null and blank become null. */
function optionalText(value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(values.filter((v) => (seen.has(v) ? true : (seen.add(v), false))))];
}

/** The submission source of an agency: what an agency entered through the hub is attributed to it. */
export function submissionSourceId(agency: string): string {
  return `hub-submission-${agency.toLowerCase()}`;
}

export class EventService {
  constructor(private readonly ds: DataSource) {}

  /** Creates an event organised by the caller's agency (or by the agencies an admin names). */
  async create(caller: Caller | null, input: CreateEventInput): Promise<Event> {
    const who = requireScope(caller, "events:write", "Creating an event");
    const problems = new Problems();
    const id = input.id.trim();
    problems.add("input.id", codeProblem("event", id, "input.id"));
    this.checkStatic(input, problems, id);
    problems.throwIfAny();
    const start = parsePartialDate(input.start.trim()) as PartialDate;
    const end = input.end == null ? null : (parsePartialDate(input.end.trim()) as PartialDate);
    const span = this.checkSpan(start, end, problems);
    const timelineYear = input.timelineYear ?? start.year;
    problems.throwIfAny();

    const organisers = input.organisers ?? [{ agency: who.agency, role: EventOrganiserRole.ORGANISER }];
    this.authorizeOrganisers(who, organisers, "create an event");
    return this.ds.transaction(async (m) => {
      await this.checkKnown(m, { organisers, actionLines: input.actionLines ?? [], tracks: input.tracks ?? [] }, input.partOf ?? null, id);
      const source = await this.submissionSource(m, who.agency);
      const location = optionalText(input.location) ?? null;
      const hostEconomy = optionalText(input.hostEconomy) ?? null;
      const hasLocation = location !== null || input.format != null || hostEconomy !== null;
      const inserted: unknown[] = await m.query(
        `INSERT INTO event (id, sort_order, timeline_year, title, kind, roadmap_text, start_date, start_precision, end_date,
                            end_precision, span_start, span_end, location, format, host_economy_code, part_of_id, note,
                            dates_source_id, location_source_id, source_id, status, edited_at)
         VALUES ($1, nextval('event_created_sort_order_seq'), $2, $3, $4, NULL, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
                 $16, $17, $16, 'SCHEDULED', now())
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [
          id, timelineYear, input.title.trim(), input.kind, start.date, start.precision, end?.date ?? null, end?.precision ?? null,
          span.firstDay, span.lastDay, location, input.format ?? null, hostEconomy, optionalText(input.partOf) ?? null,
          optionalText(input.note) ?? null, source, hasLocation ? source : null,
        ],
      );
      if (inserted.length === 0) {
        throw new PublicError(`An event with the id "${id}" exists already`, ErrorCode.CONFLICT, { argumentName: "input.id", id });
      }
      await this.replaceLinks(m, id, { organisers, actionLines: input.actionLines ?? [], tracks: input.tracks ?? [] }, source);
      const after = await this.snapshot(m, id);
      await recordAudit(m, { operation: "createEvent", entityType: "Event", entityId: id, before: null, after, caller: who });
      return m.getRepository(Event).findOneByOrFail({ id });
    });
  }

  /** Changes an event the caller's agency organises; a change that changes nothing writes nothing. */
  async update(caller: Caller | null, rawId: string, input: UpdateEventInput): Promise<Event> {
    const who = requireScope(caller, "events:write", "Changing an event");
    const id = checkCode("event", rawId, "id");
    const given = Object.entries(input).filter(([, v]) => v !== undefined);
    if (given.length === 0) throw new BadUserInputError(`Argument "input" changes nothing: give at least one field`, "input");
    const problems = new Problems();
    for (const field of ["title", "kind", "start"] as const) {
      if (input[field] === null) problems.add(`input.${field}`, `Argument "input.${field}" cannot be null; leave it out to keep it`);
    }
    if (input.timelineYear === null) problems.add("input.timelineYear", `Argument "input.timelineYear" cannot be null; leave it out to keep it`);
    this.checkStatic(input, problems, id);
    problems.throwIfAny();

    return this.ds.transaction(async (m) => {
      const event = await this.lockForChange(m, who, id, "change");
      const links: LinkChanges = {
        organisers: input.organisers ?? undefined,
        actionLines: input.actionLines ?? undefined,
        tracks: input.tracks ?? undefined,
      };
      if (links.organisers) this.authorizeOrganisers(who, links.organisers, "change an event");
      await this.checkKnown(m, links, input.partOf === undefined ? null : input.partOf, id);

      const start = input.start ? (parsePartialDate(input.start.trim()) as PartialDate) : (parsePartialDate(event.startDate) as PartialDate);
      const endText = input.end === undefined ? event.endDate : input.end === null ? null : input.end.trim();
      const end = endText === null ? null : (parsePartialDate(endText) as PartialDate);
      const span = this.checkSpan(start, end, problems, input.start !== undefined && input.end === undefined ? "input.start" : "input.end");
      problems.throwIfAny();

      const before = await this.snapshot(m, id);
      const source = submissionSourceId(who.agency);
      const next = {
        title: input.title?.trim() ?? event.title,
        kind: input.kind ?? event.kind,
        timelineYear: input.timelineYear ?? event.timelineYear,
        startDate: start.date,
        startPrecision: start.precision,
        endDate: end?.date ?? null,
        endPrecision: end?.precision ?? null,
        location: input.location === undefined ? event.location : optionalText(input.location) ?? null,
        format: input.format === undefined ? event.format : input.format,
        hostEconomyCode: input.hostEconomy === undefined ? event.hostEconomyCode : optionalText(input.hostEconomy) ?? null,
        partOfId: input.partOf === undefined ? event.partOfId : optionalText(input.partOf) ?? null,
        note: input.note === undefined ? event.note : optionalText(input.note) ?? null,
      };
      const datesChanged = next.startDate !== event.startDate || next.endDate !== event.endDate;
      const locationChanged =
        next.location !== event.location || next.format !== event.format || next.hostEconomyCode !== event.hostEconomyCode;
      const hasLocation = next.location !== null || next.format !== null || next.hostEconomyCode !== null;
      const proposed: EventSnapshot = {
        ...before,
        ...next,
        organisers: links.organisers ? links.organisers.map((o) => ({ agency: o.agency.trim(), role: o.role })) : before.organisers,
        actionLines: links.actionLines ? links.actionLines.map((c) => c.trim()) : before.actionLines,
        tracks: links.tracks ? links.tracks.map((t) => t.trim()) : before.tracks,
      };
      delete (proposed as Partial<typeof next>).startPrecision;
      delete (proposed as Partial<typeof next>).endPrecision;
      const { datesSourceId: _d, locationSourceId: _l, sourceId: _s, ...comparableBefore } = before;
      const { datesSourceId: _pd, locationSourceId: _pl, sourceId: _ps, ...comparableProposed } = proposed;
      if (JSON.stringify(comparableBefore) === JSON.stringify(comparableProposed)) return event;

      if (datesChanged || locationChanged || links.organisers || links.actionLines || links.tracks) await this.submissionSource(m, who.agency);
      await m.query(
        `UPDATE event SET title = $2, kind = $3, timeline_year = $4, start_date = $5, start_precision = $6, end_date = $7,
                end_precision = $8, span_start = $9, span_end = $10, location = $11, format = $12, host_economy_code = $13,
                part_of_id = $14, note = $15, dates_source_id = $16, location_source_id = $17, edited_at = now()
          WHERE id = $1`,
        [
          id, next.title, next.kind, next.timelineYear, next.startDate, next.startPrecision, next.endDate, next.endPrecision,
          span.firstDay, span.lastDay, next.location, next.format, next.hostEconomyCode, next.partOfId, next.note,
          datesChanged ? source : event.datesSourceId,
          !hasLocation ? null : locationChanged ? source : event.locationSourceId,
        ],
      );
      await this.replaceLinks(m, id, links, source);
      const after = await this.snapshot(m, id);
      await recordAudit(m, { operation: "updateEvent", entityType: "Event", entityId: id, before, after, caller: who });
      return m.getRepository(Event).findOneByOrFail({ id });
    });
  }

  /** Cancels an event the caller's agency organises, with the reason; a cancelled event cannot be changed again. */
  async cancel(caller: Caller | null, rawId: string, reason: string): Promise<Event> {
    const who = requireScope(caller, "events:write", "Cancelling an event");
    const id = checkCode("event", rawId, "id");
    const problem = textProblem(reason, "reason", MAX_REASON_LENGTH);
    if (problem) throw new BadUserInputError(problem, "reason");
    return this.ds.transaction(async (m) => {
      await this.lockForChange(m, who, id, "cancel");
      const before = await this.snapshot(m, id);
      await m.query(
        `UPDATE event SET status = 'CANCELLED', cancelled_reason = $2, cancelled_at = now(), edited_at = now() WHERE id = $1`,
        [id, reason.trim()],
      );
      const after = await this.snapshot(m, id);
      await recordAudit(m, { operation: "cancelEvent", entityType: "Event", entityId: id, before, after, caller: who });
      return m.getRepository(Event).findOneByOrFail({ id });
    });
  }

  /**
   * Locks the event row (concurrent changes of one event run one after the other) and checks that the caller may
   * change it: NOT_FOUND for an unknown id; FORBIDDEN unless the caller's agency organises, co-organises or chairs
   * it (or the caller is admin); CONFLICT when it is cancelled.
   */
  private async lockForChange(m: EntityManager, who: Caller, id: string, what: string): Promise<Event> {
    const event = await m.getRepository(Event).findOne({ where: { id }, lock: { mode: "pessimistic_write" } });
    if (!event) throw new NotFoundError(`No event has the id "${id}"`, { id });
    if (!isAdmin(who)) {
      const organisers: Array<{ agency_id: string }> = await m.query(`SELECT agency_id FROM event_organiser WHERE event_id = $1`, [id]);
      if (!organisers.some((o) => o.agency_id === who.agency)) {
        throw new ForbiddenError(
          `${who.agency} does not organise, co-organise or chair the event "${id}": only its organisers may ${what} it`,
        );
      }
    }
    if (event.status === EventStatus.CANCELLED) {
      throw new PublicError(`The event "${id}" is cancelled and can no longer be changed`, ErrorCode.CONFLICT, { id });
    }
    return event;
  }

  /** A non-admin agency must remain among the organisers of what it writes (it cannot hand an event to others). */
  private authorizeOrganisers(who: Caller, organisers: readonly EventOrganiserInput[], what: string): void {
    if (isAdmin(who)) return;
    if (!organisers.some((o) => o.agency.trim() === who.agency)) {
      throw new ForbiddenError(`${who.agency} may only ${what} that it organises: include "${who.agency}" in input.organisers`);
    }
  }

  /** Checks that need no database: formats, lengths, duplicates, list sizes. */
  private checkStatic(input: Fields, problems: Problems, id: string): void {
    if (input.title != null) problems.add("input.title", textProblem(input.title, "input.title", MAX_TITLE_LENGTH));
    for (const field of ["start", "end"] as const) {
      const value = input[field];
      if (value == null) continue;
      if (!parsePartialDate(value.trim())) {
        problems.add(
          `input.${field}`,
          `Argument "input.${field}" has an invalid value ${JSON.stringify(value)}; expected a date yyyy, yyyy-mm or yyyy-mm-dd, e.g. "2026-07-06"`,
        );
      }
    }
    if (input.timelineYear != null) problems.add("input.timelineYear", yearProblem(input.timelineYear, "input.timelineYear"));
    if (input.location != null && input.location.trim() !== "") {
      problems.add("input.location", textProblem(input.location, "input.location", MAX_LOCATION_LENGTH));
    }
    if (input.note != null && input.note.trim() !== "") problems.add("input.note", textProblem(input.note, "input.note", MAX_NOTE_LENGTH));
    if (input.hostEconomy != null && input.hostEconomy.trim() !== "" && !ECONOMY.test(input.hostEconomy.trim())) {
      problems.add(
        "input.hostEconomy",
        `Argument "input.hostEconomy" has an invalid value ${JSON.stringify(input.hostEconomy)}; expected an ISO 3166 alpha-3 code such as "CHE"`,
      );
    }
    if (input.partOf != null && input.partOf.trim() !== "") {
      const problem = codeProblem("event", input.partOf, "input.partOf");
      problems.add("input.partOf", problem);
      if (!problem && input.partOf.trim() === id) problems.add("input.partOf", `Argument "input.partOf" names the event itself`);
    }
    const lists = [
      { field: "organisers", values: input.organisers?.map((o) => o.agency.trim()), kind: "agency", max: MAX_ORGANISERS },
      { field: "actionLines", values: input.actionLines?.map((c) => c.trim()), kind: "actionLine", max: MAX_ACTION_LINES },
      { field: "tracks", values: input.tracks?.map((t) => t.trim()), kind: "track", max: MAX_TRACKS },
    ] as const;
    for (const list of lists) {
      if (!list.values) continue;
      const arg = `input.${list.field}`;
      if (list.values.length > list.max) problems.add(arg, `Argument "${arg}" has ${list.values.length} items; at most ${list.max} are allowed`);
      if (list.field === "organisers" && list.values.length === 0) problems.add(arg, `Argument "${arg}" is empty; an event has at least one organiser`);
      list.values.forEach((value, i) => problems.add(arg, codeProblem(list.kind, value, `${arg}[${i}]`)));
      const repeated = duplicates(list.values);
      if (repeated.length) problems.add(arg, `Argument "${arg}" names ${repeated.map((v) => JSON.stringify(v)).join(", ")} more than once`);
    }
  }

  /** The days an event covers; its end must not come before its start. */
  private checkSpan(start: PartialDate, end: PartialDate | null, problems: Problems, field = "input.end"): { firstDay: string; lastDay: string } {
    const span = spanOf(start, end);
    if (end && firstDayOf(end) < firstDayOf(start)) {
      problems.add(field, `Argument "${field}": the end (${end.date}) comes before the start (${start.date})`);
    }
    if (end && end.date === start.date) problems.add("input.end", `Argument "input.end" equals the start; leave it out for an event within its start`);
    return span;
  }

  /** Known agencies, action lines, tracks and parent event (no cycle); every unknown code at once. */
  private async checkKnown(m: EntityManager, links: LinkChanges, partOf: string | null, id: string): Promise<void> {
    const problems = new Problems();
    const unknown = async (table: string, column: string, values: string[]): Promise<string[]> => {
      if (values.length === 0) return [];
      const rows: Array<{ v: string }> = await m.query(`SELECT ${column} AS v FROM ${table} WHERE ${column} = ANY($1::text[])`, [values]);
      const found = new Set(rows.map((r) => r.v));
      return values.filter((v) => !found.has(v));
    };
    const checks = [
      { field: "organisers", what: "agency id", table: "known_agency", column: "id", values: links.organisers?.map((o) => o.agency.trim()) },
      { field: "actionLines", what: "action-line code", table: "known_action_line", column: "code", values: links.actionLines?.map((c) => c.trim()) },
      { field: "tracks", what: "roadmap track id", table: "roadmap_track", column: "id", values: links.tracks?.map((t) => t.trim()) },
    ];
    for (const c of checks) {
      if (!c.values) continue;
      const missing = await unknown(c.table, c.column, c.values);
      if (missing.length) {
        problems.add(`input.${c.field}`, `Argument "input.${c.field}" names unknown ${c.what}s: ${missing.map((v) => JSON.stringify(v)).join(", ")}`);
      }
    }
    const parent = partOf?.trim();
    if (parent) {
      // The chain of parents of the parent, to refuse a cycle (an event cannot be part of one of its own parts).
      const chain: Array<{ id: string }> = await m.query(
        `WITH RECURSIVE up(id, part_of_id, depth) AS (
           SELECT id, part_of_id, 0 FROM event WHERE id = $1
           UNION ALL SELECT e.id, e.part_of_id, up.depth + 1 FROM event e JOIN up ON e.id = up.part_of_id WHERE up.depth < 50
         ) SELECT id FROM up`,
        [parent],
      );
      if (chain.length === 0) problems.add("input.partOf", `Argument "input.partOf" names an unknown event ${JSON.stringify(parent)}`);
      else if (chain.some((r) => r.id === id)) problems.add("input.partOf", `Argument "input.partOf": "${parent}" is part of "${id}" (a cycle)`);
    }
    problems.throwIfAny();
  }

  /** Replaces the lists given; rows that stay as they were keep their source, new ones are the agency's submission. */
  private async replaceLinks(m: EntityManager, id: string, links: LinkChanges, source: string): Promise<void> {
    if (links.organisers) {
      const rows = links.organisers.map((o, i) => ({ key: o.agency.trim(), extra: o.role, position: i + 1 }));
      await this.replace(m, id, "event_organiser", "agency_id", "role", rows, source);
    }
    if (links.actionLines) {
      await this.replace(m, id, "event_action_line", "action_line_code", null, links.actionLines.map((c, i) => ({ key: c.trim(), extra: null, position: i + 1 })), source);
    }
    if (links.tracks) {
      await this.replace(m, id, "event_track", "track_id", null, links.tracks.map((t, i) => ({ key: t.trim(), extra: null, position: i + 1 })), source);
    }
  }

  private async replace(
    m: EntityManager,
    id: string,
    table: string,
    keyColumn: string,
    extraColumn: string | null,
    rows: Array<{ key: string; extra: string | null; position: number }>,
    source: string,
  ): Promise<void> {
    const current: Array<{ key: string; extra: string | null; position: number; source_id: string }> = await m.query(
      `SELECT ${keyColumn} AS key, ${extraColumn ?? "NULL"} AS extra, position, source_id FROM ${table} WHERE event_id = $1`,
      [id],
    );
    const kept = new Map(current.map((r) => [`${r.key}\u0000${r.extra ?? ""}`, r.source_id]));
    await m.query(`DELETE FROM ${table} WHERE event_id = $1`, [id]);
    if (rows.length === 0) return;
    const params: unknown[] = [id];
    const tuples = rows.map((r) => {
      params.push(r.key, r.position, kept.get(`${r.key}\u0000${r.extra ?? ""}`) ?? source);
      if (extraColumn) params.push(r.extra);
      const n = params.length;
      return extraColumn ? `($1, $${n - 3}, $${n - 2}, $${n - 1}, $${n})` : `($1, $${n - 2}, $${n - 1}, $${n})`;
    });
    await m.query(
      `INSERT INTO ${table} (event_id, ${keyColumn}, position, source_id${extraColumn ? `, ${extraColumn}` : ""}) VALUES ${tuples.join(", ")}`,
      params,
    );
  }

  /** The source that what an agency enters is attributed to (made on first use, in the same transaction). */
  private async submissionSource(m: EntityManager, agency: string): Promise<string> {
    const id = submissionSourceId(agency);
    await m.query(
      `INSERT INTO source (id, title, publisher, url, licence, note)
       SELECT $1, 'Submitted to the WSIS Hub by ' || COALESCE(a.name || ' (' || a.id || ')', $2), COALESCE(a.name, $2), NULL,
              'none declared', 'Entered through the hub''s publishing API by an authenticated user of the agency; who and when are in the audit log (auditLog.events)'
         FROM (SELECT $2::text AS id) q LEFT JOIN known_agency a ON a.id = q.id
       ON CONFLICT (id) DO NOTHING`,
      [id, agency],
    );
    return id;
  }

  /** The event with its links, as the audit trail keeps it. */
  async snapshot(m: EntityManager, id: string): Promise<EventSnapshot> {
    const [row] = await m.query(
      `SELECT e.id, e.title, e.kind, e.timeline_year AS "timelineYear", e.start_date AS "startDate", e.end_date AS "endDate",
              e.location, e.format, e.host_economy_code AS "hostEconomyCode", e.part_of_id AS "partOfId", e.note, e.status,
              e.cancelled_reason AS "cancelledReason", e.dates_source_id AS "datesSourceId",
              e.location_source_id AS "locationSourceId", e.source_id AS "sourceId",
              COALESCE((SELECT json_agg(json_build_object('agency', o.agency_id, 'role', o.role) ORDER BY o.position, o.agency_id)
                          FROM event_organiser o WHERE o.event_id = e.id), '[]') AS organisers,
              COALESCE((SELECT json_agg(l.action_line_code ORDER BY l.position, l.action_line_code)
                          FROM event_action_line l WHERE l.event_id = e.id), '[]') AS "actionLines",
              COALESCE((SELECT json_agg(t.track_id ORDER BY t.position, t.track_id)
                          FROM event_track t WHERE t.event_id = e.id), '[]') AS tracks
         FROM event e WHERE e.id = $1`,
      [id],
    );
    return row as EventSnapshot;
  }
}
