import {
  BadUserInputError,
  ensureSubmissionSource,
  ErrorCode,
  isAdmin,
  jsonList,
  NotFoundError,
  Problems,
  PublicError,
  requireScope,
  storedPartialDate,
  submissionSourceId,
  textProblem,
  auditedRecord,
  type Caller,
} from "@wsis/shared";
import type { DataSource, EntityManager } from "typeorm";
import { checkCode, codeProblem } from "../known/codes";
import { knownCodes } from "../known/known-codes";
import { authorizeEventChange, authorizeOrganisers, changesOfUpdate, EventChange } from "./event.authorization";
import type { CreateEventInput, UpdateEventInput } from "./event-write.input";
import { checkEventFields, checkSpan, REASON, resolveEventCodes, stored, type EventCodes } from "./event-write.args";
import { Event } from "./event.entity";
import { EventOrganiserRole, EventStatus, type EventFormat, type EventKind } from "./event.enums";

/**
 * The writes of events: create, update, cancel. Each checks the caller (the scope events:write, then who may change
 * what: event.authorization.ts), validates everything before writing (every problem at once, BAD_USER_INPUT naming each
 * field: event-write.args.ts), and writes the event, its links and an audit entry in one transaction.
 */

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

/** The event with its links, as the audit trail keeps it. */
export const EVENT_AUDIT = auditedRecord<EventSnapshot>(
  "Event",
  `SELECT e.id, e.title, e.kind, e.timeline_year AS "timelineYear", e.start_date AS "startDate", e.end_date AS "endDate",
          e.location, e.format, e.host_economy_code AS "hostEconomyCode", e.part_of_id AS "partOfId", e.note, e.status,
          e.cancelled_reason AS "cancelledReason", e.dates_source_id AS "datesSourceId",
          e.location_source_id AS "locationSourceId", e.source_id AS "sourceId",
          ${jsonList("json_build_object('agency', o.agency_id, 'role', o.role)", "event_organiser o", "o.event_id = e.id", "o.position, o.agency_id")} AS organisers,
          ${jsonList("l.action_line_code", "event_action_line l", "l.event_id = e.id", "l.position, l.action_line_code")} AS "actionLines",
          ${jsonList("t.track_id", "event_track t", "t.event_id = e.id", "t.position, t.track_id")} AS tracks
     FROM event e WHERE e.id = $1`,
);

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
      await this.checkKnown(m, codes, id, problems);
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
      await this.replaceLinks(m, id, codes, source);
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
      await this.checkKnown(m, codes, id, problems);

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
      await this.replaceLinks(m, id, codes, source);
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

  /**
   * Known tracks and parent event (no cycle), with the codes resolveCodes found unknown: every unknown code at once
   * (BAD_USER_INPUT naming each field).
   */
  private async checkKnown(m: EntityManager, codes: EventCodes, id: string, problems: Problems): Promise<void> {
    if (codes.tracks?.length) {
      const rows: Array<{ id: string }> = await m.query(`SELECT id FROM roadmap_track WHERE id = ANY($1::text[])`, [
        codes.tracks,
      ]);
      const found = new Set(rows.map((r) => r.id));
      const missing = codes.tracks.filter((t) => !found.has(t));
      if (missing.length) {
        problems.add(
          "input.tracks",
          `Argument "input.tracks" names unknown roadmap track ids: ${missing.map((v) => JSON.stringify(v)).join(", ")}`,
        );
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
      if (chain.length === 0)
        problems.add("input.partOf", `Argument "input.partOf" names an unknown event ${JSON.stringify(parent)}`);
      else if (chain.some((r) => r.id === id))
        problems.add("input.partOf", `Argument "input.partOf": "${parent}" is part of "${id}" (a cycle)`);
    }
    problems.throwIfAny();
  }

  /** Replaces the lists given; rows that stay as they were keep their source, new ones are the agency's submission. */
  private async replaceLinks(m: EntityManager, id: string, links: EventCodes, source: string): Promise<void> {
    if (links.organisers) {
      const rows = links.organisers.map((o, i) => ({ key: o.agency, extra: o.role, position: i + 1 }));
      await this.replace(m, id, "event_organiser", "agency_id", "role", rows, source);
    }
    if (links.actionLines) {
      await this.replace(
        m,
        id,
        "event_action_line",
        "action_line_code",
        null,
        links.actionLines.map((c, i) => ({ key: c, extra: null, position: i + 1 })),
        source,
      );
    }
    if (links.tracks) {
      await this.replace(
        m,
        id,
        "event_track",
        "track_id",
        null,
        links.tracks.map((t, i) => ({ key: t, extra: null, position: i + 1 })),
        source,
      );
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
}
