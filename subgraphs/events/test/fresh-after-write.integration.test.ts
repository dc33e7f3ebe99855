import { callerAs, startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { eventsModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";

/**
 * After a write, no loader of the request answers from what it read before the write: a second mutation of the same
 * request sees the first one's reads refreshed, whichever loader they went through (here: the events of a host country).
 */

let sg: TestSubgraph<SeedCounts>;
beforeAll(async () => {
  sg = await startTestSubgraph(eventsModule);
});
afterAll(async () => {
  await sg?.stop();
});

it("a later mutation of the same request reads what the earlier ones wrote", async () => {
  const res = await sg.query<Record<"a" | "b", { id: string; hostEconomy: { events: Array<{ id: string }> } }>>(
    `mutation {
       a: updateEvent(id: "wsis-forum-2024", input: { hostEconomy: "KEN" }) { id hostEconomy { events { id } } }
       b: updateEvent(id: "wsis-forum-2025", input: { hostEconomy: "KEN" }) { id hostEconomy { events { id } } }
     }`,
    {},
    callerAs("ITU", ["events:write"]),
  );
  expect(res.errors).toBeUndefined();
  expect(res.data!.a.hostEconomy.events.map((e) => e.id)).toEqual(["wsis-forum-2024"]);
  expect(res.data!.b.hostEconomy.events.map((e) => e.id)).toEqual(["wsis-forum-2024", "wsis-forum-2025"]);
});
