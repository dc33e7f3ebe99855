import { PartialDate, Source, storedPartialDate } from "@wsis/shared";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { ReportDecision } from "./report-decision.entity";
import { ReportDocument } from "./report-document.entity";
import { Report } from "./report.entity";

/** A report's published documents, its decisions and the record of its status (for documents published outside the hub). */
@Resolver(() => Report)
export class ReportOutcomeResolver {
  @FieldResolver(() => [ReportDocument], {
    description: "The report's published documents, with links (empty until it is published)",
  })
  documents(@Root() report: Report, @Ctx() ctx: Context): Promise<ReportDocument[]> {
    return ctx.loaders.documentsByReport.load(report.id);
  }

  @FieldResolver(() => [ReportDecision], {
    description: "For an outcome document: its decisions that concern the hub's users, each with its source",
  })
  decisions(@Root() report: Report, @Ctx() ctx: Context): Promise<ReportDecision[]> {
    return ctx.loaders.decisionsByReport.load(report.id);
  }

  @FieldResolver(() => Source, {
    nullable: true,
    description:
      "The public record of the report's status, where the hub took it from one (a document published outside the hub); null otherwise",
  })
  statusSource(@Root() report: Report, @Ctx() ctx: Context): Promise<Source | null> {
    return report.statusSourceId === null ? Promise.resolve(null) : ctx.loaders.sourceById.load(report.statusSourceId);
  }
}

@Resolver(() => ReportDocument)
export class ReportDocumentResolver {
  @FieldResolver(() => PartialDate, {
    nullable: true,
    description: "When it was published, as precise as its source; null when not known",
  })
  publishedAt(@Root() document: ReportDocument): PartialDate | null {
    return storedPartialDate(document.publishedDate);
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Root() document: ReportDocument, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(document.sourceId);
  }
}

@Resolver(() => ReportDecision)
export class ReportDecisionResolver {
  @FieldResolver(() => Source, { nullable: true })
  source(@Root() decision: ReportDecision, @Ctx() ctx: Context): Promise<Source | null> {
    return ctx.loaders.sourceById.load(decision.sourceId);
  }
}
