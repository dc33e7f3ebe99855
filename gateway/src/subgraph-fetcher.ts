import http from "node:http";
import https from "node:https";

/** A call to a subgraph that got no complete answer within its timeout. */
export class SubgraphTimeoutError extends Error {
  readonly code = "SUBGRAPH_TIMEOUT";
  constructor(readonly timeoutMs: number) {
    super(`no complete answer within ${timeoutMs} ms`);
    this.name = "SubgraphTimeoutError";
  }
}

export interface SubgraphFetcherOptions {
  /** For the whole call: connecting, sending, and reading the complete answer. */
  timeoutMs: number;
  /** Open connections to this subgraph at most; calls beyond wait for a free connection (inside their timeout). */
  maxSockets: number;
}

export interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface SubgraphFetcher {
  fetch(url: string, init?: FetchInit): Promise<Response>;
  /** Closes the kept-alive connections. */
  destroy(): void;
}

const IDLE_SOCKET_TIMEOUT_MS = 30_000;
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * The gateway's HTTP client for one subgraph: keep-alive connections (closed before the server's advertised
 * keep-alive timeout, so a reused connection is not one the server is closing), at most
 * `maxSockets` of them, a timeout on every call, and no retry — a call is sent once, so a mutation never runs twice.
 */
export function createSubgraphFetcher(options: SubgraphFetcherOptions): SubgraphFetcher {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets,
    maxFreeSockets: Math.min(options.maxSockets, 16),
    scheduling: "lifo" as const,
    // Idle connections close after this, or 1 s before the server's `Keep-Alive: timeout=` hint (Node applies the hint
    // only when the agent has a timeout of its own). Calls in progress are bounded by `timeoutMs` instead.
    timeout: IDLE_SOCKET_TIMEOUT_MS,
  };
  const agents = { "http:": new http.Agent(agentOptions), "https:": new https.Agent(agentOptions) };
  return {
    fetch: (url, init = {}) =>
      new Promise<Response>((resolve, reject) => {
        const target = new URL(url);
        const transport = target.protocol === "https:" ? https : http;
        const agent = target.protocol === "https:" ? agents["https:"] : agents["http:"];
        const request = transport.request(target, { method: init.method ?? "POST", headers: init.headers, agent });
        const timer = setTimeout(() => request.destroy(new SubgraphTimeoutError(options.timeoutMs)), options.timeoutMs);
        const fail = (error: Error) => {
          clearTimeout(timer);
          reject(error);
        };
        request.on("error", fail);
        request.on("response", (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", fail);
          response.on("end", () => {
            clearTimeout(timer);
            const headers = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              if (Array.isArray(value)) for (const v of value) headers.append(name, v);
              else if (value !== undefined) headers.set(name, value);
            }
            const status = response.statusCode ?? 502;
            resolve(
              new Response(NULL_BODY_STATUSES.has(status) ? null : Buffer.concat(chunks), {
                status,
                statusText: response.statusMessage ?? "",
                headers,
              }),
            );
          });
        });
        request.end(init.body);
      }),
    destroy: () => {
      agents["http:"].destroy();
      agents["https:"].destroy();
    },
  };
}
