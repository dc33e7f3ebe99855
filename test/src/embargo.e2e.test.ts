import { randomBytes } from "node:crypto";
import { localToken } from "@wsis/gateway/token";
import { post, startProcessHub, type HubProcess, type ProcessHub } from "./gateway-fixture";

/**
 * An embargoed release through the real gateway and its response cache: no anonymous answer — fresh or from the
 * cache — carries the scheduled value before its moment; after it, the same cached query gets the new value without
 * anyone acting (the subgraph never lets an answer be cached past the next scheduled moment).
 */
const JWT_SECRET = `wsis-test-jwt-secret-${randomBytes(16).toString("hex")}`;
const UNSD = "unsd-sdg-2023-12";
const QUERY = `query EmbargoWatch { observations(filter: { indicator: "internet_users_pct", economies: ["MRT"], fromYear: 2019, toYear: 2019, dataset: "${UNSD}" }) {
  edges { node { valueText release } } } }`;

let hub: ProcessHub;
let gateway: HubProcess;

beforeAll(async () => {
  hub = await startProcessHub({ subgraphs: ["indicators"], gatewayEnv: { JWT_SECRET } });
  gateway = hub.gateways[0];
});
afterAll(async () => {
  await hub?.stop();
});

type Watch = { observations: { edges: Array<{ node: { valueText: string; release: number } }> } };

it("the response cache never serves the embargoed value early, and serves it once the moment has passed", async () => {
  // Read with a document of its own: QUERY is first sent after the schedule (an answer cached before a release is
  // scheduled keeps its max-age, five minutes for observations, as after any publication — see the README).
  const original = (await post<Watch>(gateway.url, { query: QUERY.replace("EmbargoWatch", "BeforeTheSchedule") })).data!
    .observations.edges[0].node;
  const token = await localToken(
    { agency: "ITU", scopes: ["indicators:publish"], subject: "embargo-e2e", ttlSeconds: 600 },
    { JWT_SECRET },
  );
  const publishAt = new Date(Date.now() + 5000);
  publishAt.setMilliseconds(0);
  const embargoed = String(Number(original.valueText) + 1.5);
  const scheduled = await post<{ publishObservations: { releaseNumber: number; publishAt: string } }>(
    gateway.url,
    {
      query: `mutation($input: PublishObservationsInput!) { publishObservations(input: $input) { releaseNumber publishAt } }`,
      variables: {
        input: {
          dataset: UNSD,
          idempotencyKey: `embargo-e2e-${randomBytes(4).toString("hex")}`,
          publishAt: publishAt.toISOString(),
          observations: [{ indicator: "internet_users_pct", economy: "MRT", year: 2019, value: embargoed }],
        },
      },
    },
    { authorization: `Bearer ${token}` },
  );
  expect(scheduled.errors).toBeUndefined();
  expect(scheduled.data!.publishObservations.publishAt).toBe(publishAt.toISOString());

  // Until the moment: every anonymous answer, cached or not, has the published value; at least one came from the cache.
  let fromCache = 0;
  const seen: Array<{ sentAt: number; value: string; age: string | null }> = [];
  for (;;) {
    const sentAt = Date.now();
    const reply = await post<Watch>(gateway.url, { query: QUERY });
    expect(reply.errors).toBeUndefined();
    const value = reply.data!.observations.edges[0].node.valueText;
    seen.push({ sentAt, value, age: reply.headers.get("age") });
    if (reply.headers.get("age") !== null) fromCache += 1;
    if (sentAt < publishAt.getTime()) {
      expect({ sentAt, value }).toEqual({ sentAt, value: original.valueText });
      const maxAge = Number(/max-age=(\d+)/.exec(reply.headers.get("cache-control") ?? "")?.[1] ?? 0);
      // never cacheable past the moment
      expect(sentAt + maxAge * 1000).toBeLessThanOrEqual(publishAt.getTime() + 1000);
    }
    if (value === embargoed) break;
    if (Date.now() > publishAt.getTime() + 15_000)
      throw new Error(`the release was not out 15 s after its moment: ${JSON.stringify(seen.slice(-3))}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(fromCache).toBeGreaterThan(0);
  const last = seen[seen.length - 1];
  expect(last.sentAt).toBeGreaterThanOrEqual(publishAt.getTime());
  expect((await post<Watch>(gateway.url, { query: QUERY })).data!.observations.edges[0].node).toEqual({
    valueText: embargoed,
    release: scheduled.data!.publishObservations.releaseNumber,
  });
});
