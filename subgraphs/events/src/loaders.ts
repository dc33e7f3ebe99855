import { AuditLogReader, sourceByIdLoader, type RequestContext } from "@wsis/shared";
import type { DataSource } from "typeorm";
import { eventLoaders } from "./event/event.loaders";
import { EventService } from "./event/event.service";
import { trackLoaders } from "./track/roadmap-track.loaders";

/** Fresh loaders for one request: nothing is cached across requests. */
export function createLoaders(ds: DataSource) {
  return {
    sourceById: sourceByIdLoader(ds),
    ...eventLoaders(ds),
    ...trackLoaders(ds),
    /** The writes (stateless; one per request like the loaders). */
    eventService: new EventService(ds),
    auditLog: new AuditLogReader(ds),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = RequestContext<Loaders>;
