import { LOCAL_JWT_SECRET } from "@wsis/gateway/auth/jwt-config";
import { localToken, parseTokenArgs } from "@wsis/gateway/token";
import { postGraphQL, TEST_INTERNAL_SECRET, type GraphQLResponse } from "@wsis/shared/testing";
import { callerHeaders as sign } from "@wsis/shared";
import { SignJWT } from "jose";
import { startHub, type TestHub } from "./hub";

/**
 * Authenticated writes through the whole hub: the gateway verifies the bearer token and forwards the caller signed;
 * the subgraphs check scopes and the agency's rights, write in one transaction with an audit entry, or write nothing.
 */
let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await hub?.stop();
});

const now = () => Math.floor(Date.now() / 1000);

/** A token as the local issuer makes it; `change` spoils one part of it. */
async function token(
  agency: string,
  scopes: string[],
  change: { exp?: number; iss?: string; aud?: string; secret?: string; sub?: string } = {},
): Promise<string> {
  return new SignJWT({ agency, scope: scopes.join(" ") })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(change.sub ?? `${agency.toLowerCase()}-editor`)
    .setIssuer(change.iss ?? "wsis-hub-local")
    .setAudience(change.aud ?? "wsis-hub")
    .setIssuedAt()
    .setExpirationTime(change.exp ?? now() + 600)
    .sign(new TextEncoder().encode(change.secret ?? LOCAL_JWT_SECRET));
}
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

const UPDATE = `mutation Update($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id location note organisers { id name } } }`;
const TRANSITION = `mutation Move($id: ID!, $to: ReportStatus!) { transitionReport(id: $id, to: $to) { id status coordinators { id name } } }`;

/** An event's row, links and the events audit trail, read in SQL. */
async function eventState(id: string) {
  const ds = hub.subgraphs.events.dataSource;
  const [row] = await ds.query("SELECT * FROM event WHERE id = $1", [id]);
  const organisers = await ds.query("SELECT * FROM event_organiser WHERE event_id = $1 ORDER BY agency_id", [id]);
  const [{ audits }] = await ds.query("SELECT count(*)::int AS audits FROM audit_log");
  return { row, organisers, audits };
}

async function reportState(id: string) {
  const ds = hub.subgraphs.reports.dataSource;
  const [row] = await ds.query("SELECT * FROM report WHERE id = $1", [id]);
  const [{ changes }] = await ds.query(
    "SELECT count(*)::int AS changes FROM report_status_change WHERE report_id = $1",
    [id],
  );
  const [{ audits }] = await ds.query("SELECT count(*)::int AS audits FROM audit_log");
  return { row, changes, audits };
}

function refusal(res: GraphQLResponse<unknown>): { status: number; code: unknown; data: unknown } {
  expect(res.errors).toHaveLength(1);
  return { status: res.status, code: res.errors![0].extensions?.code, data: res.data ?? null };
}

