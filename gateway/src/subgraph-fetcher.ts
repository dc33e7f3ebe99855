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

/** The headers of a subgraph's answer (names in lower case, as Node reads them); the Fetch API's `Headers` shape. */
export class ReceivedHeaders implements Iterable<[string, string]> {
  private readonly map = new Map<string, string>();

  constructor(raw: http.IncomingHttpHeaders = {}) {
    for (const [name, value] of Object.entries(raw)) {
      if (value !== undefined) this.map.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
  }

  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), value);
  }
  append(name: string, value: string): void {
    const existing = this.get(name);
    this.set(name, existing === null ? value : `${existing}, ${value}`);
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  values(): IterableIterator<string> {
    return this.map.values();
  }
  forEach(callback: (value: string, name: string) => void): void {
    this.map.forEach(callback);
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}

/**
 * A subgraph's complete answer, already in memory: the part of the Fetch API's `Response` that Apollo's data source
 * reads (status, headers, `json()`, `text()`). Reading the buffer directly spares every call the web-stream machinery
 * of a real `Response`, which costs more than parsing the JSON.
 */
export class BufferedResponse {
  readonly ok: boolean;
  readonly redirected = false;
  bodyUsed = false;

  constructor(
    private readonly body: Buffer,
    readonly status: number,
    readonly statusText: string,
    readonly headers: ReceivedHeaders,
    readonly url: string,
  ) {
    this.ok = status >= 200 && status < 300;
  }

  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.body.toString("utf8");
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    return new Uint8Array(this.body).buffer;
  }

  clone(): BufferedResponse {
    return new BufferedResponse(this.body, this.status, this.statusText, this.headers, this.url);
  }
}

export interface SubgraphFetcher {
  fetch(url: string, init?: FetchInit): Promise<BufferedResponse>;
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
      new Promise<BufferedResponse>((resolve, reject) => {
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
            const status = response.statusCode ?? 502;
            const body = NULL_BODY_STATUSES.has(status)
              ? Buffer.alloc(0)
              : chunks.length === 1
                ? chunks[0]
                : Buffer.concat(chunks);
            resolve(
              new BufferedResponse(
                body,
                status,
                response.statusMessage ?? "",
                new ReceivedHeaders(response.headers),
                url,
              ),
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
