import { randomBytes } from "node:crypto";
import { createLogger } from "@wsis/shared";
import { testRedisUrl } from "@wsis/shared/testing";
import { RedisCache } from "../src/cache";

/** Against a real Redis (TEST_REDIS_URL or the machine's); CI requires one (REQUIRE_REDIS=1). */
const REDIS_URL = testRedisUrl ?? "";
const describeWithRedis = testRedisUrl ? describe : describe.skip;
const log = createLogger("test", "silent");

describeWithRedis("the Redis cache", () => {
  it("gets, sets with a ttl in seconds, and deletes, under its prefix", async () => {
    const prefix = `wsis-test-${randomBytes(4).toString("hex")}:`;
    const cache = new RedisCache(REDIS_URL, prefix, log);
    const other = new RedisCache(REDIS_URL, `${prefix}other:`, log);
    try {
      await cache.ready();
      expect(await cache.get("a")).toBeUndefined();
      await cache.set("a", "1", { ttl: 60 });
      await cache.set("b", "2", { ttl: 1 });
      await cache.set("c", "3");
      expect(await cache.get("a")).toBe("1");
      expect(await other.get("a")).toBeUndefined();
      expect(await cache.delete("a")).toBe(true);
      expect(await cache.get("a")).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(await cache.get("b")).toBeUndefined();
      expect(await cache.get("c")).toBe("3");
      await cache.delete("c");
    } finally {
      await cache.close();
      await other.close();
    }
  });
});

describe("the Redis cache without Redis", () => {
  it("never fails a request when Redis is unreachable: reads miss, writes are dropped, quickly", async () => {
    const cache = new RedisCache("redis://127.0.0.1:1", "x:", log);
    try {
      const started = Date.now();
      expect(await cache.get("a")).toBeUndefined();
      await expect(cache.set("a", "1", { ttl: 10 })).resolves.toBeUndefined();
      expect(await cache.delete("a")).toBe(false);
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await cache.close();
    }
  });
});
