import {
  BadUserInputError,
  cursorCodec,
  ErrorCode,
  forbiddenControlCharacter,
  isAdmin,
  NotFoundError,
  Problems,
  PublicError,
  recordAudit,
  requireScope,
  textProblem,
  type Caller,
  type TextRule,
} from "@wsis/shared";
import type { DataSource, EntityManager } from "typeorm";
import { firstDayOf, lastDayOf, parsePartialDate, spanOf, type PartialDate } from "../dates";
import { checkCode, checkKnownCode, codeProblem, type CodeKind } from "../codes";
import type { KnownKind } from "../known/known-codes";
import type { Context } from "../loaders";
import { authorizeEventChange, authorizeOrganisers, changesOfUpdate, EventChange } from "./event.authorization";
import type { EventFilter } from "./event-filter.input";
import type { CreateEventInput, UpdateEventInput } from "./event-write.input";
import { Event } from "./event.entity";
import { EventOrganiserRole, EventStatus, type EventFormat, type EventKind } from "./event.enums";
import type { EventCriteria, EventPosition } from "./event.loaders";

export const MIN_YEAR = 1000;
export const MAX_YEAR = 9999;
export const MAX_PAGE_SIZE = 100;

function yearProblem(year: number, argumentName: string): string | null {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR
    ? null
    : `Argument "${argumentName}" has an invalid value ${year}; expected a year between ${MIN_YEAR} and ${MAX_YEAR}`;
}

const later = (a: string | undefined, b: string) => (a === undefined || b > a ? b : a);
const earlier = (a: string | undefined, b: string) => (a === undefined || b < a ? b : a);

/**
 * Checks a filter and turns it into criteria. Codes are case-insensitive ("unesco" is "UNESCO"). Malformed values (a
 * code of the wrong shape, an impossible date, a year out of range) and unknown codes (an agency, action line or track
 * the hub has no record of) are all reported, at once, as BAD_USER_INPUT naming each argument; so is `from` after `to`.
 * Agencies and action lines are checked against data/known-codes.json (no statement); a track costs one statement.
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

  const owned = [
    { field: "organiser", kind: "agency", value: filter.organiser, set: (v: string) => (criteria.agencyId = v) },
    { field: "actionLine", kind: "actionLine", value: filter.actionLine, set: (v: string) => (criteria.actionLineCode = v) },
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
      if (await ctx.loaders.trackById.load(id)) criteria.trackId = id;
      else problems.add(arg("track"), `Argument "${arg("track")}" names an unknown roadmap track id ${JSON.stringify(id)}`);
    }
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

/**
 * Opaque cursors: the position of an event in date order (its first day, its order), validated on the way in.
 * (Cursors of the earlier, untagged encoding are refused: page tokens are short-lived.)
 */
const EVENT_CURSOR = cursorCodec("events", [{ kind: "day" }, { kind: "int" }]);

export function encodeCursor(position: EventPosition): string {
  return EVENT_CURSOR.encode([position.spanStart, position.sortOrder]);
}

export function decodeCursor(cursor: string): EventPosition {
  const [spanStart, sortOrder] = EVENT_CURSOR.decode(cursor, "after");
  return { spanStart, sortOrder };
}

// ---------------------------------------------------------------------------------------------------------------------
// Writes: create, update, cancel. Each checks the caller (the scope events:write, then who may change what:
// event.authorization.ts), validates everything before writing (every problem at once, BAD_USER_INPUT naming each
// field), and writes the event, its links and an audit entry in one transaction.
// ---------------------------------------------------------------------------------------------------------------------

export const MAX_TITLE_LENGTH = 300;
export const MAX_LOCATION_LENGTH = 300;
export const MAX_NOTE_LENGTH = 2000;
export const MAX_REASON_LENGTH = 2000;
export const MAX_ORGANISERS = 20;
export const MAX_ACTION_LINES = 30;
export const MAX_TRACKS = 20;

/** Single-line texts refuse line breaks; notes and reasons may have several lines. No control character otherwise. */
const TITLE: TextRule = { max: MAX_TITLE_LENGTH };
const LOCATION: TextRule = { max: MAX_LOCATION_LENGTH };
const NOTE: TextRule = { max: MAX_NOTE_LENGTH, multiline: true };
export const REASON: TextRule = { max: MAX_REASON_LENGTH, multiline: true };

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

/** The codes of a write in their stored spelling (undefined: not given; null: cleared). */
interface Codes {
  organisers?: Array<{ agency: string; role: EventOrganiserRole }>;
  actionLines?: string[];
  tracks?: string[];
  hostEconomy?: string | null;
  partOf?: string | null;
}

