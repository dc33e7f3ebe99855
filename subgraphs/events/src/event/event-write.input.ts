import { Field, ID, InputType, Int } from "type-graphql";
import { EventFormat, EventKind, EventOrganiserRole } from "./event.enums";

@InputType({ description: "An agency that organises, co-organises or chairs the event" })
export class EventOrganiserInput {
  @Field(() => ID, { description: 'A known agency id, e.g. "ITU" (any case: "itu" is stored as "ITU")' })
  agency: string;

  @Field(() => EventOrganiserRole, { defaultValue: EventOrganiserRole.ORGANISER })
  role: EventOrganiserRole;
}

const DATE = 'ISO 8601 only as precise as known: "2026-07-06" (day), "2026-07" (month) or "2026" (year)';

/** The rule of every optional field of the write inputs (events and reports alike). */
const OPTIONAL = "null clears it, an empty string is BAD_USER_INPUT";
const ONE_LINE = "one line: no line break or other control character";
const LINES = "line breaks and tabs allowed, no other control character";

@InputType({
  description:
    "A new event. Dates only as precise as known; codes must be known to the hub (an unknown code is BAD_USER_INPUT) " +
    "and are case-insensitive. An optional field may be left out or null; an empty string is BAD_USER_INPUT.",
})
export class CreateEventInput {
  @Field(() => ID, {
    description:
      'The new event\'s id: a slug such as "wsis-forum-2026" (letters, digits, hyphens; stored in lower case)',
  })
  id: string;

  @Field({ description: `Name of the event (1 to 300 characters; ${ONE_LINE})` })
  title: string;

  @Field(() => EventKind)
  kind: EventKind;

  @Field({ description: `Start, ${DATE}` })
  start: string;

  @Field(() => String, { nullable: true, description: `End, ${DATE}; omit when the event lies within its start` })
  end?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "The timeline year it is listed under (default: the year of its start)",
  })
  timelineYear?: number | null;

  @Field(() => String, { nullable: true, description: `Where it takes place (1 to 300 characters; ${ONE_LINE})` })
  location?: string | null;

  @Field(() => EventFormat, { nullable: true })
  format?: EventFormat | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The host country: a known economy, ISO 3166 alpha-3 such as "CHE" (or its M49 code, "756"; stored as "CHE")',
  })
  hostEconomy?: string | null;

  @Field(() => ID, { nullable: true, description: "The id of a known event it is held as part of" })
  partOf?: string | null;

  @Field(() => String, { nullable: true, description: `Caveats (1 to 2000 characters; ${LINES})` })
  note?: string | null;

  @Field(() => [EventOrganiserInput], {
    nullable: true,
    description:
      "Who organises it (default: the caller's agency as ORGANISER); must include the caller's agency as ORGANISER",
  })
  organisers?: EventOrganiserInput[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Known action-line codes it covers, e.g. ["C5", "C7.e-health"]',
  })
  actionLines?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Roadmap track ids it belongs to, e.g. ["wsis-forum"]' })
  tracks?: string[] | null;
}

@InputType({
  description:
    "Changes to an event: a field left out stays as it is; null clears an optional field (an empty string is " +
    "BAD_USER_INPUT); a list given replaces the whole list (null leaves it as it is). Which fields the caller may " +
    "change depends on its part in the event (see updateEvent): the note, its details, or its organisers.",
})
export class UpdateEventInput {
  @Field(() => String, {
    nullable: true,
    description: `Name of the event (1 to 300 characters; ${ONE_LINE}); cannot be null`,
  })
  title?: string | null;

  @Field(() => EventKind, { nullable: true })
  kind?: EventKind | null;

  @Field(() => String, { nullable: true, description: `Start, ${DATE}` })
  start?: string | null;

  @Field(() => String, { nullable: true, description: `End, ${DATE}; null: the event lies within its start` })
  end?: string | null;

  @Field(() => Int, { nullable: true })
  timelineYear?: number | null;

  @Field(() => String, {
    nullable: true,
    description: `Where it takes place (1 to 300 characters; ${ONE_LINE}); ${OPTIONAL}`,
  })
  location?: string | null;

  @Field(() => EventFormat, { nullable: true })
  format?: EventFormat | null;

  @Field(() => String, {
    nullable: true,
    description: `The host country, a known economy: ISO 3166 alpha-3 such as "CHE"; ${OPTIONAL}`,
  })
  hostEconomy?: string | null;

  @Field(() => ID, { nullable: true, description: `The id of a known event it is held as part of; ${OPTIONAL}` })
  partOf?: string | null;

  @Field(() => String, { nullable: true, description: `Caveats (1 to 2000 characters; ${LINES}); ${OPTIONAL}` })
  note?: string | null;

  @Field(() => [EventOrganiserInput], {
    nullable: true,
    description: "Replaces the organisers (organisers only); must still include the caller's agency as ORGANISER",
  })
  organisers?: EventOrganiserInput[] | null;

  @Field(() => [String], { nullable: true, description: "Replaces the action lines covered" })
  actionLines?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Replaces the roadmap tracks" })
  tracks?: string[] | null;
}
