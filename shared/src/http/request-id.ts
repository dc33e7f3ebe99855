import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";

/** Keeps a well-formed incoming request id (so one id follows a request through the gateway and subgraphs). */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : randomUUID();
}

/**
 * What a process knows about the request it is serving, wherever it is in the call stack: error formatting and logs
 * read the request id from here, so that a masked error and its log line carry the same id. The fields other than
 * `requestId` are filled in as the request goes on (for the access log line).
 */
export interface RequestScope {
  requestId: string;
  operationName?: string | null;
  outcome?: string;
  cacheHit?: boolean;
  /** The request wrote (or is a mutation): its reads go to the primary from now on, never to a replica. */
  readPrimary?: boolean;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` (and everything it starts) inside the scope of one request. */
export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The scope of the request being served, if any. */
export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}

/** The id of the request being served, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
