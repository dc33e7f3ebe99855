import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Report } from "../report/report.entity";

/** An agency, owned by the action-lines subgraph: key only. */
@ObjectType("Agency")
@Directive('@key(fields: "id")')
export class AgencyRef {
  @Field(() => ID)
  id: string;
}

export const agencyRef = (id: string): AgencyRef => Object.assign(new AgencyRef(), { id });

@Resolver(() => AgencyRef)
export class AgencyReportsResolver {
  @FieldResolver(() => [Report], {
    nullable: true,
    description: "The WSIS+20 reports this agency coordinates or authors, in catalogue order",
  })
  async reports(@Root() agency: AgencyRef, @Ctx() ctx: Context): Promise<Report[]> {
    return (await ctx.loaders.reportsByAgency.load(agency.id)).map((l) => l.report);
  }
}
