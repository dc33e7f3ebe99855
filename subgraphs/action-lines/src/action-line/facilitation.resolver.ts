import { Source } from "@wsis/shared";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Agency } from "../agency/agency.entity";
import type { Context } from "../context";
import { ActionLine } from "./action-line.entity";
import { Facilitation } from "./facilitation.entity";

@Resolver(() => Facilitation)
export class FacilitationResolver {
  @FieldResolver(() => ActionLine, { nullable: true })
  actionLine(@Root() f: Facilitation, @Ctx() ctx: Context): Promise<ActionLine | null> {
    return ctx.loaders.actionLineByCode.load(f.actionLineCode);
  }

  @FieldResolver(() => Agency, { nullable: true })
  agency(@Root() f: Facilitation, @Ctx() ctx: Context): Promise<Agency | null> {
    return ctx.loaders.agencyById.load(f.agencyId);
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Root() f: Facilitation, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(f.sourceId);
  }
}
