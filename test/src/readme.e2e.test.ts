import { startHub, type TestHub } from "./hub";
import { readmeQueries } from "./readme-queries";

/** Every example query of the README runs through the gateway without an error, so the README stays true. */
let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await hub?.stop();
});

const queries = readmeQueries();

it("finds the README's example queries", () => {
  expect(queries.length).toBeGreaterThan(15);
});

it.each(queries.map((q) => [q.replace(/\s+/g, " ").slice(0, 90), q]))("runs %s", async (_name, query) => {
  const res = await hub.query(query);
  expect(res.errors).toBeUndefined();
  expect(res.data).toBeTruthy();
});
