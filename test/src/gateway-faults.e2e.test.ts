import { Client } from "pg";
import {
  eventually,
  post,
  sleep,
  startProcessHub,
  type GraphQLReply,
  type HubProcess,
  type ProcessHub,
} from "./gateway-fixture";

/**
 * Faults, against the real processes: a subgraph killed during a run of requests and started again; every database
 * connection terminated during requests; a subgraph too slow for the gateway's timeout; SIGTERM to a subgraph and to
 * the gateway while a request waits on a table lock. The response cache is off, so every request reaches the subgraphs.
 */
let hub: ProcessHub;
let gateway: HubProcess;
let actionLines: HubProcess;

beforeAll(async () => {
  hub = await startProcessHub({ subgraphs: ["action-lines", "events"], gatewayEnv: { RESPONSE_CACHE: "false" } });
  gateway = hub.gateways[0];
  actionLines = hub.subgraphs["action-lines"];
});
afterAll(async () => {
  await hub?.stop();
});

type Partial = {
  events: Array<{ id: string; title: string }> | null;
  actionLine: { code: string; title: string } | null;
};
const PARTIAL = 'query Partial { events { id title } actionLine(code: "C5") { code title } }';

function isFull(reply: GraphQLReply<Partial>): boolean {
  return (
    !reply.errors &&
    reply.data?.actionLine?.title === "Building confidence and security in the use of ICTs" &&
    (reply.data?.events?.length ?? 0) > 0
  );
}

function isPartialWithoutActionLines(reply: GraphQLReply<Partial>): boolean {
  return (
    reply.status === 200 &&
    (reply.data?.events?.length ?? 0) > 0 &&
    reply.data?.actionLine === null &&
    reply.errors?.length === 1 &&
    reply.errors[0].extensions?.code === "SUBGRAPH_UNAVAILABLE" &&
    reply.errors[0].extensions?.service === "action-lines" &&
    /^The action-lines service (is unavailable|did not answer in time)$/.test(reply.errors[0].message)
  );
}

async function withDatabase<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: hub.database.url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Holds an exclusive lock on action_lines.agency, so that any query of agencies waits until `release()`. */
async function lockAgencies(): Promise<{
  release(): Promise<void>;
  waiting(): Promise<number>;
  terminateOthers(): Promise<number>;
}> {
  const client = new Client({ connectionString: hub.database.url });
  await client.connect();
  await client.query("BEGIN");
  await client.query("LOCK TABLE action_lines.agency IN ACCESS EXCLUSIVE MODE");
  return {
    // From another connection: inside a transaction, pg_stat_activity is a snapshot taken once.
    waiting: () =>
      withDatabase(async (other) =>
        Number(
          (
            await other.query(
              "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%agency%'",
            )
          ).rows[0].n,
        ),
      ),
    /** Terminates every other backend of the database: the subgraphs' pooled connections and the waiting query. */
    terminateOthers: async () =>
      Number(
        (
          await client.query(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
          )
        ).rows[0].n,
      ),
    release: async () => {
      await client.query("COMMIT");
      await client.end();
    },
  };
}

const refusesConnections = async (url: string) => {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return undefined;
  } catch (error) {
    return (error as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED" ? true : undefined;
  }
};

