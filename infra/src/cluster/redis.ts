import { freePort } from "@wsis/shared";
import { pingRedis } from "@wsis/shared/testing";
import { member, type Member } from "./member";

/** Redis: REDIS_URL when it answers, else the machine's on 6379, else a redis-server started for the cluster. */
export async function provideRedis(
  host: string,
  output?: (name: string, line: string) => void,
): Promise<{ url: string; member?: Member }> {
  for (const url of [process.env.REDIS_URL, process.env.TEST_REDIS_URL, "redis://127.0.0.1:6379"]) {
    if (url && (await pingRedis(url))) return { url };
  }
  const port = await freePort();
  const redis = member(
    {
      name: "redis",
      kind: "redis",
      port,
      command: "redis-server",
      args: ["--port", String(port), "--bind", host, "--save", "", "--appendonly", "no"],
      env: process.env,
    },
    output,
  );
  await redis.start();
  const url = `redis://${host}:${port}`;
  for (let i = 0; i < 50 && !(await pingRedis(url)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await pingRedis(url))) throw new Error("no Redis: set REDIS_URL, or install redis-server");
  return { url, member: redis };
}