describe("writing an event through the gateway", () => {
  it("lets ITU, with events:write, change an event it organises; the change is served to everyone and audited", async () => {
    const res = await hub.query<{
      updateEvent: { id: string; location: string; note: string; organisers: Array<{ id: string; name: string }> };
    }>(
      UPDATE,
      { id: "wsis-forum-2025", input: { location: "Palexpo, Geneva", note: "Venue confirmed by ITU" } },
      bearer(await token("ITU", ["events:write"])),
    );
    expect(res.errors).toBeUndefined();
    // The organisers' names come from the action-lines subgraph: the write's answer crosses subgraphs like any read.
    expect(res.data!.updateEvent).toMatchObject({
      id: "wsis-forum-2025",
      location: "Palexpo, Geneva",
      organisers: expect.arrayContaining([{ id: "ITU", name: "International Telecommunication Union" }]),
    });
    const read = await hub.query<{
      event: { location: string; note: string; editedAt: string; locationSource: { id: string } };
    }>(`{ event(id: "wsis-forum-2025") { location note editedAt locationSource { id } } }`);
    expect(read.data!.event).toMatchObject({
      location: "Palexpo, Geneva",
      note: "Venue confirmed by ITU",
      locationSource: { id: "hub-submission-itu" },
    });
    const [row] = await hub.subgraphs.events.dataSource.query(
      "SELECT location, note FROM event WHERE id = 'wsis-forum-2025'",
    );
    expect(row).toEqual({ location: "Palexpo, Geneva", note: "Venue confirmed by ITU" });
  });

  it("works with a token printed by `npm run token`", async () => {
    const printed = await localToken(
      parseTokenArgs(["--agency", "UNESCO", "--scope", "events:write", "--subject", "focal-point"]),
      { NODE_ENV: "test" },
    );
    const res = await hub.query(
      UPDATE,
      { id: "wsis-forum-2025", input: { note: "Co-organised with UNESCO" } },
      bearer(printed),
    );
    expect(res.errors).toBeUndefined();
  });

  it("refuses without a token (UNAUTHENTICATED) and writes nothing", async () => {
    const before = await eventState("wsis-forum-2024");
    const res = await hub.query(UPDATE, { id: "wsis-forum-2024", input: { note: "anonymous" } });
    expect(refusal(res)).toEqual({ status: 200, code: "UNAUTHENTICATED", data: null });
    expect(await eventState("wsis-forum-2024")).toEqual(before);
  });

  it.each([
    ["expired", () => token("ITU", ["events:write"], { exp: now() - 3600 }), /expired/],
    ["signed with another secret", () => token("ITU", ["events:write"], { secret: "x".repeat(40) }), /signature/],
    [
      "tampered (admin scope pasted into the payload)",
      async () => {
        const [h, , s] = (await token("ITU", ["events:write"])).split(".");
        const payload = Buffer.from(
          JSON.stringify({
            agency: "ITU",
            scope: "admin",
            sub: "itu-editor",
            iss: "wsis-hub-local",
            aud: "wsis-hub",
            exp: now() + 600,
          }),
        ).toString("base64url");
        return `${h}.${payload}.${s}`;
      },
      /signature/,
    ],
    ["for another audience", () => token("ITU", ["events:write"], { aud: "another-api" }), /audience/],
    ["of another issuer", () => token("ITU", ["events:write"], { iss: "https://evil.example" }), /issuer/],
    [
      "with alg none",
      async () => {
        const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
        return `${b64({ alg: "none" })}.${b64({ agency: "ITU", scope: "admin", sub: "x", iss: "wsis-hub-local", aud: "wsis-hub", exp: now() + 600 })}.`;
      },
      /algorithm/,
    ],
  ])(
    "refuses a token that is %s with HTTP 401 UNAUTHENTICATED, no data, and writes nothing",
    async (_label, make, reason) => {
      const before = await eventState("wsis-forum-2024");
      const statements = await hub.countStatements(async () => {
        const res = await hub.query(UPDATE, { id: "wsis-forum-2024", input: { note: "forged" } }, bearer(await make()));
        expect(refusal(res)).toEqual({ status: 401, code: "UNAUTHENTICATED", data: null });
        expect(res.errors![0].message).toMatch(reason);
      });
      expect(statements).toBe(0);
      expect(await eventState("wsis-forum-2024")).toEqual(before);
    },
  );

  it("refuses an Authorization header that is not a bearer token, even for a read (never anonymous)", async () => {
    const res = await postGraphQL(hub.url, "{ sdgGoals { code } }", undefined, {
      authorization: "Basic aXR1OnNlY3JldA==",
    });
    expect(refusal(res)).toEqual({ status: 401, code: "UNAUTHENTICATED", data: null });
    const expiredRead = await hub.query(
      "{ sdgGoals { code } }",
      undefined,
      bearer(await token("ITU", ["events:write"], { exp: now() - 3600 })),
    );
    expect(refusal(expiredRead).status).toBe(401);
  });

  it("refuses a valid token of an agency that does not organise the event (FORBIDDEN) and writes nothing", async () => {
    const before = await eventState("cstd-2022");
    const res = await hub.query(
      UPDATE,
      { id: "cstd-2022", input: { note: "not ours" } },
      bearer(await token("UNESCO", ["events:write"])),
    );
    expect(refusal(res)).toEqual({ status: 200, code: "FORBIDDEN", data: null });
    expect(res.errors![0].extensions).toMatchObject({ service: "events" });
    expect(await eventState("cstd-2022")).toEqual(before);
  });

  it("refuses a valid token without the scope (FORBIDDEN)", async () => {
    const res = await hub.query(
      UPDATE,
      { id: "wsis-forum-2024", input: { note: "x" } },
      bearer(await token("ITU", ["reports:write", "indicators:publish"])),
    );
    expect(refusal(res).code).toBe("FORBIDDEN");
  });

  it("never forwards a client's own caller headers, even correctly signed ones", async () => {
    const before = await eventState("wsis-forum-2024");
    const forged = sign({ agency: "ITU", subject: "intruder", scopes: ["admin"] }, TEST_INTERNAL_SECRET);
    const res = await hub.query(UPDATE, { id: "wsis-forum-2024", input: { note: "smuggled" } }, forged);
    expect(refusal(res).code).toBe("UNAUTHENTICATED");
    expect(await eventState("wsis-forum-2024")).toEqual(before);
  });

  it("refuses a mutation sent straight to the subgraph, without the gateway's signature, and writes nothing", async () => {
    const before = await eventState("wsis-forum-2024");
    const direct = hub.subgraphs.events.url;
    // The subgraph's own schema: agencies are key-only stubs there.
    const UPDATE = `mutation($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id note organisers { id } } }`;
    const withToken = await postGraphQL(
      direct,
      UPDATE,
      { id: "wsis-forum-2024", input: { note: "direct" } },
      bearer(await token("ITU", ["events:write"])),
    );
    expect(refusal(withToken).code).toBe("UNAUTHENTICATED");
    const unsigned = Buffer.from(
      JSON.stringify({ agency: "ITU", subject: "x", scopes: ["admin"], exp: now() + 60 }),
    ).toString("base64url");
    const forged = await postGraphQL(
      direct,
      UPDATE,
      { id: "wsis-forum-2024", input: { note: "direct" } },
      { "x-wsis-caller": unsigned, "x-wsis-caller-signature": "forged" },
    );
    expect(refusal(forged).code).toBe("UNAUTHENTICATED");
    const guessed = await postGraphQL(
      direct,
      UPDATE,
      { id: "wsis-forum-2024", input: { note: "direct" } },
      sign({ agency: "ITU", subject: "x", scopes: ["admin"] }, "wsis-hub-local-internal-secret-change-me"),
    );
    expect(refusal(guessed).code).toBe("UNAUTHENTICATED");
    expect(await eventState("wsis-forum-2024")).toEqual(before);
  });
});

