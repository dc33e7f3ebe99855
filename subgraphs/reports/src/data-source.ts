import { AuditEntry, createSubgraphDatabase, Source, type DataSourceExtras, type SubgraphDatabase } from "@wsis/shared";
import { Initial1764400000000 } from "./migrations/1764400000000-Initial";
import { AuditLog1764500000000 } from "./migrations/1764500000000-AuditLog";
import { ReportWrites1764500000001 } from "./migrations/1764500000001-ReportWrites";
import { ReviewOutcome1765000000000 } from "./migrations/1765000000000-ReviewOutcome";
import { ReportActionLine } from "./report/report-action-line.entity";
import { ReportAgencyLink } from "./report/report-agency.entity";
import { ReportDecision } from "./report/report-decision.entity";
import { ReportDocument } from "./report/report-document.entity";
import { ReportEventLink } from "./report/report-event.entity";
import { ReportIndicator } from "./report/report-indicator.entity";
import { ReportStatusChange } from "./report/report-status-change.entity";
import { Report } from "./report/report.entity";
import { ReportSeries } from "./series/report-series.entity";
import { ReportTemplate } from "./template/report-template.entity";

/** The PostgreSQL schema this subgraph owns. */
export const SCHEMA = "reports";

export function createReportsDataSource(url: string, options: DataSourceExtras = {}): SubgraphDatabase {
  return createSubgraphDatabase({
    url,
    schema: SCHEMA,
    entities: [
      Source,
      ReportSeries,
      Report,
      ReportAgencyLink,
      ReportActionLine,
      ReportIndicator,
      ReportEventLink,
      ReportStatusChange,
      ReportTemplate,
      ReportDocument,
      ReportDecision,
      AuditEntry,
    ],
    migrations: [Initial1764400000000, AuditLog1764500000000, ReportWrites1764500000001, ReviewOutcome1765000000000],
    ...options,
  });
}
