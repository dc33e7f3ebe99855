import { startCluster, type Cluster } from "../src/cluster/cluster";
import { findHaproxy } from "../src/cluster/haproxy";
import { runSoak, type SoakResult } from "../src/cluster/soak";
import { replicationUnavailable } from "../src/replication";

/**
 * A short soak of the rehearsal cluster (`npm run cluster`, smaller): two gateways behind HAProxy, two replicas of the
 * events subgraph and one of each other, a PostgreSQL primary and replica, Redis. The dashboard workload runs for 20 s
 * while a gateway, an events replica and the PostgreSQL replica are stopped and started again.
 */
const missing = findHaproxy() ? replicationUnavailable() : "haproxy is not installed (apt-get install haproxy)";
if (missing && process.env.REQUIRE_HAPROXY === "1") throw new Error(`REQUIRE_HAPROXY=1 but ${missing}`);
if (missing) process.stderr.write(`note: the cluster soak test does not run: ${missing}\n`);
const describeWithCluster = missing ? describe.skip : describe;

jest.setTimeout(600_000);

describeWithCluster("the cluster under a short soak (HAProxy, two gateways, replicas)", () => {
  let cluster: Cluster;
  let result: SoakResult;

  beforeAll(async () => {
    cluster = await startCluster({ gateways: 2, subgraphReplicas: { events: 2 } });
    const events = cluster.subgraphs.find((s) => s.name === "events-1");
    result = await runSoak(cluster, { durationMs: 20_000, connections: 4, outageMs: 2500, subgraph: events });
    process.stdout.write(`cluster soak: ${JSON.stringify(result)}\n`);
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it("answers every request, except those in flight at a kill", () => {
    expect(result.disruptions.map((d) => d.what)).toEqual([
      expect.stringMatching(/^gateway gateway-1 killed/),
      expect.stringMatching(/^subgraph events-1 killed/),
      expect.stringMatching(/^PostgreSQL replica stopped/),
    ]);
    expect(result.examples).toEqual([]);
    expect(result.failedOther).toBe(0);
    expect(result.succeeded).toBeGreaterThan(50);
    expect(result.succeeded + result.failedInFlight).toBe(result.requests);
  });

  it("spreads the requests over both gateways, which share one response cache", () => {
    for (const gateway of cluster.gateways) expect(result.perGateway[gateway.name]).toBeGreaterThan(0);
    expect(result.crossGatewayHit).toBe(true);
    expect(result.cache.hits).toBeGreaterThan(0);
  });

  it("has every process back after the soak", async () => {
    const ready = await fetch(`${cluster.url}/health/ready`);
    expect(ready.status).toBe(200);
    for (const member of [...cluster.gateways, ...cluster.subgraphs]) {
      const res = await fetch(`http://127.0.0.1:${member.port}/health/ready`);
      expect(res.status).toBe(200);
    }
  });
});
