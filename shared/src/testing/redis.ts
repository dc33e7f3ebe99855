import net from "node:net";

/** Sends PING to a Redis URL; true when it answers PONG within the timeout. */
export function pingRedis(url: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      resolve(false);
      return;
    }
    const socket = net.connect({ host: parsed.hostname, port: Number(parsed.port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (chunk) => done(chunk.toString().startsWith("+PONG")));
  });
}

/**
 * The Redis the tests may use, found by the global setup: TEST_REDIS_URL, or a server on 127.0.0.1:6379. Redis is an
 * optional part of the hub (the response cache is in memory without it), so on a machine without Redis the tests of the
 * shared cache do not run — except in CI, which sets REQUIRE_REDIS=1 and fails instead.
 */
export const testRedisUrl: string | undefined = process.env.WSIS_TEST_REDIS_URL || undefined;
