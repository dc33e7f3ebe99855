import { loadPresent, Source } from "@wsis/shared";
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { Agency } from "../agency/agency.entity";
import type { Context } from "../context";
import { UngisRole } from "./ungis-role.entity";
import { ungisYear } from "./ungis.args";
import { UngisRoleKind } from "./ungis.enums";
import { Ungis } from "./ungis.type";

const distinct = (ids: string[]) => [...new Set(ids)];

/** The chair's role of the year: when the sources name more than one (a handover during the year), the last to begin. */
function chairRole(roles: readonly UngisRole[]): UngisRole | null {
  const chairs = roles.filter((r) => r.role === UngisRoleKind.CHAIR);
  return chairs.reduce<UngisRole | null>((last, r) => (last === null || r.fromYear >= last.fromYear ? r : last), null);
}

@Resolver(() => Ungis)
export class UngisResolver {
  @Query(() => Ungis, {
    description:
      "UNGIS in a year (the current year when left out): chair, vice-chairs and members as sourced records name them. " +
      "A role known only from a starting year counts for that year only; years without records give empty lists",
  })
  async ungis(
    @Arg("year", () => Int, { nullable: true }) year: number | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Ungis> {
    const y = ungisYear(year);
    return Object.assign(new Ungis(), { year: y, roles: await ctx.services.ungisQueries.rolesInYear(y) });
  }

  @FieldResolver(() => Agency, {
    nullable: true,
    description:
      "The chair (when the sources name more than one for the year — a handover during it — the one that took over last); null when none is sourced",
  })
  chair(@Root() ungis: Ungis, @Ctx() ctx: Context): Promise<Agency | null> {
    const role = chairRole(ungis.roles);
    return role ? ctx.loaders.agencyById.load(role.agencyId) : Promise.resolve(null);
  }

  @FieldResolver(() => [Agency], { description: "The vice-chairs the sources name for the year" })
  viceChairs(@Root() ungis: Ungis, @Ctx() ctx: Context): Promise<Agency[]> {
    const ids = distinct(ungis.roles.filter((r) => r.role === UngisRoleKind.VICE_CHAIR).map((r) => r.agencyId));
    return loadPresent(ctx.loaders.agencyById, ids.sort());
  }

  @FieldResolver(() => [Agency], {
    description: "Every agency with a role in the year (chairs and vice-chairs included), by id; not a complete list",
  })
  members(@Root() ungis: Ungis, @Ctx() ctx: Context): Promise<Agency[]> {
    return loadPresent(ctx.loaders.agencyById, distinct(ungis.roles.map((r) => r.agencyId)).sort());
  }

  @FieldResolver(() => Source, {
    nullable: true,
    description: "Where the chair of the year is named; null when no chair is sourced",
  })
  source(@Root() ungis: Ungis, @Ctx() ctx: Context): Promise<Source | null> {
    const role = chairRole(ungis.roles);
    return role ? ctx.loaders.sourceById.load(role.sourceId) : Promise.resolve(null);
  }
}

@Resolver(() => UngisRole)
export class UngisRoleResolver {
  @FieldResolver(() => Agency, { nullable: true })
  agency(@Root() role: UngisRole, @Ctx() ctx: Context): Promise<Agency | null> {
    return ctx.loaders.agencyById.load(role.agencyId);
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Root() role: UngisRole, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(role.sourceId);
  }
}

@Resolver(() => Agency)
export class AgencyUngisResolver {
  @FieldResolver(() => [UngisRole], {
    description: "The agency's parts in UNGIS over the years, each with its source and verification flag",
  })
  ungisRoles(@Root() agency: Agency, @Ctx() ctx: Context): Promise<UngisRole[]> {
    return ctx.loaders.ungisRolesByAgency.load(agency.id);
  }
}