describe("the report workflow through the gateway", () => {
  it("lets a coordinating agency move its report with reports:write, publish only with reports:publish", async () => {
    const id = "wsis20-action-line-review-c2"; // ITU facilitates C2
    const write = bearer(await token("ITU", ["reports:write"]));
    for (const to of ["DRAFTING", "SUBMITTED"]) {
      const res = await hub.query<{
        transitionReport: { status: string; coordinators: Array<{ id: string; name: string }> };
      }>(TRANSITION, { id, to }, write);
      expect(res.errors).toBeUndefined();
      expect(res.data!.transitionReport).toEqual({
        id,
        status: to,
        coordinators: [{ id: "ITU", name: "International Telecommunication Union" }],
      });
    }
    const before = await reportState(id);
    expect(refusal(await hub.query(TRANSITION, { id, to: "PUBLISHED" }, write)).code).toBe("FORBIDDEN");
    expect(await reportState(id)).toEqual(before);
    const published = await hub.query<{ transitionReport: { status: string } }>(
      TRANSITION,
      { id, to: "PUBLISHED" },
      bearer(await token("ITU", ["reports:publish"])),
    );
    expect(published.data!.transitionReport.status).toBe("PUBLISHED");
    const read = await hub.query<{ report: { status: string; publishedDate: { precision: string } } }>(
      `{ report(id: "${id}") { status publishedDate { precision } } }`,
    );
    expect(read.data!.report).toEqual({ status: "PUBLISHED", publishedDate: { precision: "DAY" } });
  });

  it("refuses an agency that does not coordinate the report, and the anonymous; writes nothing", async () => {
    const id = "wsis20-action-line-review-c5";
    const before = await reportState(id);
    expect(
      refusal(
        await hub.query(
          TRANSITION,
          { id, to: "DRAFTING" },
          bearer(await token("UNESCO", ["reports:write", "reports:publish"])),
        ),
      ).code,
    ).toBe("FORBIDDEN");
    expect(refusal(await hub.query(TRANSITION, { id, to: "DRAFTING" })).code).toBe("UNAUTHENTICATED");
    expect(await reportState(id)).toEqual(before);
  });

  it("creates a report coordinated by the caller's agency", async () => {
    const res = await hub.query<{ createReport: { id: string; status: string; coordinators: Array<{ id: string }> } }>(
      `mutation { createReport(input: { id: "wsis20-itu-test-review", title: "A review", kind: UNGIS_REVIEW }) { id status coordinators { id } } }`,
      undefined,
      bearer(await token("ITU", ["reports:write"])),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createReport).toEqual({
      id: "wsis20-itu-test-review",
      status: "PLANNED",
      coordinators: [{ id: "ITU" }],
    });
  });
});

