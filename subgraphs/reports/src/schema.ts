import { buildFederatedSchema, createAuditLogResolvers, type FederatedSchema } from "@wsis/shared";
import { ActionLineReportsResolver } from "./external/action-line";
import { AgencyReportsResolver } from "./external/agency";
import { EconomyReportsResolver } from "./external/economy";
import { EventReportsResolver } from "./external/event";
import { IndicatorReportsResolver } from "./external/indicator";
import {
  ReportAgencyLinkResolver,
  ReportEventLinkResolver,
  ReportStatusChangeResolver,
} from "./report/report-links.resolver";
import {
  ReportDecisionResolver,
  ReportDocumentResolver,
  ReportOutcomeResolver,
} from "./report/report-outcome.resolver";
import { reportReference } from "./report/report.reference";
import { ReportResolver } from "./report/report.resolver";
import { ReportSeriesResolver } from "./series/report-series.resolver";
import { reportTemplateReference } from "./template/report-template.reference";
import { ReportTemplateResolver } from "./template/report-template.resolver";

/** The subgraph's name, as in the supergraph. */
export const SUBGRAPH_NAME = "reports";

const auditLogResolvers = createAuditLogResolvers("reports", "Every write to reports (createReport, transitionReport)");

let built: Promise<FederatedSchema> | undefined;

/** Builds the federated schema once per process (type-graphql metadata is global). */
export function buildReportsSchema(): Promise<FederatedSchema> {
  built ??= buildFederatedSchema(
    {
      resolvers: [
        ReportResolver,
        ReportOutcomeResolver,
        ReportDocumentResolver,
        ReportDecisionResolver,
        ReportAgencyLinkResolver,
        ReportEventLinkResolver,
        ReportStatusChangeResolver,
        ReportSeriesResolver,
        ReportTemplateResolver,
        AgencyReportsResolver,
        ActionLineReportsResolver,
        EventReportsResolver,
        EconomyReportsResolver,
        IndicatorReportsResolver,
        ...auditLogResolvers,
      ],
      validate: false,
    },
    { ...reportReference, ...reportTemplateReference },
  );
  return built;
}
