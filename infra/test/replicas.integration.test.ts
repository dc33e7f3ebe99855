import { readFileSync } from "node:fs";
import { loadSubgraphModule, replicasOf, type ReplicaSet, type ReplicaStatus } from "@wsis/shared";
import { callerAs, startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { Client } from "pg";
import { replicationUnavailable, startReplication, type Replication } from "../src/replication";

/**
 * Read replicas against a real streaming replica started here: a primary made by initdb, a replica by
 * `pg_basebackup -R`, both logging every statement with its application name — so the test counts, in each server's
 * own log, where the events subgraph's statements ran.
 */
const unavailable = replicationUnavailable();
if (unavailable && process.env.REQUIRE_REPLICA === "1") throw new Error(`REQUIRE_REPLICA=1 but ${unavailable}`);
if (unavailable) process.stderr.write(`note: the read replica tests do not run: ${unavailable}\n`);
const describeWithReplica = unavailable ? describe.skip : describe;

jest.setTimeout(180_000);

const MAX_LAG_MS = 1500;
const APP = "wsis-events";
const READ = '{ event(id: "wsis-forum-2024") { id title note } }';
const WRITER = callerAs("ITU", ["events:write"]);

/** Statements of the subgraph's own connections in a server's log, by kind. */
function statements(logFile: string, kind: RegExp): number {
  const pattern = new RegExp(`app=${APP} LOG:\\s+(statement|execute [^:]*):\\s*${kind.source}`, "i");
  return readFileSync(logFile, "utf8")
    .split("\n")
    .filter((line) => pattern.test(line)).length;
}

async function onServer(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeWithReplica("PostgreSQL read replicas (a real streaming replica)", () => {
  let pg: Replication;
  let sg: TestSubgraph<unknown>;
  let replicas: ReplicaSet;
  const replica = (): ReplicaStatus => replicas.status()[0];
  const ready = async () => {
    const res = await fetch(`http://127.0.0.1:${sg.port}/health/ready`);
    return {
      status: res.status,
      body: (await res.json()) as {
        database: string;
        replicas: Array<{ name: string; state: string; lagMs: number | null }>;
      },
    };
  };
  const metrics = async () => (await fetch(`http://127.0.0.1:${sg.port}/metrics`)).text();

  beforeAll(async () => {
    pg = await startReplication({ logStatements: true });
    const events = await loadSubgraphModule("@wsis/events", "events");
    sg = await startTestSubgraph(events, {
      databaseUrl: pg.primary.url(),
      replicas: { urls: [pg.replica.url()], maxLagMs: MAX_LAG_MS, checkIntervalMs: 200 },
    });
    replicas = replicasOf(sg.dataSource) as ReplicaSet;
    await pg.caughtUp();
    await until("the replica is in use", () => replica().state === "ok");
  });
  afterAll(async () => {
    await sg?.stop();
    await pg?.destroy();
  });

  it("sends reads to the replica, not to the primary; /metrics counts them", async () => {
    const [onReplica, onPrimary] = [statements(pg.replica.logFile, /SELECT/), statements(pg.primary.logFile, /SELECT/)];
    for (let i = 0; i < 5; i++) {
      const res = await sg.query<{ event: { id: string } }>(READ);
      expect(res.errors).toBeUndefined();
      expect(res.data!.event.id).toBe("wsis-forum-2024");
    }
    expect(statements(pg.replica.logFile, /SELECT/) - onReplica).toBeGreaterThanOrEqual(5);
    // The primary saw none of the subgraph's reads (its readiness probe and lag probe are not asked here).
    expect(statements(pg.primary.logFile, /SELECT/) - onPrimary).toBe(0);
    expect(replicas.counts.replica).toBeGreaterThanOrEqual(5);
    const text = await metrics();
    expect(text).toMatch(/db_reads_total\{target="replica",service="events"\} [1-9]/);
    expect(text).toMatch(/db_replica_up\{replica="replica1",service="events"\} 1/);
  });

  it("does not take an idle primary for a lagging replica", async () => {
    await new Promise((r) => setTimeout(r, MAX_LAG_MS * 2));
    expect(replica().state).toBe("ok");
    expect(replica().lagMs).toBeLessThan(MAX_LAG_MS);
    const { status, body } = await ready();
    expect(status).toBe(200);
    expect(body.replicas).toEqual([expect.objectContaining({ name: "replica1", state: "ok" })]);
  });

  it("writes on the primary; the request that wrote reads its write from the primary; a lagging replica is skipped", async () => {
    // The replica stops replaying: whatever is written now, it does not have.
    await onServer(pg.replica.url(), "SELECT pg_wal_replay_pause()");
    try {
      const note = `written at ${Date.now()}`;
      const updatesBefore = statements(pg.primary.logFile, /UPDATE/);
      const primaryReadsBefore = replicas.counts.primary;
      // The host country's events are read through a loader after the write, in the same request.
      const write = await sg.query<{
        updateEvent: { id: string; note: string; hostEconomy: { events: Array<{ id: string; note: string | null }> } };
      }>(
        'mutation($note: String!) { updateEvent(id: "wsis-forum-2024", input: { note: $note, hostEconomy: "KEN" }) { id note hostEconomy { events { id note } } } }',
        { note },
        WRITER,
      );
      expect(write.errors).toBeUndefined();
      // Read back in the same request, after the write: the new values — which the paused replica does not have.
      expect(write.data!.updateEvent.note).toBe(note);
      expect(write.data!.updateEvent.hostEconomy.events).toContainEqual({ id: "wsis-forum-2024", note });
      expect(statements(pg.primary.logFile, /UPDATE/) - updatesBefore).toBeGreaterThanOrEqual(1);
      expect(statements(pg.replica.logFile, /UPDATE/)).toBe(0);
      expect(replicas.counts.primary).toBeGreaterThan(primaryReadsBefore);

      // Another request reads from the replica while it is within REPLICA_MAX_LAG_MS: the value before the write.
      const stateBefore = replica().state;
      const early = await sg.query<{ event: { note: string | null } }>(READ);
      if (stateBefore === "ok" && replica().state === "ok") expect(early.data!.event.note).not.toBe(note);

      // Once it is further behind than REPLICA_MAX_LAG_MS, it is skipped: reads come from the primary.
      await until("the paused replica is found lagging", () => replica().state === "lagging");
      const late = await sg.query<{ event: { note: string } }>(READ);
      expect(late.errors).toBeUndefined();
      expect(late.data!.event.note).toBe(note);
      const { status, body } = await ready();
      expect(status).toBe(200);
      expect(body.replicas[0]).toEqual(expect.objectContaining({ state: "lagging" }));
      expect(body.replicas[0].lagMs).toBeGreaterThan(MAX_LAG_MS);
      expect(await metrics()).toMatch(/db_replica_state\{replica="replica1",state="lagging",service="events"\} 1/);
    } finally {
      await onServer(pg.replica.url(), "SELECT pg_wal_replay_resume()");
    }
    // Caught up again, it serves reads again, with the written value.
    await until("the replica is in use again", () => replica().state === "ok");
    const onReplica = replicas.counts.replica;
    const res = await sg.query<{ event: { note: string } }>(READ);
    expect(res.data!.event.note).toMatch(/^written at/);
    expect(replicas.counts.replica).toBeGreaterThan(onReplica);
  });

  it("keeps every request answering when the replica is stopped mid-run, and shows it in /health/ready", async () => {
    let stop = false;
    const failures: string[] = [];
    let answered = 0;
    const reader = async () => {
      while (!stop) {
        try {
          const res = await sg.query<{ event: { id: string } }>(READ);
          if (res.errors || res.data?.event?.id !== "wsis-forum-2024")
            failures.push(JSON.stringify(res.errors ?? res.data));
          else answered += 1;
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    };
    const readers = Array.from({ length: 4 }, reader);
    await until("reads are flowing", () => answered > 20);
    const beforeStop = replicas.counts.replica;
    await pg.replica.stop();
    await until("the stopped replica is found down", () => replica().state === "down");
    const afterStop = answered;
    await until("reads go on without the replica", () => answered > afterStop + 40);
    stop = true;
    await Promise.all(readers);

    expect(failures).toEqual([]);
    expect(beforeStop).toBeGreaterThan(0);
    const { status, body } = await ready();
    expect(status).toBe(200);
    expect(body.database).toBe("ok");
    expect(body.replicas[0]).toEqual(expect.objectContaining({ name: "replica1", state: "down" }));
    expect(await metrics()).toMatch(/db_replica_up\{replica="replica1",service="events"\} 0/);

    // Started again, it is found and used again.
    await pg.replica.start();
    await until("the restarted replica is in use", () => replica().state === "ok", 30_000);
    const onReplica = replicas.counts.replica;
    expect((await sg.query(READ)).errors).toBeUndefined();
    expect(replicas.counts.replica).toBeGreaterThan(onReplica);
  });
});

describeWithReplica("reads pinned to a release or a moment, on the primary and on a caught-up replica", () => {
  const UNSD = "unsd-sdg-2023-12";
  let pg: Replication;
  let withReplica: TestSubgraph<unknown>;
  let primaryOnly: TestSubgraph<unknown>;
  let replicas: ReplicaSet;
  let beforeRelease2: string;

  const KEN_2021 = `query($release: Int, $asOf: DateTimeISO) {
    observations(filter: { indicator: "internet_users_pct", economies: ["KEN"], fromYear: 2021, toYear: 2021, dataset: "${UNSD}" }, release: $release, asOf: $asOf) {
      edges { node { valueText release } }
    }
  }`;

  beforeAll(async () => {
    pg = await startReplication();
    const indicators = await loadSubgraphModule("@wsis/indicators", "indicators");
    withReplica = await startTestSubgraph(indicators, {
      databaseUrl: pg.primary.url(),
      replicas: { urls: [pg.replica.url()], maxLagMs: 60_000, checkIntervalMs: 200 },
    });
    primaryOnly = await startTestSubgraph(indicators, { databaseUrl: pg.primary.url(), seed: false });
    replicas = replicasOf(withReplica.dataSource) as ReplicaSet;
    beforeRelease2 = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    // Release 2 revises Kenya's 2021 value.
    const published = await withReplica.query(
      `mutation($input: PublishObservationsInput!) { publishObservations(input: $input) { releaseNumber revised } }`,
      {
        input: {
          dataset: UNSD,
          idempotencyKey: "replica-test-0001",
          observations: [{ indicator: "internet_users_pct", economy: "KEN", year: 2021, value: "29.5", nature: "E" }],
        },
      },
      callerAs("ITU", ["indicators:publish"], "analyst@itu.int"),
    );
    expect(published.errors).toBeUndefined();
    expect(published.data).toEqual({ publishObservations: { releaseNumber: 2, revised: 1 } });
    await pg.caughtUp();
  });
  afterAll(async () => {
    await primaryOnly?.stop();
    await withReplica?.stop();
    await pg?.destroy();
  });

  it.each([
    ["release 1", { release: 1 }, { valueText: "28.76", release: 1 }],
    ["the moment before release 2", "asOf", { valueText: "28.76", release: 1 }],
    ["release 2", { release: 2 }, { valueText: "29.5", release: 2 }],
    ["the latest", {}, { valueText: "29.5", release: 2 }],
  ])("%s: the same answer from the replica as from the primary", async (_what, pin, expected) => {
    const variables = pin === "asOf" ? { asOf: beforeRelease2 } : pin;
    const onReplica = replicas.counts.replica;
    const fromReplica = await withReplica.query(KEN_2021, variables);
    expect(replicas.counts.replica).toBeGreaterThan(onReplica);
    const fromPrimary = await primaryOnly.query(KEN_2021, variables);
    expect(fromReplica.errors).toBeUndefined();
    expect(fromReplica.data).toEqual(fromPrimary.data);
    expect(fromReplica.data).toEqual({ observations: { edges: [{ node: expected }] } });
  });
});
