import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from "type-graphql";
import { Event } from "../event/event.entity";
import type { Context } from "../context";

/** An economy (ISO 3166 alpha-3 for countries), owned by the indicators subgraph: key only, plus the fields this subgraph adds. */
@ObjectType("Economy")
@Directive('@key(fields: "code")')
export class EconomyRef {
  @Field(() => ID)
  code: string;
}

export const economyRef = (code: string): EconomyRef => Object.assign(new EconomyRef(), { code });

@Resolver(() => EconomyRef)
export class EconomyEventsResolver {
  @FieldResolver(() => [Event], {
    nullable: true,
    description: "The roadmap events held in this economy, in date order",
  })
  events(@Root() economy: EconomyRef, @Ctx() ctx: Context): Promise<Event[]> {
    return ctx.loaders.eventsByHostEconomy.load(economy.code);
  }
}
