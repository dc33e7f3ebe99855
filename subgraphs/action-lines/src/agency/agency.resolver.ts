import { loadPresent, Source } from "@wsis/shared";
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { ActionLine } from "../action-line/action-line.entity";
import { Facilitation } from "../action-line/facilitation.entity";
import { checkCode } from "../known/codes";
import type { Context } from "../context";
import { Agency } from "./agency.entity";

@Resolver(() => Agency)
export class AgencyResolver {
  @Query(() => [Agency], { nullable: true, description: "Every agency the hub knows, by id" })
  agencies(@Ctx() ctx: Context): Promise<Agency[]> {
    return ctx.loaders.agencyList();
  }

  @Query(() => Agency, {
    nullable: true,
    description: 'One agency by id, e.g. "ITU" (any case: "itu" is "ITU"); null when unknown',
  })
  agency(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Agency | null> {
    return ctx.loaders.agencyByIdIgnoringCase.load(checkCode("agency", id, "id").toLowerCase());
  }

  @FieldResolver(() => [Facilitation], {
    description: "The action lines this agency is named facilitator of, with the verification flag",
  })
  facilitations(@Root() agency: Agency, @Ctx() ctx: Context): Promise<Facilitation[]> {
    return ctx.loaders.facilitationsByAgency.load(agency.id);
  }

  @FieldResolver(() => [ActionLine], { description: "The action lines this agency is named facilitator of" })
  async actionLines(@Root() agency: Agency, @Ctx() ctx: Context): Promise<ActionLine[]> {
    const facilitations = await ctx.loaders.facilitationsByAgency.load(agency.id);
    const lines = await loadPresent(
      ctx.loaders.actionLineByCode,
      facilitations.map((f) => f.actionLineCode),
    );
    return lines.sort((a, b) => a.sortOrder - b.sortOrder);
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Root() agency: Agency, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(agency.sourceId);
  }
}
