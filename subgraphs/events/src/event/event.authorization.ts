import { ForbiddenError, isAdmin, requireScope, type Caller } from "@wsis/shared";
import { EventOrganiserRole } from "./event.enums";

/**
 * Who may change an event: the one rule of the events subgraph's writes, as pure functions (EventService calls them
 * with the caller's role read in the transaction, after the event row is locked; they throw FORBIDDEN to refuse, and
 * then nothing is written).
 *
 * Every write needs the scope events:write (admin implies it). Then, by the part the caller's agency plays in the event:
 *
 * | change                                            | ORGANISER | CO_ORGANISER | CHAIR | none | admin |
 * |---------------------------------------------------|-----------|--------------|-------|------|-------|
 * | NOTE: the note                                    | yes       | yes          | yes   | no   | yes   |
 * | DETAILS: title, kind, dates, place, parts, action lines, tracks | yes | yes   | no    | no   | yes   |
 * | ORGANISERS: replace the organiser list            | yes       | no           | no    | no   | yes   |
 * | CANCEL: cancel the event                          | yes       | no           | no    | no   | yes   |
 *
 * An agency creates events it organises: it must be listed as ORGANISER; an organiser that replaces the list must stay
 * in it as ORGANISER (it cannot hand its event over, nor demote itself); an admin may name any organisers.
 */
export enum EventChange {
  NOTE = "NOTE",
  DETAILS = "DETAILS",
  ORGANISERS = "ORGANISERS",
  CANCEL = "CANCEL",
}

export const EVENT_PERMISSIONS: Readonly<Record<EventOrganiserRole, ReadonlySet<EventChange>>> = {
  [EventOrganiserRole.ORGANISER]: new Set(Object.values(EventChange)),
  [EventOrganiserRole.CO_ORGANISER]: new Set([EventChange.NOTE, EventChange.DETAILS]),
  [EventOrganiserRole.CHAIR]: new Set([EventChange.NOTE]),
};

const ROLE_WORDS: Record<EventOrganiserRole, string> = {
  [EventOrganiserRole.ORGANISER]: "organises",
  [EventOrganiserRole.CO_ORGANISER]: "co-organises",
  [EventOrganiserRole.CHAIR]: "chairs",
};

const CHANGE_WORDS: Record<EventChange, string> = {
  [EventChange.NOTE]: "change its note",
  [EventChange.DETAILS]: "change its details",
  [EventChange.ORGANISERS]: "replace its organisers",
  [EventChange.CANCEL]: "cancel it",
};

/** The changes an update asks for: every field given (not left out). */
export function changesOfUpdate(fields: Readonly<Record<string, unknown>>): EventChange[] {
  const changes = new Set<EventChange>();
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    changes.add(
      field === "note" ? EventChange.NOTE : field === "organisers" ? EventChange.ORGANISERS : EventChange.DETAILS,
    );
  }
  return [...changes];
}

/**
 * Checks that `caller` may make `changes` to the event `eventId`, in which its agency plays `role` (null: none).
 * Returns the caller; UNAUTHENTICATED without one, FORBIDDEN without the scope or the right.
 */
export function authorizeEventChange(
  caller: Caller | null,
  eventId: string,
  role: EventOrganiserRole | null,
  changes: readonly EventChange[],
): Caller {
  const who = requireScope(caller, "events:write", "Changing an event");
  if (isAdmin(who)) return who;
  if (role === null) {
    throw new ForbiddenError(
      `${who.agency} does not organise, co-organise or chair the event "${eventId}": only its organisers may change it`,
    );
  }
  const refused = changes.filter((c) => !EVENT_PERMISSIONS[role].has(c));
  if (refused.length) {
    const allowed = [...EVENT_PERMISSIONS[role]].map((c) => CHANGE_WORDS[c]).join(" and ");
    throw new ForbiddenError(
      `${who.agency} ${ROLE_WORDS[role]} the event "${eventId}" and may only ${allowed}, not ${refused.map((c) => CHANGE_WORDS[c]).join(" or ")}; ` +
        "its organisers may",
    );
  }
  return who;
}

/**
 * Checks the organiser list of an event the caller creates, or replaces as its organiser: a non-admin agency must be in
 * it as ORGANISER.
 */
export function authorizeOrganisers(
  who: Caller,
  organisers: ReadonlyArray<{ agency: string; role: EventOrganiserRole }>,
  what: string,
): void {
  if (isAdmin(who)) return;
  if (!organisers.some((o) => o.agency === who.agency && o.role === EventOrganiserRole.ORGANISER)) {
    throw new ForbiddenError(
      `${who.agency} may only ${what} that it organises: include { agency: "${who.agency}", role: ORGANISER } in input.organisers`,
    );
  }
}