describe("a subgraph killed during a run of requests", () => {
  it("gives partial data with an error naming the service, keeps the gateway up, and answers fully once the subgraph is back", async () => {
    const gatewayPid = gateway.child.pid;
    const replies: Array<{ reply: GraphQLReply<Partial>; afterKill: boolean }> = [];
    let killed = false;
    for (let i = 0; i < 40; i++) {
      if (i === 10) {
        actionLines.kill("SIGKILL");
        await actionLines.exited;
        killed = true;
      }
      replies.push({ reply: await post<Partial>(gateway.url, { query: PARTIAL }), afterKill: killed });
    }
    const before = replies.filter((r) => !r.afterKill).map((r) => r.reply);
    const after = replies.filter((r) => r.afterKill).map((r) => r.reply);
    expect(before.every(isFull)).toBe(true);
    expect(after.filter(isPartialWithoutActionLines)).toHaveLength(after.length);
    for (const reply of after) expect(reply.errors![0].extensions!.requestId).toBe(reply.headers.get("x-request-id"));

    // The gateway is up and says which subgraph is missing.
    expect((await fetch(`${gateway.baseUrl}/health/live`)).status).toBe(200);
    const ready = await fetch(`${gateway.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: "degraded",
      subgraphs: { "action-lines": "unavailable", events: "ok" },
    });
    const metrics = await (await fetch(`${gateway.baseUrl}/metrics`)).text();
    expect(
      Number(metrics.match(/^subgraph_errors_total\{service="action-lines",kind="unavailable"\} (\d+)$/m)?.[1]),
    ).toBeGreaterThanOrEqual(30);
    expect(
      Number(metrics.match(/^graphql_requests_total\{operation="Partial",outcome="partial"\} (\d+)$/m)?.[1]),
    ).toBeGreaterThanOrEqual(30);

    // Back on the same port: full answers again, from the same gateway process.
    await hub.restartSubgraph("action-lines");
    const full = await eventually(async () => {
      const reply = await post<Partial>(gateway.url, { query: PARTIAL });
      return isFull(reply) ? reply : undefined;
    });
    expect(full.data!.actionLine!.code).toBe("C5");
    expect(gateway.running).toBe(true);
    expect(gateway.child.pid).toBe(gatewayPid);
  });
});

describe("every database connection terminated during requests", () => {
  it("no process exits, the query that was running fails masked, and queries succeed again within seconds", async () => {
    const query = 'query Db { agency(id: "ITU") { name } events { id organisers { id } } }';
    type Db = { agency: { name: string } | null; events: unknown[] | null };
    expect((await post(gateway.url, { query })).errors).toBeUndefined();
    // A request whose SQL is running (waiting on a lock) when every backend is terminated, among others in flight.
    const lock = await lockAgencies();
    const running = post<Db>(gateway.url, { query });
    await eventually(async () => ((await lock.waiting()) > 0 ? true : undefined));
    let stop = false;
    const replies: GraphQLReply<Db>[] = [];
    const load = (async () => {
      for (let i = 0; i < 400 && !stop; i++)
        replies.push(await post<Db>(gateway.url, { query: "query Load { events { id } sdgGoals { code } }" }));
    })();
    await sleep(200);
    const terminated = await lock.terminateOthers();
    const terminatedAt = Date.now();
    await lock.release();
    expect(terminated).toBeGreaterThanOrEqual(2);

    const interrupted = await running;
    expect(interrupted.data!.agency).toBeNull();
    expect(interrupted.errors).toHaveLength(1);
    const requestId = interrupted.headers.get("x-request-id")!;
    expect(interrupted.errors![0]).toEqual({
      message: "Internal server error",
      path: ["agency"],
      extensions: { code: "INTERNAL_SERVER_ERROR", requestId },
    });
    // The full error is in the subgraph's log, under the same request id.
    const logged = await eventually(async () => actionLines.logsFor(requestId).find((l) => l.msg === "internal error"));
    expect(JSON.stringify(logged)).toMatch(/terminating connection due to administrator command/);

    const recovered = await eventually(async () => {
      const reply = await post<Db>(gateway.url, { query });
      return !reply.errors && reply.data?.agency?.name ? reply : undefined;
    });
    const recoveryMs = Date.now() - terminatedAt;
    stop = true;
    await load;
    expect(recovered.data!.events!.length).toBeGreaterThan(0);
    for (const process of [gateway, ...Object.values(hub.subgraphs)]) expect(process.running).toBe(true);
    // Whatever failed meanwhile failed without showing internals.
    const failed = replies.filter((r) => r.errors);
    for (const reply of failed) {
      expect(JSON.stringify(reply.errors)).not.toMatch(/terminat|SQL|postgres|pg_/i);
      expect(
        reply.errors!.every((e) => e.extensions?.code === "INTERNAL_SERVER_ERROR" && e.extensions?.requestId),
      ).toBe(true);
    }
    process.stdout.write(
      `database backends terminated: ${terminated}; ${replies.length} other requests meanwhile, ${failed.length} failed; full answers again ${recoveryMs} ms after the termination\n`,
    );
  });
});

describe("a subgraph slower than the gateway's timeout", () => {
  it("gives partial data naming the service, within the timeout", async () => {
    const impatient = await hub.startGateway({ RESPONSE_CACHE: "false", SUBGRAPH_TIMEOUT_MS: "500" });
    const lock = await lockAgencies();
    try {
      const started = Date.now();
      const reply = await post<{ agencies: unknown[] | null; events: unknown[] }>(impatient.url, {
        query: 'query Slow { events { id } agency(id: "ITU") { name } }',
      });
      const took = Date.now() - started;
      expect(reply.data!.events.length).toBeGreaterThan(0);
      expect(reply.data).toMatchObject({ agency: null });
      expect(reply.errors![0]).toMatchObject({
        message: "The action-lines service did not answer in time",
        extensions: { code: "SUBGRAPH_UNAVAILABLE", service: "action-lines" },
      });
      expect(took).toBeLessThan(3000);
      const metrics = await (await fetch(`${impatient.baseUrl}/metrics`)).text();
      expect(metrics).toMatch(/^subgraph_errors_total\{service="action-lines",kind="timeout"\} 1$/m);
    } finally {
      await lock.release();
      await impatient.stop();
    }
  });
});

describe("SIGTERM during a slow request", () => {
  const SLOW = "query SlowAgencies { agencies { id name } }";

  it("a subgraph stops accepting connections, finishes the request, then exits 0", async () => {
    const lock = await lockAgencies();
    const pending = post<{ agencies: unknown[] }>(gateway.url, { query: SLOW });
    await eventually(async () => ((await lock.waiting()) > 0 ? true : undefined));
    const signalledAt = Date.now();
    actionLines.kill("SIGTERM");
    await eventually(() => refusesConnections(`${actionLines.baseUrl}/health/live`));
    await sleep(200);
    await lock.release();
    const reply = await pending;
    expect(reply.errors).toBeUndefined();
    expect(reply.data!.agencies.length).toBeGreaterThan(20);
    const exit = await actionLines.exited;
    if (exit.code !== 0) process.stdout.write(actionLines.output.slice(-15).join("\n") + "\n");
    expect(exit).toEqual({ code: 0, signal: null });
    const exitMs = Date.now() - signalledAt;
    expect(actionLines.logs.some((l) => l.msg === "stopped")).toBe(true);
    process.stdout.write(`subgraph: SIGTERM → exit in ${exitMs} ms (including the held lock)\n`);
    await hub.restartSubgraph("action-lines");
  });

  it("the gateway stops accepting connections, finishes the request, then exits 0", async () => {
    const lock = await lockAgencies();
    const pending = post<{ agencies: unknown[] }>(gateway.url, { query: SLOW });
    await eventually(async () => ((await lock.waiting()) > 0 ? true : undefined));
    const signalledAt = Date.now();
    gateway.kill("SIGTERM");
    await eventually(() => refusesConnections(`${gateway.baseUrl}/health/live`));
    await sleep(200);
    await lock.release();
    const reply = await pending;
    expect(reply.errors).toBeUndefined();
    expect(reply.data!.agencies.length).toBeGreaterThan(20);
    expect(await gateway.exited).toEqual({ code: 0, signal: null });
    process.stdout.write(`gateway: SIGTERM → exit in ${Date.now() - signalledAt} ms (including the held lock)\n`);
  });
});
