import { AuditLogReader, type RequestContext } from "@wsis/shared";
import type { DataSource } from "typeorm";
import type { Loaders } from "./loaders";
import { UngisQueries } from "./ungis/ungis.queries";

/** The subgraph's services: stateless (they hold the data source), made once per server. No writes so far. */
export function createServices(ds: DataSource) {
  return {
    /** Set-based reads: the UNGIS roles of a year. */
    ungisQueries: new UngisQueries(ds),
    auditLog: new AuditLogReader(ds),
  };
}

export type Services = ReturnType<typeof createServices>;

/** What every resolver of this subgraph receives. */
export type Context = RequestContext<Loaders, Services>;
