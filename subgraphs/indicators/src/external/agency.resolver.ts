import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Indicator } from "../indicator/indicator.entity";
import type { Context } from "../context";
import { AgencyRef } from "./agency";

@Resolver(() => AgencyRef)
export class AgencyRefResolver {
  @FieldResolver(() => [Indicator], { nullable: true, description: "The ICT indicators this agency is custodian of" })
  custodianOf(@Root() agency: AgencyRef, @Ctx() ctx: Context): Promise<Indicator[]> {
    return ctx.loaders.indicatorsByCustodian.load(agency.id);
  }
}
