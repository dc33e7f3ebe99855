import { loadPresent, Source } from "@wsis/shared";
import { Arg, Ctx, Field, FieldResolver, InputType, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Observation } from "../observation/observation.entity";
import { M49_IRI_DESCRIPTION, m49Iri } from "./economy-iri";
import { Economy, EconomyKind } from "./economy.entity";
import { findEconomy, resolveRegion } from "./economy.args";

@InputType({ description: "Which economies to list" })
export class EconomyFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Only the countries of this aggregate: name ("Africa") or M49 code ("002")',
  })
  region?: string | null;

  @Field(() => EconomyKind, { nullable: true })
  kind?: EconomyKind | null;
}

const byName = (a: Economy, b: Economy) => a.name.localeCompare(b.name, "en");

@Resolver(() => Economy)
export class EconomyResolver {
  @FieldResolver(() => String, { nullable: true, description: M49_IRI_DESCRIPTION })
  iri(@Root() economy: Economy): string | null {
    return m49Iri(economy.m49);
  }

  @Query(() => [Economy], {
    nullable: true,
    description: "Countries (by name), then aggregates (by name); filtered by region and kind",
  })
  async economies(
    @Arg("filter", () => EconomyFilter, { nullable: true }) filter: EconomyFilter | null,
    @Ctx() ctx: Context,
  ): Promise<Economy[]> {
    let economies: Economy[];
    if (filter?.region !== null && filter?.region !== undefined) {
      const region = await resolveRegion(ctx.loaders, filter.region);
      const members = await ctx.loaders.membersByAggregate.load(region.code);
      economies = (
        await loadPresent(
          ctx.loaders.economyByCode,
          members.map((m) => m.memberCode),
        )
      ).sort(byName);
    } else {
      economies = await ctx.loaders.economyList();
    }
    const kind = filter?.kind;
    return kind ? economies.filter((e) => e.kind === kind) : economies;
  }

  @Query(() => Economy, {
    nullable: true,
    description: 'One economy by ISO3 ("KEN") or M49 code ("404", "1" or "001"); null when unknown',
  })
  economy(@Arg("code") code: string, @Ctx() ctx: Context): Promise<Economy | null> {
    return findEconomy(ctx.loaders, code, "code");
  }

  @FieldResolver(() => [Economy], {
    description: "For an aggregate: the countries it contains (by name); empty for countries and where unknown",
  })
  async members(@Root() economy: Economy, @Ctx() ctx: Context): Promise<Economy[]> {
    const members = await ctx.loaders.membersByAggregate.load(economy.code);
    return (
      await loadPresent(
        ctx.loaders.economyByCode,
        members.map((m) => m.memberCode),
      )
    ).sort(byName);
  }

  @FieldResolver(() => [Economy], {
    description: "The aggregates that contain this country (regions, SDG regions, groups)",
  })
  async memberOf(@Root() economy: Economy, @Ctx() ctx: Context): Promise<Economy[]> {
    const memberships = await ctx.loaders.aggregatesByMember.load(economy.code);
    return (
      await loadPresent(
        ctx.loaders.economyByCode,
        memberships.map((m) => m.aggregateCode),
      )
    ).sort((a, b) => a.m49.localeCompare(b.m49));
  }

  @FieldResolver(() => [Observation], {
    description:
      "The economy profile: the latest total value of every indicator that has one for this economy, from each indicator's default dataset (for an aggregate, the indicator's best-ranked dataset that publishes aggregates); each value says its year and dataset",
  })
  latestValues(@Root() economy: Economy, @Ctx() ctx: Context): Promise<Observation[]> {
    return ctx.loaders.latestValuesByEconomy.load(economy.code);
  }

  @FieldResolver(() => Source, {
    nullable: true,
    description: "Where the membership list of this aggregate comes from",
  })
  membershipSource(@Root() economy: Economy, @Ctx() ctx: Context): Promise<Source | null> {
    return economy.membershipSourceId ? ctx.loaders.sourceById.load(economy.membershipSourceId) : Promise.resolve(null);
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Root() economy: Economy, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(economy.sourceId);
  }
}
