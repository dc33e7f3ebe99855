import type { Caller } from "../auth/caller";
import type { Logger } from "../logger";

/**
 * What every resolver receives. `loaders` are this request's DataLoaders (keyed batch reads, made fresh per request:
 * nothing cached across requests); `services` are the subgraph's stateless services (set-based reads such as pages and
 * counts, and the writes with their transactions), made once per server from its data source. A resolver takes what
 * it needs from here; an argument check takes the loaders it needs, never the whole context.
 */
export interface RequestContext<L, S = NoServices> {
  requestId: string;
  caller: Caller | null;
  log: Logger;
  loaders: L;
  services: S;
}

/** The services of a subgraph that has none. */
export type NoServices = Record<never, never>;
