import { AuditLogReader, type RequestContext } from "@wsis/shared";
import type { DataSource } from "typeorm";
import { EventQueries } from "./event/event.queries";
import { EventService } from "./event/event.service";
import type { Loaders } from "./loaders";

/** The subgraph's services: stateless (they hold the data source), made once per server. */
export function createServices(ds: DataSource) {
  return {
    /** Set-based reads: lists, pages and counts of events. */
    eventQueries: new EventQueries(ds),
    /** The writes and their transactions. */
    eventService: new EventService(ds),
    auditLog: new AuditLogReader(ds),
  };
}

export type Services = ReturnType<typeof createServices>;

/** What every resolver of this subgraph receives. */
export type Context = RequestContext<Loaders, Services>;
