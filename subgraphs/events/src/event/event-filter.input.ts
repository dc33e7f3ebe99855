import { Field, InputType, Int } from "type-graphql";
import { EventKind } from "./event.enums";

@InputType({
  description:
    "Narrows a list of events; every given criterion must hold. Codes are case-insensitive; an unknown code is " +
    "BAD_USER_INPUT naming it and the argument, not an empty list.",
})
export class EventFilter {
  @Field(() => Int, { nullable: true, description: "Events taking place (at least partly) in this year" })
  year?: number | null;

  @Field(() => EventKind, { nullable: true })
  kind?: EventKind | null;

  @Field(() => String, { nullable: true, description: 'A roadmap track id, e.g. "wsis-forum" (see `roadmapTracks`)' })
  track?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'An agency id, e.g. "ITU": events it organises, co-organises or chairs',
  })
  organiser?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'An action-line code, e.g. "C5" or "C7.e-health": events that cover it',
  })
  actionLine?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Events ending on or after this date: "2024", "2024-05" or "2024-05-27" (a month or year means its first day)',
  })
  from?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Events starting on or before this date: "2025", "2025-07" or "2025-07-11" (a month or year means its last day)',
  })
  to?: string | null;
}
