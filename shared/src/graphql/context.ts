import type { Caller } from "../auth/caller";
import type { Logger } from "../logger";

/** What every resolver receives: per-request loaders, the caller forwarded by the gateway, and a request logger. */
export interface RequestContext<L> {
  requestId: string;
  caller: Caller | null;
  log: Logger;
  loaders: L;
}
