import { AuditLogReader, type RequestContext } from "@wsis/shared";
import type { DataSource } from "typeorm";
import { EntryImportService } from "./entry/entry-import.service";
import { EntryQueries } from "./entry/entry.queries";
import { EntryService } from "./entry/entry.service";
import type { Loaders } from "./loaders";
import { PrizeService } from "./prize/prize.service";

/** The subgraph's services: stateless (they hold the data source), made once per server. */
export function createServices(ds: DataSource) {
  return {
    /** Set-based reads: pages, counts and statistics of the entries. */
    entryQueries: new EntryQueries(ds),
    /** The writes of one entry: submission and moderation. */
    entryService: new EntryService(ds),
    /** An agency's project list, imported all or nothing. */
    entryImportService: new EntryImportService(ds),
    /** The prize writes: cycles and awards. */
    prizeService: new PrizeService(ds),
    auditLog: new AuditLogReader(ds),
  };
}

export type Services = ReturnType<typeof createServices>;

/** What every resolver of this subgraph receives. */
export type Context = RequestContext<Loaders, Services>;
