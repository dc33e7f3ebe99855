import type { Logger } from "@wsis/shared";
import Redis from "ioredis";

/** The shape of Apollo's `KeyValueCache` (response cache and persisted queries), ttl in seconds. */
export interface KeyValueCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

/**
 * A `KeyValueCache` in Redis, so that several gateway replicas share one response cache and one set of persisted
 * queries. A cache must never fail a request: when Redis is unreachable, reads miss and writes are dropped (logged,
 * at most once every 30 s), and the gateway answers from the subgraphs as without a cache.
 */
export class RedisCache implements KeyValueCache {
  private readonly client: Redis;
  private lastWarning = 0;

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {
    this.client = new Redis(url, {
      // Fail fast instead of queueing commands while disconnected; reconnect in the background.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      commandTimeout: 500,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
      lazyConnect: false,
    });
    this.client.on("error", (error: Error) => this.warn(error, "connection"));
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.client.get(this.prefix + key)) ?? undefined;
    } catch (error) {
      this.warn(error, "get");
      return undefined;
    }
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    try {
      const ttl = options?.ttl;
      if (typeof ttl === "number" && ttl > 0) await this.client.set(this.prefix + key, value, "EX", Math.ceil(ttl));
      else await this.client.set(this.prefix + key, value);
    } catch (error) {
      this.warn(error, "set");
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      return (await this.client.del(this.prefix + key)) > 0;
    } catch (error) {
      this.warn(error, "delete");
      return false;
    }
  }

  /** Resolves once connected (or rejects after the connect timeout); the cache works without waiting for it. */
  async ready(): Promise<void> {
    if (this.client.status === "ready") return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("Redis did not answer within 2 s")), 2000);
      this.client.once("ready", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }

  private warn(error: unknown, operation: string): void {
    const now = Date.now();
    if (now - this.lastWarning < 30_000) return;
    this.lastWarning = now;
    this.log.warn({ err: (error as Error).message, operation }, "redis cache unavailable; serving without it");
  }
}
