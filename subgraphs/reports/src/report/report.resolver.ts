import {
  checkPageSize,
  freshAfterWrite,
  pageOf,
  PartialDate,
  Source,
  storedPartialDate,
  type ConnectionArgs,
} from "@wsis/shared";
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { actionLineRef, ActionLineRef } from "../external/action-line";
import { agencyRef, AgencyRef } from "../external/agency";
import { economyRef, EconomyRef } from "../external/economy";
import { indicatorRef, IndicatorRef } from "../external/indicator";
import { checkCode } from "../known/codes";
import { ReportSeries } from "../series/report-series.entity";
import { ReportTemplate } from "../template/report-template.entity";
import { ReportAgencyLink } from "./report-agency.entity";
import { ReportPage, type ReportConnection } from "./report-connection.type";
import { ReportDate } from "./report-date";
import { ReportEventLink } from "./report-event.entity";
import { type ReportFilter } from "./report-filter.input";
import { ReportStatusChange } from "./report-status-change.entity";
import { CreateReportInput } from "./report-write.input";
import { criteriaFromFilter, decodeCursor, encodeCursor, REPORT_PAGE, ReportsArgs } from "./report.args";
import { ReportAgencyRole, ReportStatus } from "./report.enums";
import { Report } from "./report.entity";
import { allowedTransitions } from "./report.workflow";

const USE_PARTIAL_DATE = "PartialDate, the one date type of the hub (value precision year firstDay lastDay)";

@Resolver(() => Report)
export class ReportResolver {
  @Query(() => ReportPage.Connection, {
    nullable: true,
    description: `The WSIS+20 reports matching a filter, in catalogue order, a page at a time (first: at most ${REPORT_PAGE.max})`,
  })
  async reports(
    @Args(() => ReportsArgs) { filter, first, after }: ConnectionArgs<ReportFilter>,
    @Ctx() ctx: Context,
  ): Promise<ReportConnection> {
    const size = checkPageSize(first, REPORT_PAGE);
    const criteria = criteriaFromFilter(filter);
    const position = after ? decodeCursor(after, "after") : null;
    const rows = await ctx.services.reportQueries.page(criteria, position, size + 1);
    // A series is this subgraph's own: its existence is only worth a statement when nothing matched.
    if (rows.length === 0 && criteria.series) await ctx.services.reportQueries.requireSeries(criteria.series);
    return pageOf(ReportPage, rows, size, encodeCursor, () => ctx.services.reportQueries.count(criteria));
  }

  @Query(() => Report, {
    nullable: true,
    description: 'One report by id, e.g. "wsis20-progress-report" (any case); null when unknown',
  })
  report(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Report | null> {
    return ctx.loaders.reportById.load(checkCode("report", id, "id"));
  }

  @Mutation(() => Report, {
    description:
      "Moves a report through its workflow (see ReportStatus). Needs a bearer token (UNAUTHENTICATED) with the scope " +
      "reports:publish to publish, reports:write for any other step, held by an agency that coordinates the report, or " +
      "admin (FORBIDDEN otherwise); a transition the workflow does not allow is refused with INVALID_TRANSITION; an " +
      "unknown id is NOT_FOUND (a mutation on a record that does not exist, unlike a lookup, which gives null). A " +
      "refusal changes nothing. Each step is kept in the status history and the audit trail.",
  })
  @Authorized("reports:write", "reports:publish")
  async transitionReport(
    @Arg("note", () => String, {
      nullable: true,
      description:
        "Why (kept in the status history): 1 to 2000 characters, line breaks and tabs allowed; null or left out: none; an empty string is BAD_USER_INPUT",
    })
    note: string | null | undefined,
    @Arg("to", () => ReportStatus) to: ReportStatus,
    @Arg("id", () => ID) id: string,
    @Ctx() ctx: Context,
  ): Promise<Report> {
    return this.fresh(ctx, await ctx.services.reportService.transition(ctx.caller, id, to, note));
  }

  @Mutation(() => Report, {
    description:
      "Adds a report to the catalogue, PLANNED, coordinated by the caller's agency. Needs a bearer token with the scope " +
      "reports:write (UNAUTHENTICATED / FORBIDDEN); invalid input (a malformed or unknown code, an empty text, a control " +
      "character) is BAD_USER_INPUT naming every field at fault; an id in use is CONFLICT. A refusal writes nothing.",
  })
  @Authorized("reports:write")
  async createReport(
    @Arg("input", () => CreateReportInput) input: CreateReportInput,
    @Ctx() ctx: Context,
  ): Promise<Report> {
    return this.fresh(ctx, await ctx.services.reportService.create(ctx.caller, input));
  }

  /** The request's loaders must not answer the written report's fields from what they read before the write. */
  private fresh(ctx: Context, report: Report): Report {
    return freshAfterWrite(ctx.loaders, report, { loader: ctx.loaders.reportById, key: report.id });
  }

  @FieldResolver(() => ReportSeries, { description: "The catalogue line (series) the report belongs to" })
  async series(@Root() report: Report, @Ctx() ctx: Context): Promise<ReportSeries> {
    const series = await ctx.loaders.seriesById.load(report.seriesId);
    if (!series) throw new Error(`Report ${report.id}: series ${report.seriesId} is missing`);
    return series;
  }

  @FieldResolver(() => String, { description: "The roadmap's catalogue line this report comes from, verbatim" })
  async catalogueText(@Root() report: Report, @Ctx() ctx: Context): Promise<string> {
    return (await this.series(report, ctx)).catalogueText;
  }

  @FieldResolver(() => [AgencyRef], {
    nullable: true,
    description: "The agencies that coordinate the report (see `agencies` for the verification flag)",
  })
  async coordinators(@Root() report: Report, @Ctx() ctx: Context): Promise<AgencyRef[]> {
    const links = await ctx.loaders.agencyLinksByReport.load(report.id);
    return links.filter((l) => l.role === ReportAgencyRole.COORDINATOR).map((l) => agencyRef(l.agencyId));
  }

  @FieldResolver(() => [AgencyRef], { nullable: true, description: "The agencies that author the report" })
  async authors(@Root() report: Report, @Ctx() ctx: Context): Promise<AgencyRef[]> {
    const links = await ctx.loaders.agencyLinksByReport.load(report.id);
    return links.filter((l) => l.role === ReportAgencyRole.AUTHOR).map((l) => agencyRef(l.agencyId));
  }

  @FieldResolver(() => [ReportAgencyLink], {
    description: "Coordinating and authoring agencies, with role, verification flag and the source's words",
  })
  agencies(@Root() report: Report, @Ctx() ctx: Context): Promise<ReportAgencyLink[]> {
    return ctx.loaders.agencyLinksByReport.load(report.id);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      "True when every coordinator listing was checked against an authoritative source; false while any is unverified " +
      "(the action-line reviews take theirs from an unverified facilitator list); null when there are no coordinators",
  })
  async coordinatorsVerified(@Root() report: Report, @Ctx() ctx: Context): Promise<boolean | null> {
    const coordinators = (await ctx.loaders.agencyLinksByReport.load(report.id)).filter(
      (l) => l.role === ReportAgencyRole.COORDINATOR,
    );
    return coordinators.length === 0 ? null : coordinators.every((l) => l.verified);
  }

