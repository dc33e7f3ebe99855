import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Report } from "../report/report.entity";

/** An event, owned by the events subgraph: key only. */
@ObjectType("Event")
@Directive('@key(fields: "id")')
export class EventRef {
  @Field(() => ID)
  id: string;
}

export const eventRef = (id: string): EventRef => Object.assign(new EventRef(), { id });

@Resolver(() => EventRef)
export class EventReportsResolver {
  @FieldResolver(() => [Report], {
    nullable: true,
    description:
      "The WSIS+20 reports linked to this event in any role (see Report.events for the role), in catalogue order",
  })
  async reports(@Root() event: EventRef, @Ctx() ctx: Context): Promise<Report[]> {
    return (await ctx.loaders.reportsByEvent.load(event.id)).map((l) => l.report);
  }
}
