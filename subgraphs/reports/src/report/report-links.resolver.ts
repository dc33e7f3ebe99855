import { Source } from "@wsis/shared";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { agencyRef, AgencyRef } from "../external/agency";
import { eventRef, EventRef } from "../external/event";
import type { Context } from "../context";
import { ReportAgencyLink } from "./report-agency.entity";
import { ReportEventLink } from "./report-event.entity";
import { ReportStatusChange } from "./report-status-change.entity";

@Resolver(() => ReportAgencyLink)
export class ReportAgencyLinkResolver {
  @FieldResolver(() => AgencyRef, { nullable: true })
  agency(@Root() link: ReportAgencyLink): AgencyRef {
    return agencyRef(link.agencyId);
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Root() link: ReportAgencyLink, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(link.sourceId);
  }
}

@Resolver(() => ReportEventLink)
export class ReportEventLinkResolver {
  @FieldResolver(() => EventRef, { nullable: true })
  event(@Root() link: ReportEventLink): EventRef {
    return eventRef(link.eventId);
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Root() link: ReportEventLink, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(link.sourceId);
  }
}

@Resolver(() => ReportStatusChange)
export class ReportStatusChangeResolver {
  @FieldResolver(() => AgencyRef, {
    nullable: true,
    description: "The agency the change was made for (the person is kept for the audit trail only)",
  })
  byAgency(@Root() change: ReportStatusChange): AgencyRef {
    return agencyRef(change.byAgencyId);
  }
}