  @FieldResolver(() => [ActionLineRef], { nullable: true, description: "The action lines the report covers" })
  async actionLines(@Root() report: Report, @Ctx() ctx: Context): Promise<ActionLineRef[]> {
    return (await ctx.loaders.actionLineLinksByReport.load(report.id)).map((l) => actionLineRef(l.actionLineCode));
  }

  @FieldResolver(() => EconomyRef, {
    nullable: true,
    description: "The economy the report is about (a national review's country)",
  })
  economy(@Root() report: Report): EconomyRef | null {
    return report.economyCode ? economyRef(report.economyCode) : null;
  }

  @FieldResolver(() => [IndicatorRef], { nullable: true, description: "The ICT indicators the report cites" })
  async indicators(@Root() report: Report, @Ctx() ctx: Context): Promise<IndicatorRef[]> {
    return (await ctx.loaders.indicatorLinksByReport.load(report.id)).map((l) => indicatorRef(l.indicatorCode));
  }

  @FieldResolver(() => [ReportEventLink], {
    description: "The events the report is linked to, each with its role and the source's words",
  })
  events(@Root() report: Report, @Ctx() ctx: Context): Promise<ReportEventLink[]> {
    return ctx.loaders.eventLinksByReport.load(report.id);
  }

  @FieldResolver(() => PartialDate, {
    nullable: true,
    description: "When the report is due; null where no source gives it",
  })
  dueOn(@Root() report: Report): PartialDate | null {
    return storedPartialDate(report.dueDate);
  }

  @FieldResolver(() => PartialDate, {
    nullable: true,
    description: "When the report was (last) submitted; set by the workflow",
  })
  submittedOn(@Root() report: Report): PartialDate | null {
    return storedPartialDate(report.submittedDate);
  }

  @FieldResolver(() => PartialDate, {
    nullable: true,
    description: "When the report was published; set by the workflow",
  })
  publishedOn(@Root() report: Report): PartialDate | null {
    return storedPartialDate(report.publishedDate);
  }

  @FieldResolver(() => ReportDate, {
    nullable: true,
    description: "When the report is due; null where no source gives it",
    deprecationReason: `Use dueOn: ${USE_PARTIAL_DATE}`,
  })
  dueDate(@Root() report: Report): ReportDate | null {
    return ReportDate.parse(report.dueDate);
  }

  @FieldResolver(() => ReportDate, {
    nullable: true,
    description: "When the report was (last) submitted; set by the workflow",
    deprecationReason: `Use submittedOn: ${USE_PARTIAL_DATE}`,
  })
  submittedDate(@Root() report: Report): ReportDate | null {
    return ReportDate.parse(report.submittedDate);
  }

  @FieldResolver(() => ReportDate, {
    nullable: true,
    description: "When the report was published; set by the workflow",
    deprecationReason: `Use publishedOn: ${USE_PARTIAL_DATE}`,
  })
  publishedDate(@Root() report: Report): ReportDate | null {
    return ReportDate.parse(report.publishedDate);
  }

  @FieldResolver(() => [ReportStatus], {
    description: "The states the workflow allows this report to move to now (empty when final)",
  })
  allowedTransitions(@Root() report: Report): readonly ReportStatus[] {
    return allowedTransitions(report.status);
  }

  @FieldResolver(() => [ReportStatusChange], { description: "Every workflow step of the report, oldest first" })
  statusHistory(@Root() report: Report, @Ctx() ctx: Context): Promise<ReportStatusChange[]> {
    return ctx.loaders.statusHistoryByReport.load(report.id);
  }

  @FieldResolver(() => [ReportTemplate], { description: "The roadmap's templates for reports of this kind" })
  async templates(@Root() report: Report, @Ctx() ctx: Context): Promise<ReportTemplate[]> {
    return (await ctx.loaders.templateList()).filter((t) => t.reportKinds.includes(report.kind));
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Root() report: Report, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(report.sourceId);
  }
}
