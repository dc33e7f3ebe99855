import {
  BadUserInputError,
  ensureSubmissionSource,
  ErrorCode,
  isAdmin,
  NotFoundError,
  Problems,
  PublicError,
  requireScope,
  storedPartialDate,
  submissionSourceId,
  textProblem,
  type Caller,
} from "@wsis/shared";
import type { DataSource, EntityManager } from "typeorm";
import { checkCode, codeProblem } from "../known/codes";
import { knownCodes } from "../known/known-codes";
import { authorizeEventChange, authorizeOrganisers, changesOfUpdate, EventChange } from "./event.authorization";
import type { CreateEventInput, UpdateEventInput } from "./event-write.input";
import { checkEventFields, checkSpan, REASON, resolveEventCodes, stored } from "./event-write.args";
import { Event } from "./event.entity";
import { EVENT_AUDIT, type EventSnapshot } from "./event.audit";
import { EventOrganiserRole, EventStatus } from "./event.enums";
import { replaceEventLinks } from "./event-links.write";
import { checkKnownLinks } from "./event-write.known";

/**
 * The writes of events: create, update, cancel. Each checks the caller (the scope events:write, then who may change
 * what: event.authorization.ts), validates everything before writing (every problem at once, BAD_USER_INPUT naming each
 * field: event-write.args.ts), and writes the event, its links and an audit entry in one transaction.
 */

/** The source that what an agency enters is attributed to (made on first use, in the same transaction). */
function submissionSource(m: EntityManager, agency: string): Promise<string> {
  return ensureSubmissionSource(m, agency, { agencyName: knownCodes.name("agency", agency), auditField: "events" });
}

export class EventService {
  constructor(private readonly ds: DataSource) {}

