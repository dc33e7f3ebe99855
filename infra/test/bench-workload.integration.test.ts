/**
 * The benchmark's workload (src/bench/workload.ts), run once each at scale S (the real reference data), through the
 * hub's gateway and straight to the subgraph: the SQL statements every query causes are exact, so a regression to N+1
 * (or any extra statement) fails here, not only in a benchmark run. A test of counts, not of timings.
 *
 * The counts are read the way the benchmark reads them (each subgraph's GET /debug/statements, served only with
 * EXPOSE_STATEMENT_COUNT=true), and checked against the in-process counters.
 */
import { inRepoSubgraphs, packageNameOf, readRegistry } from "@wsis/gateway/registry";
import { loadSubgraphModule } from "@wsis/shared";
import { startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { Client } from "pg";
import { startHub, type TestHub } from "../../test/src/hub";
import { dashboardOperations, operationBody } from "../src/bench/dashboard-ops";
import { statementTotal } from "../src/bench/services";
import { requestBody, WORKLOAD, workloadById, type WorkloadQuery } from "../src/bench/workload";

// The hub of the e2e tests (test/src/hub.ts): every in-repo subgraph of the registry and the gateway, in this process.
let hub: TestHub;
let subgraphs: Record<string, TestSubgraph<unknown>>;
let gatewayUrl: string;
const previousFlag = process.env.EXPOSE_STATEMENT_COUNT;

beforeAll(async () => {
  process.env.EXPOSE_STATEMENT_COUNT = "true";
  hub = await startHub({ databaseName: "bench", gatewayEnv: { RESPONSE_CACHE: "false" } });
  subgraphs = hub.subgraphs;
  gatewayUrl = hub.url;
});

afterAll(async () => {
  await hub?.stop();
  if (previousFlag === undefined) delete process.env.EXPOSE_STATEMENT_COUNT;
  else process.env.EXPOSE_STATEMENT_COUNT = previousFlag;
});

const ports = () => ({ ports: Object.values(subgraphs).map((s) => s.port) });
const inProcessTotal = () => Object.values(subgraphs).reduce((n, s) => n + s.counter.count, 0);

interface Sent {
  data: Record<string, unknown>;
  statements: number;
}

/** Sends the query once and returns its data and the statements it caused (checked against the in-process counters). */
async function send(url: string, q: WorkloadQuery): Promise<Sent> {
  const before = await statementTotal(ports());
  const inProcessBefore = inProcessTotal();
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: requestBody(q),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  expect({ status: response.status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  const statements = (await statementTotal(ports())) - before;
  expect(inProcessTotal() - inProcessBefore).toBe(statements);
  return { data: body.data as Record<string, unknown>, statements };
}

describe("the benchmark workload at scale S", () => {
  it.each(WORKLOAD.map((q) => [q.id, q] as const))(
    "%s causes exactly its statements through the gateway, every time",
    async (_id, q) => {
      const first = await send(gatewayUrl, q);
      const second = await send(gatewayUrl, q);
      expect(first.statements).toBe(q.statements.gateway);
      expect(second.statements).toBe(q.statements.gateway);
    },
  );

  it.each(WORKLOAD.filter((q) => q.subgraph).map((q) => [q.id, q] as const))(
    "%s causes exactly its statements straight to its subgraph, with the same data as through the gateway",
    async (_id, q) => {
      const direct = await send(subgraphs[q.subgraph as string].url, q);
      expect(direct.statements).toBe(q.statements.direct);
      const viaGateway = await send(gatewayUrl, q);
      expect(direct.data).toEqual(viaGateway.data);
    },
  );

  it.each(WORKLOAD.filter((q) => q.floor).map((q) => [q.id, q] as const))(
    "%s: the SQL floor reads the same figures as the GraphQL answer",
    async (_id, q) => {
      const { data } = await send(gatewayUrl, q);
      const client = new Client({ connectionString: hub.database.url });
      await client.connect();
      try {
        const floor = q.floor as NonNullable<WorkloadQuery["floor"]>;
        const { rows } = await client.query(floor.sql, floor.params);
        expect(rows.length).toBeGreaterThan(0);
        expect(q.sameDataAsFloor?.(data, rows)).toBe(true);
        // and the comparison can fail: one figure changed is noticed
        expect(q.sameDataAsFloor?.(data, [{ ...rows[0], value_text: "-1" }, ...rows.slice(1)])).toBe(false);
      } finally {
        await client.end();
      }
    },
  );

  it("measures answers that are not empty (the counts are those of real work)", async () => {
    const w1 = (await send(gatewayUrl, workloadById("W1"))).data.actionLine as Record<string, unknown[]> & {
      sdgTargets: Array<{ indicators: Array<{ ictIndicators: unknown[] }> }>;
    };
    expect(w1.facilitators.length).toBeGreaterThan(0);
    expect(w1.events.length).toBeGreaterThan(0);
    expect(w1.reports.length).toBeGreaterThan(0);
    expect(w1.sdgTargets.flatMap((t) => t.indicators.flatMap((i) => i.ictIndicators)).length).toBeGreaterThan(0);

    const w2 = (await send(gatewayUrl, workloadById("W2"))).data.latestObservations as unknown[];
    expect(w2.length).toBeGreaterThan(200);

    const w3 = (await send(gatewayUrl, workloadById("W3"))).data.series as Array<{ points: unknown[] }>;
    expect(w3).toHaveLength(50);
    expect(w3.reduce((n, s) => n + s.points.length, 0)).toBeGreaterThan(800);

    const w4 = (await send(gatewayUrl, workloadById("W4"))).data.economy as { latestValues: unknown[] };
    expect(w4.latestValues.length).toBeGreaterThan(3);

    const w5 = (await send(gatewayUrl, workloadById("W5"))).data.timeline as Array<{
      events: Array<{ reports: unknown[] }>;
    }>;
    expect(w5.flatMap((y) => y.events)).not.toHaveLength(0);
    expect(w5.flatMap((y) => y.events.flatMap((e) => e.reports)).length).toBeGreaterThan(0);
  });

  it.each(dashboardOperations().map((op) => [op.name, op] as const))(
    "the dashboard's %s, with the benchmark's variables, answers data without errors (its CPU cells measure real work)",
    async (_name, op) => {
      const response = await fetch(gatewayUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: operationBody(op),
      });
      const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      expect({ status: response.status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
      const [value] = Object.values(body.data ?? {});
      expect(Array.isArray(value) ? value.length : value ? 1 : 0).toBeGreaterThan(0);
    },
  );

  it("does not serve the statement counter unless EXPOSE_STATEMENT_COUNT=true", async () => {
    delete process.env.EXPOSE_STATEMENT_COUNT;
    const [first] = inRepoSubgraphs(readRegistry());
    const plain = await startTestSubgraph(await loadSubgraphModule(packageNameOf(first), first.name), {
      databaseUrl: hub.database.url,
      seed: false,
    });
    try {
      const response = await fetch(`http://127.0.0.1:${plain.port}/debug/statements`);
      expect(response.status).toBe(404);
    } finally {
      process.env.EXPOSE_STATEMENT_COUNT = "true";
      await plain.stop();
    }
  });
});
