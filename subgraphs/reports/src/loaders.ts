import { AuditLogReader, sourceByIdLoader, type RequestContext } from "@wsis/shared";
import type { DataSource } from "typeorm";
import { reportLoaders } from "./report/report.loaders";
import { ReportService } from "./report/report.service";
import { seriesLoaders } from "./series/report-series.loaders";
import { templateLoaders } from "./template/report-template.loaders";

/**
 * Fresh loaders for one request: nothing is cached across requests. The request scope also carries the report service
 * bound to this server's data source (the shared context has no other per-request slot; resolvers get every dependency
 * from the context, never from a module-level singleton).
 */
export function createLoaders(ds: DataSource) {
  return {
    sourceById: sourceByIdLoader(ds),
    ...reportLoaders(ds),
    ...seriesLoaders(ds),
    ...templateLoaders(ds),
    reportService: new ReportService(ds),
    auditLog: new AuditLogReader(ds),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = RequestContext<Loaders>;