  /** Creates an event organised by the caller's agency (or by the agencies an admin names). */
  async create(caller: Caller | null, input: CreateEventInput): Promise<Event> {
    const who = requireScope(caller, "events:write", "Creating an event");
    const problems = new Problems();
    problems.add("input.id", codeProblem("event", input.id, "input.id"));
    const id = input.id.trim().toLowerCase();
    checkEventFields(input, problems, id);
    problems.throwIfAny();
    const start = storedPartialDate(input.start.trim());
    const end = input.end == null ? null : storedPartialDate(input.end.trim());
    const span = checkSpan(start, end, problems);
    const timelineYear = input.timelineYear ?? start.year;
    problems.throwIfAny();

    const codes = resolveEventCodes(
      {
        ...input,
        organisers: input.organisers ?? [{ agency: who.agency, role: EventOrganiserRole.ORGANISER }],
        actionLines: input.actionLines ?? [],
        tracks: input.tracks ?? [],
      },
      problems,
    );
    authorizeOrganisers(who, codes.organisers!, "create an event");
    return this.ds.transaction(async (m) => {
      await checkKnownLinks(m, codes, id, problems);
      const source = await submissionSource(m, who.agency);
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
          id,
          timelineYear,
          input.title.trim(),
          input.kind,
          start.value,
          start.precision,
          end?.value ?? null,
          end?.precision ?? null,
          span.firstDay,
          span.lastDay,
          location,
          input.format ?? null,
          hostEconomy,
          codes.partOf ?? null,
          stored(input.note),
          source,
          hasLocation ? source : null,
        ],
      );
      if (inserted.length === 0) {
        throw new PublicError(`An event with the id "${id}" exists already`, ErrorCode.CONFLICT, {
          argumentName: "input.id",
          id,
        });
      }
      await replaceEventLinks(m, id, codes, source);
      await EVENT_AUDIT.recordChange(m, { operation: "createEvent", id, before: null, caller: who });
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
    if (given.length === 0)
      throw new BadUserInputError(`Argument "input" changes nothing: give at least one field`, "input");
    const problems = new Problems();
    for (const field of ["title", "kind", "start"] as const) {
      if (input[field] === null)
        problems.add(`input.${field}`, `Argument "input.${field}" cannot be null; leave it out to keep it`);
    }
    if (input.timelineYear === null)
      problems.add("input.timelineYear", `Argument "input.timelineYear" cannot be null; leave it out to keep it`);
    checkEventFields(input, problems, id);
    problems.throwIfAny();
    // A list given as null is left as it is, like one left out.
    const fields = {
      ...input,
      organisers: input.organisers ?? undefined,
      actionLines: input.actionLines ?? undefined,
      tracks: input.tracks ?? undefined,
    };
    const codes = resolveEventCodes(fields, problems);

    return this.ds.transaction(async (m) => {
      const { event, role } = await this.lockForChange(m, caller, id);
      const who = authorizeEventChange(caller, id, role, changesOfUpdate(fields));
      if (codes.organisers) authorizeOrganisers(who, codes.organisers, "change an event");
      this.refuseCancelled(event);
      await checkKnownLinks(m, codes, id, problems);

      const start = storedPartialDate(input.start ? input.start.trim() : event.startDate);
      const endText = input.end === undefined ? event.endDate : input.end === null ? null : input.end.trim();
      const end = storedPartialDate(endText);
      const span = checkSpan(
        start,
        end,
        problems,
        input.start !== undefined && input.end === undefined ? "input.start" : "input.end",
      );
      problems.throwIfAny();

      const before = await EVENT_AUDIT.snapshot(m, id);
      const source = submissionSourceId(who.agency);
      const next = {
        title: input.title?.trim() ?? event.title,
        kind: input.kind ?? event.kind,
        timelineYear: input.timelineYear ?? event.timelineYear,
        startDate: start.value,
        startPrecision: start.precision,
        endDate: end?.value ?? null,
        endPrecision: end?.precision ?? null,
        location: input.location === undefined ? event.location : stored(input.location),
        format: input.format === undefined ? event.format : input.format,
        hostEconomyCode: codes.hostEconomy === undefined ? event.hostEconomyCode : codes.hostEconomy,
        partOfId: codes.partOf === undefined ? event.partOfId : codes.partOf,
        note: input.note === undefined ? event.note : stored(input.note),
      };
      const datesChanged = next.startDate !== event.startDate || next.endDate !== event.endDate;
      const locationChanged =
        next.location !== event.location ||
        next.format !== event.format ||
        next.hostEconomyCode !== event.hostEconomyCode;
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

      if (datesChanged || locationChanged || codes.organisers || codes.actionLines || codes.tracks)
        await submissionSource(m, who.agency);
      await m.query(
        `UPDATE event SET title = $2, kind = $3, timeline_year = $4, start_date = $5, start_precision = $6, end_date = $7,
                end_precision = $8, span_start = $9, span_end = $10, location = $11, format = $12, host_economy_code = $13,
                part_of_id = $14, note = $15, dates_source_id = $16, location_source_id = $17, edited_at = now()
          WHERE id = $1`,
        [
          id,
          next.title,
          next.kind,
          next.timelineYear,
          next.startDate,
          next.startPrecision,
          next.endDate,
          next.endPrecision,
          span.firstDay,
          span.lastDay,
          next.location,
          next.format,
          next.hostEconomyCode,
          next.partOfId,
          next.note,
          datesChanged ? source : event.datesSourceId,
          !hasLocation ? null : locationChanged ? source : event.locationSourceId,
        ],
      );
      await replaceEventLinks(m, id, codes, source);
      await EVENT_AUDIT.recordChange(m, { operation: "updateEvent", id, before, caller: who });
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
      this.refuseHeld(event);
      const before = await EVENT_AUDIT.snapshot(m, id);
      await m.query(
        `UPDATE event SET status = 'CANCELLED', status_source_id = NULL, cancelled_reason = $2, cancelled_at = now(), edited_at = now() WHERE id = $1`,
        [id, reason.trim()],
      );
      await EVENT_AUDIT.recordChange(m, { operation: "cancelEvent", id, before, caller: who });
      return m.getRepository(Event).findOneByOrFail({ id });
    });
  }

  /**
   * Locks the event row (concurrent changes of one event run one after the other) and reads the part the caller's
   * agency plays in it (null: none; not read for an admin, who may change any event). NOT_FOUND for an unknown id.
   */
  private async lockForChange(
    m: EntityManager,
    caller: Caller | null,
    id: string,
  ): Promise<{ event: Event; role: EventOrganiserRole | null }> {
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
      throw new PublicError(`The event "${event.id}" is cancelled and can no longer be changed`, ErrorCode.CONFLICT, {
        id: event.id,
      });
    }
  }

  /** An event that took place cannot be cancelled (CONFLICT); its details may still be corrected. */
  private refuseHeld(event: Event): void {
    if (event.status === EventStatus.HELD) {
      throw new PublicError(`The event "${event.id}" took place (HELD) and cannot be cancelled`, ErrorCode.CONFLICT, {
        id: event.id,
      });
    }
  }
}
