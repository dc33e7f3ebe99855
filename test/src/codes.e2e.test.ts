import { LOCAL_JWT_SECRET } from "@wsis/gateway/auth/jwt-config";
import type { GraphQLResponse } from "@wsis/shared/testing";
import { SignJWT } from "jose";
import { startHub, type TestHub } from "./hub";

/**
 * Codes through the whole hub (issues #12 §2 and #13 §4): any case on input, answered as stored, so the other subgraphs
 * find what the first one answers; an unknown code is null in a lookup and BAD_USER_INPUT in a filter; a write names
 * only what the graph resolves.
 */
let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await hub?.stop();
});

async function bearer(agency: string, scopes: string[]): Promise<Record<string, string>> {
  const token = await new SignJWT({ agency, scope: scopes.join(" ") })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(`${agency.toLowerCase()}-editor`)
    .setIssuer("wsis-hub-local")
    .setAudience("wsis-hub")
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + 600)
    .sign(new TextEncoder().encode(LOCAL_JWT_SECRET));
  return { authorization: `Bearer ${token}` };
}

function badInput(res: GraphQLResponse<unknown>, argumentName: string, mention: string): void {
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName });
  expect(res.errors![0].message).toContain(mention);
}

it("answers a code given in any case in its stored form, which the other subgraphs then find", async () => {
  const res = await hub.query<{
    actionLine: { code: string; events: unknown[]; reports: Array<{ id: string }> };
    agency: { id: string; events: unknown[]; reports: unknown[] };
    event: { id: string; reports: unknown[] };
  }>(
    '{ actionLine(code: "c7.E-HEALTH") { code events { id } reports { id } } agency(id: "unesco") { id events { id } reports { id } } event(id: "WSIS-Forum-2022") { id reports { id } } }',
  );
  expect(res.errors).toBeUndefined();
  expect(res.data!.actionLine.code).toBe("C7.e-health");
  expect(res.data!.actionLine.events.length).toBeGreaterThan(0);
  expect(res.data!.actionLine.reports.map((r) => r.id)).toEqual(["wsis20-action-line-review-c7"]);
  expect(res.data!.agency.id).toBe("UNESCO");
  expect(res.data!.agency.events.length).toBeGreaterThan(0);
  expect(res.data!.agency.reports.length).toBeGreaterThan(0);
  expect(res.data!.event).toEqual({ id: "wsis-forum-2022", reports: [{ id: "wsis20-progress-report" }] });
});

it("gives null for an unknown code in every lookup of the action-lines, events and reports subgraphs", async () => {
  const res = await hub.query(
    `{ actionLine(code: "C99") { code } agency(id: "NOPE") { id } sdgGoal(code: "99") { code } sdgTarget(code: "99.9") { code }
       sdgIndicator(code: "99.9.9") { code } event(id: "no-such-event") { id } roadmapTrack(id: "no-such-track") { id }
       report(id: "no-such-report") { id } reportTemplate(id: "no-such-template") { id } }`,
  );
  expect(res.errors).toBeUndefined();
  expect(Object.values(res.data!)).toEqual(Array(9).fill(null));
});

it.each([
  ['{ events(filter: { organiser: "NOPE" }) { id } }', "filter.organiser", '"NOPE"'],
  ['{ eventConnection(filter: { actionLine: "C99" }) { totalCount } }', "filter.actionLine", '"C99"'],
  ['{ reports(filter: { economy: "ZZZ" }) { totalCount } }', "filter.economy", '"ZZZ"'],
  ['{ reports(filter: { agency: "NOPE" }) { totalCount } }', "filter.agency", '"NOPE"'],
])("refuses a filter naming an unknown code: %s", async (query, argumentName, mention) => {
  badInput(await hub.query(query), argumentName, mention);
});

it("stores what a write names as the owners spell it, so that it resolves across the graph", async () => {
  const report = await hub.query<{
    createReport: {
      economy: { code: string; name: string };
      indicators: Array<{ code: string; name: string }>;
      coordinators: Array<{ id: string; name: string }>;
    };
  }>(
    `mutation { createReport(input: { id: "wsis20-national-review-ken", title: "WSIS+20 National Review Report — Kenya", kind: NATIONAL_REVIEW,
       economy: "ken", indicators: ["Internet_Users_Pct"], coordinators: ["itu"] }) {
       economy { code name } indicators { code name } coordinators { id name } } }`,
    undefined,
    await bearer("ITU", ["reports:write"]),
  );
  expect(report.errors).toBeUndefined();
  expect(report.data!.createReport).toEqual({
    economy: { code: "KEN", name: "Kenya" },
    indicators: [{ code: "internet_users_pct", name: "Individuals using the Internet" }],
    coordinators: [{ id: "ITU", name: "International Telecommunication Union" }],
  });
  const event = await hub.query<{
    createEvent: { hostEconomy: { code: string; name: string }; organisers: Array<{ id: string; name: string }> };
  }>(
    `mutation { createEvent(input: { id: "itu-event-2027", title: "An ITU event", kind: MEETING, start: "2027", hostEconomy: "756" }) {
       hostEconomy { code name } organisers { id name } } }`,
    undefined,
    await bearer("ITU", ["events:write"]),
  );
  expect(event.errors).toBeUndefined();
  expect(event.data!.createEvent).toEqual({
    hostEconomy: { code: "CHE", name: "Switzerland" },
    organisers: [{ id: "ITU", name: "International Telecommunication Union" }],
  });
});

it("refuses a write naming an economy, an indicator or an agency that the graph does not resolve", async () => {
  const headers = await bearer("ITU", ["reports:write", "events:write"]);
  const create = (input: string) =>
    hub.query(
      `mutation { createReport(input: { id: "wsis20-national-review-zzz", title: "x", kind: NATIONAL_REVIEW, ${input} }) { id } }`,
      undefined,
      headers,
    );
  badInput(await create('economy: "ZZZ"'), "input.economy", '"ZZZ"');
  badInput(await create('economy: "KEN", indicators: ["IT_USE_ii99"]'), "input.indicators", '"IT_USE_ii99"');
  badInput(await create('economy: "KEN", authors: ["ACME"]'), "input.authors", '"ACME"');
  badInput(
    await hub.query(
      'mutation { createEvent(input: { id: "itu-event-2028", title: "x", kind: MEETING, start: "2028", hostEconomy: "ZZZ" }) { id } }',
      undefined,
      headers,
    ),
    "input.hostEconomy",
    '"ZZZ"',
  );
  const none = await hub.query<{ report: null; event: null }>(
    '{ report(id: "wsis20-national-review-zzz") { id } event(id: "itu-event-2028") { id } }',
  );
  expect(none.data).toEqual({ report: null, event: null });
});
