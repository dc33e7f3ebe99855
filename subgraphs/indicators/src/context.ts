import { AuditLogReader, type RequestContext } from "@wsis/shared";
import type { DataSource } from "typeorm";
import { ChangeQueries } from "./changes/changes.queries";
import type { Loaders } from "./loaders";
import { ObservationQueries } from "./observation/observation.queries";
import { auditTrail } from "./publishing/audit";
import { publishingCommands } from "./publishing/commands";

/** The subgraph's services: stateless (they hold the data source), made once per server. */
export function createServices(ds: DataSource) {
  return {
    /** Set-based reads of observations: pages, counts, the map and the chart views. */
    observationQueries: new ObservationQueries(ds),
    /** What changed since a moment: pages and counts. */
    changeQueries: new ChangeQueries(ds),
    /** The writes (publish, withdraw, import — at once or scheduled; cancelScheduledRelease), each in its own transaction. */
    publications: publishingCommands(ds, auditTrail),
    /** The audit trail (auditLog { indicators }), admin scope only. */
    auditLog: new AuditLogReader(ds),
  };
}

export type Services = ReturnType<typeof createServices>;

/** What every resolver of this subgraph receives. */
export type Context = RequestContext<Loaders, Services>;