const EMPTY_HINT = "leave it out, or pass null to clear it";

/**
 * The problem with an optional text field: null (clears it) and a field left out are fine; an empty or blank string
 * is refused rather than taken for null; so are control characters and an excess of length.
 */
function optionalTextProblem(value: string | null | undefined, field: string, rule: TextRule): string | null {
  if (value == null) return null;
  const problem = textProblem(value, field, rule);
  return problem && value.trim() === "" && !forbiddenControlCharacter(value, rule) ? `${problem}; ${EMPTY_HINT}` : problem;
}

/** Like optionalTextProblem for an optional code (of `kind`): empty is refused, otherwise its format is checked. */
function optionalCodeProblem(value: string | null | undefined, field: string, kind: CodeKind): string | null {
  if (value == null) return null;
  if (value.trim() === "") return `Argument "${field}" is empty; ${EMPTY_HINT}`;
  return codeProblem(kind, value, field);
}

/** A text as stored: trimmed; null stays null. */
const stored = (value: string | null | undefined): string | null => (value == null ? null : value.trim());

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(values.filter((v) => (seen.has(v.toLowerCase()) ? true : (seen.add(v.toLowerCase()), false))))];
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
    problems.add("input.id", codeProblem("event", input.id, "input.id"));
    const id = input.id.trim().toLowerCase();
    this.checkStatic(input, problems, id);
    problems.throwIfAny();
    const start = parsePartialDate(input.start.trim()) as PartialDate;
    const end = input.end == null ? null : (parsePartialDate(input.end.trim()) as PartialDate);
    const span = this.checkSpan(start, end, problems);
    const timelineYear = input.timelineYear ?? start.year;
    problems.throwIfAny();

    const codes = this.resolveCodes(
      { ...input, organisers: input.organisers ?? [{ agency: who.agency, role: EventOrganiserRole.ORGANISER }], actionLines: input.actionLines ?? [], tracks: input.tracks ?? [] },
      problems,
    );
    authorizeOrganisers(who, codes.organisers!, "create an event");
    return this.ds.transaction(async (m) => {
      await this.checkKnown(m, codes, id, problems);
      const source = await this.submissionSource(m, who.agency);
      const location = stored(input.location);
      const hostEconomy = codes.hostEconomy ?? null;
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
          span.firstDay, span.lastDay, location, input.format ?? null, hostEconomy, codes.partOf ?? null,
          stored(input.note), source, hasLocation ? source : null,
        ],
      );
      if (inserted.length === 0) {
        throw new PublicError(`An event with the id "${id}" exists already`, ErrorCode.CONFLICT, { argumentName: "input.id", id });
      }
      await this.replaceLinks(m, id, codes, source);
      const after = await this.snapshot(m, id);
      await recordAudit(m, { operation: "createEvent", entityType: "Event", entityId: id, before: null, after, caller: who });
      return m.getRepository(Event).findOneByOrFail({ id });
    });
  }

  /**
   * Changes an event, as far as the caller's part in it allows (event.authorization.ts); a change that changes nothing
   * writes nothing.
   */
  async update(caller: Caller | null, rawId: string, input: UpdateEventInput): Promise<Event> {
    // Before any statement: an anonymous caller, or one without the scope, learns nothing and costs nothing.
    requireScope(caller, "events:write", "Changing an event");
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
    // A list given as null is left as it is, like one left out.
    const fields = { ...input, organisers: input.organisers ?? undefined, actionLines: input.actionLines ?? undefined, tracks: input.tracks ?? undefined };
    const codes = this.resolveCodes(fields, problems);

    return this.ds.transaction(async (m) => {
      const { event, role } = await this.lockForChange(m, caller, id);
      const who = authorizeEventChange(caller, id, role, changesOfUpdate(fields));
      if (codes.organisers) authorizeOrganisers(who, codes.organisers, "change an event");
      this.refuseCancelled(event);
      await this.checkKnown(m, codes, id, problems);

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
        location: input.location === undefined ? event.location : stored(input.location),
        format: input.format === undefined ? event.format : input.format,
        hostEconomyCode: codes.hostEconomy === undefined ? event.hostEconomyCode : codes.hostEconomy,
        partOfId: codes.partOf === undefined ? event.partOfId : codes.partOf,
        note: input.note === undefined ? event.note : stored(input.note),
      };
      const datesChanged = next.startDate !== event.startDate || next.endDate !== event.endDate;
      const locationChanged =
        next.location !== event.location || next.format !== event.format || next.hostEconomyCode !== event.hostEconomyCode;
      const hasLocation = next.location !== null || next.format !== null || next.hostEconomyCode !== null;
      const proposed: EventSnapshot = {
        ...before,
        ...next,
        organisers: codes.organisers ?? before.organisers,
        actionLines: codes.actionLines ?? before.actionLines,
        tracks: codes.tracks ?? before.tracks,
      };
      delete (proposed as Partial<typeof next>).startPrecision;
      delete (proposed as Partial<typeof next>).endPrecision;
      const { datesSourceId: _d, locationSourceId: _l, sourceId: _s, ...comparableBefore } = before;
      const { datesSourceId: _pd, locationSourceId: _pl, sourceId: _ps, ...comparableProposed } = proposed;
      if (JSON.stringify(comparableBefore) === JSON.stringify(comparableProposed)) return event;

      if (datesChanged || locationChanged || codes.organisers || codes.actionLines || codes.tracks) await this.submissionSource(m, who.agency);
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
      await this.replaceLinks(m, id, codes, source);
      const after = await this.snapshot(m, id);
      await recordAudit(m, { operation: "updateEvent", entityType: "Event", entityId: id, before, after, caller: who });
      return m.getRepository(Event).findOneByOrFail({ id });
    });
  }

  /** Cancels an event the caller's agency organises, with the reason; a cancelled event cannot be changed again. */
  async cancel(caller: Caller | null, rawId: string, reason: string): Promise<Event> {
    requireScope(caller, "events:write", "Cancelling an event");
    const id = checkCode("event", rawId, "id");
    const problem = textProblem(reason, "reason", REASON);
    if (problem) throw new BadUserInputError(problem, "reason");
    return this.ds.transaction(async (m) => {
      const { event, role } = await this.lockForChange(m, caller, id);
      const who = authorizeEventChange(caller, id, role, [EventChange.CANCEL]);
      this.refuseCancelled(event);
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
   * Locks the event row (concurrent changes of one event run one after the other) and reads the part the caller's
   * agency plays in it (null: none; not read for an admin, who may change any event). NOT_FOUND for an unknown id.
   */
  private async lockForChange(m: EntityManager, caller: Caller | null, id: string): Promise<{ event: Event; role: EventOrganiserRole | null }> {
    const event = await m.getRepository(Event).findOne({ where: { id }, lock: { mode: "pessimistic_write" } });
    if (!event) throw new NotFoundError(`No event has the id "${id}"`, { id });
    if (!caller || isAdmin(caller)) return { event, role: null };
    const [row]: Array<{ role: EventOrganiserRole }> = await m.query(
      `SELECT role FROM event_organiser WHERE event_id = $1 AND agency_id = $2`,
      [id, caller.agency],
    );
    return { event, role: row?.role ?? null };
  }

  /** A cancelled event can no longer be changed (CONFLICT). */
  private refuseCancelled(event: Event): void {
    if (event.status === EventStatus.CANCELLED) {
      throw new PublicError(`The event "${event.id}" is cancelled and can no longer be changed`, ErrorCode.CONFLICT, { id: event.id });
    }
  }

  /** Checks that need no database: formats, texts, lengths, duplicates, list sizes. */
  private checkStatic(input: Fields, problems: Problems, id: string): void {
    if (input.title != null) problems.add("input.title", textProblem(input.title, "input.title", TITLE));
    for (const field of ["start", "end"] as const) {
      const value = input[field];
      if (value == null) continue;
      if (forbiddenControlCharacter(value) || !parsePartialDate(value.trim())) {
        problems.add(
          `input.${field}`,
          `Argument "input.${field}" has an invalid value ${JSON.stringify(value)}; expected a date yyyy, yyyy-mm or yyyy-mm-dd, e.g. "2026-07-06"`,
        );
      }
    }
    if (input.timelineYear != null) problems.add("input.timelineYear", yearProblem(input.timelineYear, "input.timelineYear"));
    problems.add("input.location", optionalTextProblem(input.location, "input.location", LOCATION));
    problems.add("input.note", optionalTextProblem(input.note, "input.note", NOTE));
    problems.add("input.hostEconomy", optionalCodeProblem(input.hostEconomy, "input.hostEconomy", "economy"));
    const partOfProblem = optionalCodeProblem(input.partOf, "input.partOf", "event");
    problems.add("input.partOf", partOfProblem);
    if (input.partOf != null && !partOfProblem && input.partOf.trim().toLowerCase() === id) {
      problems.add("input.partOf", `Argument "input.partOf" names the event itself`);
    }
    const lists = [
      { field: "organisers", values: input.organisers?.map((o) => o.agency), kind: "agency", max: MAX_ORGANISERS },
      { field: "actionLines", values: input.actionLines, kind: "actionLine", max: MAX_ACTION_LINES },
      { field: "tracks", values: input.tracks, kind: "track", max: MAX_TRACKS },
    ] as const;
    for (const list of lists) {
      if (!list.values) continue;
      const arg = `input.${list.field}`;
      if (list.values.length > list.max) problems.add(arg, `Argument "${arg}" has ${list.values.length} items; at most ${list.max} are allowed`);
      if (list.field === "organisers" && list.values.length === 0) problems.add(arg, `Argument "${arg}" is empty; an event has at least one organiser`);
      list.values.forEach((value, i) => problems.add(arg, codeProblem(list.kind, value, `${arg}[${i}]`)));
      const repeated = duplicates(list.values.map((v) => v.trim()));
      if (repeated.length) problems.add(arg, `Argument "${arg}" names ${repeated.map((v) => JSON.stringify(v)).join(", ")} more than once`);
    }
  }

  /**
   * The codes of a write (checked by checkStatic) in their stored spelling, without a statement: agencies, action lines
   * and economies as their owners spell them (data/known-codes.json), ids of events and tracks in lower case. Codes no
   * owner knows are recorded in `problems` (reported by checkKnown, with the unknown tracks and parent).
   */
  private resolveCodes(input: Fields, problems: Problems): Codes {
    const known = (kind: KnownKind, field: string, what: string, values: readonly string[]): string[] => {
      const unknown: string[] = [];
      const codes = values.map((value) => {
        const checked = checkKnownCode(kind, value, field);
        if (checked.code) return checked.code;
        unknown.push(value.trim());
        return value.trim();
      });
      if (unknown.length) problems.add(field, `Argument "${field}" names unknown ${what}s: ${unknown.map((v) => JSON.stringify(v)).join(", ")}`);
      return codes;
    };
    const codes: Codes = {};
    if (input.organisers) {
      const agencies = known("agency", "input.organisers", "agency id", input.organisers.map((o) => o.agency));
      codes.organisers = input.organisers.map((o, i) => ({ agency: agencies[i], role: o.role }));
    }
    if (input.actionLines) codes.actionLines = known("actionLine", "input.actionLines", "action-line code", input.actionLines);
    if (input.tracks) codes.tracks = input.tracks.map((t) => t.trim().toLowerCase());
    if (input.hostEconomy != null) {
      const checked = checkKnownCode("economy", input.hostEconomy, "input.hostEconomy");
      problems.add("input.hostEconomy", checked.problem);
      codes.hostEconomy = checked.code ?? input.hostEconomy.trim();
    } else if (input.hostEconomy === null) codes.hostEconomy = null;
    if (input.partOf !== undefined) codes.partOf = input.partOf === null ? null : input.partOf.trim().toLowerCase();
    return codes;
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

  /**
   * Known tracks and parent event (no cycle), with the codes resolveCodes found unknown: every unknown code at once
   * (BAD_USER_INPUT naming each field).
   */
  private async checkKnown(m: EntityManager, codes: Codes, id: string, problems: Problems): Promise<void> {
    if (codes.tracks?.length) {
      const rows: Array<{ id: string }> = await m.query(`SELECT id FROM roadmap_track WHERE id = ANY($1::text[])`, [codes.tracks]);
      const found = new Set(rows.map((r) => r.id));
      const missing = codes.tracks.filter((t) => !found.has(t));
      if (missing.length) {
        problems.add("input.tracks", `Argument "input.tracks" names unknown roadmap track ids: ${missing.map((v) => JSON.stringify(v)).join(", ")}`);
      }
    }
    const parent = codes.partOf;
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
  private async replaceLinks(m: EntityManager, id: string, links: Codes, source: string): Promise<void> {
    if (links.organisers) {
      const rows = links.organisers.map((o, i) => ({ key: o.agency, extra: o.role, position: i + 1 }));
      await this.replace(m, id, "event_organiser", "agency_id", "role", rows, source);
    }
    if (links.actionLines) {
      await this.replace(m, id, "event_action_line", "action_line_code", null, links.actionLines.map((c, i) => ({ key: c, extra: null, position: i + 1 })), source);
    }
    if (links.tracks) {
      await this.replace(m, id, "event_track", "track_id", null, links.tracks.map((t, i) => ({ key: t, extra: null, position: i + 1 })), source);
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
