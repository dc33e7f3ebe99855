import { startHub, type TestHub } from "./hub";

/** With one subgraph down, a query that crosses it keeps everything the other subgraphs serve. */
let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
  await hub.subgraphs["action-lines"].stop();
});
afterAll(async () => {
  await hub?.stop();
});

it("serves events and reports with the action-lines fields null and an error naming the service", async () => {
  const res = await hub.query<{
    events: Array<{ id: string; title: string; organisers: null | unknown[] }>;
    reports: { totalCount: number; edges: Array<{ node: { id: string; coordinators: null | unknown[] } }> };
    actionLines: null;
  }>(
    "{ events { id title organisers { id name } } reports(first: 5) { totalCount edges { node { id coordinators { name } } } } actionLines { code } }",
  );
  expect(res.status).toBe(200);
  expect(res.data!.events.length).toBeGreaterThan(20);
  expect(res.data!.events.every((e) => e.title.length > 0)).toBe(true);
  expect(res.data!.reports.totalCount).toBe(21); // the catalogue's 20 and the review's outcome
  expect(res.data!.actionLines).toBeNull();
  const unavailable = res.errors!.filter((e) => e.extensions?.code === "SUBGRAPH_UNAVAILABLE");
  expect(unavailable.length).toBeGreaterThan(0);
  expect(unavailable.every((e) => e.extensions!.service === "action-lines")).toBe(true);
  expect(JSON.stringify(res.errors)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);
});