describe("the audit trail through the gateway", () => {
  const AUDIT = `query Audit { auditLog {
    events(filter: { entityId: "wsis-forum-2025" }) { edges { node { at operation entityType entityId agency subject scopes before after } } }
    reports(filter: { entityType: "Report" }, first: 50) { edges { node { at operation entityId agency subject before after } } }
  } }`;
  interface Entry {
    at: string;
    operation: string;
    entityId: string;
    agency: string;
    subject: string;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  }

  it("records who, when, what and how for every write, readable by an admin in one query across subgraphs", async () => {
    const res = await hub.query<{
      auditLog: { events: { edges: Array<{ node: Entry }> }; reports: { edges: Array<{ node: Entry }> } };
    }>(AUDIT, undefined, bearer(await token("UNGIS", ["admin"], { sub: "hub-admin" })));
    expect(res.errors).toBeUndefined();
    const events = res.data!.auditLog.events.edges.map((e) => e.node);
    expect(events.map((e) => [e.operation, e.agency, e.subject])).toEqual([
      ["updateEvent", "UNESCO", "focal-point"],
      ["updateEvent", "ITU", "itu-editor"],
    ]);
    expect(events[1].before).toMatchObject({ id: "wsis-forum-2025" });
    expect(events[1].before!.location).not.toBe("Palexpo, Geneva");
    expect(events[1].after).toMatchObject({ location: "Palexpo, Geneva", note: "Venue confirmed by ITU" });
    for (const e of events) expect(Math.abs(Date.parse(e.at) - Date.now())).toBeLessThan(10 * 60_000);
    const reports = res.data!.auditLog.reports.edges.map((e) => e.node);
    expect(reports.map((e) => [e.operation, e.entityId, e.agency])).toEqual([
      ["createReport", "wsis20-itu-test-review", "ITU"],
      ["transitionReport", "wsis20-action-line-review-c2", "ITU"],
      ["transitionReport", "wsis20-action-line-review-c2", "ITU"],
      ["transitionReport", "wsis20-action-line-review-c2", "ITU"],
    ]);
    expect(reports[1]).toMatchObject({ before: { status: "SUBMITTED" }, after: { status: "PUBLISHED" } });
  });

  it("is refused to agencies without the admin scope and to the anonymous", async () => {
    const itu = await hub.query(
      AUDIT,
      undefined,
      bearer(await token("ITU", ["events:write", "reports:write", "reports:publish", "indicators:publish"])),
    );
    expect(itu.data ?? null).toBeNull();
    expect(itu.errors!.map((e) => e.extensions?.code)).toContain("FORBIDDEN");
    const anonymous = await hub.query(AUDIT);
    expect(anonymous.data ?? null).toBeNull();
    expect(anonymous.errors!.map((e) => e.extensions?.code)).toContain("UNAUTHENTICATED");
  });
});

describe("caching", () => {
  it("never caches or serves from cache an answer to a request with a token", async () => {
    const headers = { "content-type": "application/json", ...bearer(await token("ITU", ["events:write"])) };
    const response = await fetch(hub.url, {
      method: "POST",
      headers,
      body: JSON.stringify({ query: "{ sdgGoals { code } }" }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).not.toMatch(/max-age=[1-9]/);
  });
});
