import { Field, ID, InputType, Int } from "type-graphql";
import { EventFormat, EventKind, EventOrganiserRole } from "./event.enums";

@InputType({ description: "An agency that organises, co-organises or chairs the event" })
export class EventOrganiserInput {
  @Field(() => ID, { description: 'A known agency id, e.g. "ITU"' })
  agency: string;

  @Field(() => EventOrganiserRole, { defaultValue: EventOrganiserRole.ORGANISER })
  role: EventOrganiserRole;
}

const DATE = 'ISO 8601 only as precise as known: "2026-07-06" (day), "2026-07" (month) or "2026" (year)';

@InputType({ description: "A new event. Dates only as precise as known; codes must be known to the hub." })
export class CreateEventInput {
  @Field(() => ID, { description: 'The new event\'s id: a slug such as "wsis-forum-2026" (lower case, digits, hyphens)' })
  id: string;

  @Field({ description: "Name of the event (1 to 300 characters)" })
  title: string;

  @Field(() => EventKind)
  kind: EventKind;

  @Field({ description: `Start, ${DATE}` })
  start: string;

  @Field(() => String, { nullable: true, description: `End, ${DATE}; omit when the event lies within its start` })
  end?: string | null;

  @Field(() => Int, { nullable: true, description: "The timeline year it is listed under (default: the year of its start)" })
  timelineYear?: number | null;

  @Field(() => String, { nullable: true, description: "Where it takes place (at most 300 characters)" })
  location?: string | null;

  @Field(() => EventFormat, { nullable: true })
  format?: EventFormat | null;

  @Field(() => String, { nullable: true, description: 'The host country, ISO 3166 alpha-3, e.g. "CHE"' })
  hostEconomy?: string | null;

  @Field(() => ID, { nullable: true, description: "The id of the event it is held as part of" })
  partOf?: string | null;

  @Field(() => String, { nullable: true, description: "Caveats (at most 2000 characters)" })
  note?: string | null;

  @Field(() => [EventOrganiserInput], {
    nullable: true,
    description: "Who organises it (default: the caller's agency as ORGANISER); must include the caller's agency",
  })
  organisers?: EventOrganiserInput[] | null;

  @Field(() => [String], { nullable: true, description: 'Action-line codes it covers, e.g. ["C5", "C7.e-health"]' })
  actionLines?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Roadmap track ids it belongs to, e.g. ["wsis-forum"]' })
  tracks?: string[] | null;
}

@InputType({
  description:
    "Changes to an event: a field left out stays as it is; null clears a field that may be empty; a list given replaces the whole list",
})
export class UpdateEventInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => EventKind, { nullable: true })
  kind?: EventKind | null;

  @Field(() => String, { nullable: true, description: `Start, ${DATE}` })
  start?: string | null;

  @Field(() => String, { nullable: true, description: `End, ${DATE}; null: the event lies within its start` })
  end?: string | null;

  @Field(() => Int, { nullable: true })
  timelineYear?: number | null;

  @Field(() => String, { nullable: true })
  location?: string | null;

  @Field(() => EventFormat, { nullable: true })
  format?: EventFormat | null;

  @Field(() => String, { nullable: true, description: "ISO 3166 alpha-3" })
  hostEconomy?: string | null;

  @Field(() => ID, { nullable: true })
  partOf?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => [EventOrganiserInput], { nullable: true, description: "Replaces the organisers; must still include the caller's agency" })
  organisers?: EventOrganiserInput[] | null;

  @Field(() => [String], { nullable: true, description: "Replaces the action lines covered" })
  actionLines?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Replaces the roadmap tracks" })
  tracks?: string[] | null;
}
