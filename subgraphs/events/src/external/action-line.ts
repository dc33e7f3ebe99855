import { loadPresent } from "@wsis/shared";
import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from "type-graphql";
import { byChronology } from "../event/chronology";
import { Event } from "../event/event.entity";
import type { Context } from "../context";

/** A WSIS action line, owned by the action-lines subgraph: key only, plus the fields this subgraph adds. */
@ObjectType("ActionLine")
@Directive('@key(fields: "code")')
export class ActionLineRef {
  @Field(() => ID)
  code: string;
}

export const actionLineRef = (code: string): ActionLineRef => Object.assign(new ActionLineRef(), { code });

@Resolver(() => ActionLineRef)
export class ActionLineEventsResolver {
  @FieldResolver(() => [Event], {
    nullable: true,
    description: "The roadmap events that cover this action line, in date order",
  })
  async events(@Root() line: ActionLineRef, @Ctx() ctx: Context): Promise<Event[]> {
    const links = await ctx.loaders.actionLinksByActionLine.load(line.code);
    const events = await loadPresent(
      ctx.loaders.eventById,
      links.map((l) => l.eventId),
    );
    return events.sort(byChronology);
  }
}
