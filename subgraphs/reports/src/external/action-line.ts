import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Report } from "../report/report.entity";

/** A WSIS action line, owned by the action-lines subgraph: key only. */
@ObjectType("ActionLine")
@Directive('@key(fields: "code")')
export class ActionLineRef {
  @Field(() => ID)
  code: string;
}

export const actionLineRef = (code: string): ActionLineRef => Object.assign(new ActionLineRef(), { code });

@Resolver(() => ActionLineRef)
export class ActionLineReportsResolver {
  @FieldResolver(() => [Report], {
    nullable: true,
    description:
      "The WSIS+20 reports that cover this action line (the C7 review also covers each C7 sub-line), in catalogue order",
  })
  async reports(@Root() line: ActionLineRef, @Ctx() ctx: Context): Promise<Report[]> {
    return (await ctx.loaders.reportsByActionLine.load(line.code)).map((l) => l.report);
  }
}
