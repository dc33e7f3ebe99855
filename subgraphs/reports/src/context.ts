import { AuditLogReader, type RequestContext } from "@wsis/shared";
import type { DataSource } from "typeorm";
import { ReportQueries } from "./report/report.queries";
import { ReportService } from "./report/report.service";
import type { Loaders } from "./loaders";

/** The subgraph's services: stateless (they hold the data source), made once per server. */
export function createServices(ds: DataSource) {
  return {
    /** Set-based reads: pages and counts of reports. */
    reportQueries: new ReportQueries(ds),
    /** The writes and their transactions. */
    reportService: new ReportService(ds),
    auditLog: new AuditLogReader(ds),
  };
}

export type Services = ReturnType<typeof createServices>;

/** What every resolver of this subgraph receives. */
export type Context = RequestContext<Loaders, Services>;
