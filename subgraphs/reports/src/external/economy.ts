import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Report } from "../report/report.entity";

/** An economy (country or aggregate), owned by the indicators subgraph: key only. */
@ObjectType("Economy")
@Directive('@key(fields: "code")')
export class EconomyRef {
  @Field(() => ID)
  code: string;
}

export const economyRef = (code: string): EconomyRef => Object.assign(new EconomyRef(), { code });

@Resolver(() => EconomyRef)
export class EconomyReportsResolver {
  @FieldResolver(() => [Report], {
    nullable: true,
    description: "The WSIS+20 reports about this economy (e.g. its national review), in catalogue order",
  })
  reports(@Root() economy: EconomyRef, @Ctx() ctx: Context): Promise<Report[]> {
    return ctx.loaders.reportsByEconomy.load(economy.code);
  }
}
