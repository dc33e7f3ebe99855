import { callerHeaders, recordAudit } from "@wsis/shared";
import { startTestSubgraph, TEST_INTERNAL_SECRET, type TestSubgraph } from "@wsis/shared/testing";
import { actionLinesModule } from "../src/module";

let sg: TestSubgraph<unknown>;

beforeAll(async () => {
  sg = await startTestSubgraph(actionLinesModule);
});
afterAll(async () => {
  await sg?.stop();
});

const AUDIT = `{ auditLog { actionLines(first: 10) { edges { node { id operation } } pageInfo { hasNextPage endCursor } } } }`;

describe("auditLog.actionLines", () => {
  it("answers administrators only (nothing is written here yet: the seed is not a write through the API)", async () => {
    const anonymous = await sg.query(AUDIT);
    expect(anonymous.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const itu = await sg.query(
      AUDIT,
      {},
      callerHeaders({ agency: "ITU", subject: "x", scopes: ["events:write", "reports:write"] }, TEST_INTERNAL_SECRET),
    );
    expect(itu.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const admin = await sg.query(
      AUDIT,
      {},
      callerHeaders({ agency: "UNGIS", subject: "admin", scopes: ["admin"] }, TEST_INTERNAL_SECRET),
    );
    expect(admin.errors).toBeUndefined();
    expect(admin.data).toEqual({
      auditLog: { actionLines: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } },
    });
  });

  it("has its append-only table in the subgraph's own schema", async () => {
    const [table] = await sg.dataSource.query(
      `SELECT table_schema FROM information_schema.tables WHERE table_name = 'audit_log' AND table_schema = 'action_lines'`,
    );
    expect(table).toEqual({ table_schema: "action_lines" });
    await expect(sg.dataSource.query("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
    const caller = { agency: "UNGIS", subject: "admin", scopes: ["admin"] };
    await sg.dataSource.transaction((m) =>
      recordAudit(m, {
        operation: "test",
        entityType: "Agency",
        entityId: "ITU",
        before: null,
        after: { id: "ITU" },
        caller,
      }),
    );
    await expect(sg.dataSource.query("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
    await expect(sg.dataSource.query("UPDATE audit_log SET agency = 'ITU'")).rejects.toThrow(/append-only/);
    const admin = await sg.query<{ auditLog: { actionLines: { edges: Array<{ node: { operation: string } }> } } }>(
      AUDIT,
      {},
      callerHeaders(caller, TEST_INTERNAL_SECRET),
    );
    expect(admin.data!.auditLog.actionLines.edges.map((e) => e.node.operation)).toEqual(["test"]);
  });
});

describe("auditLog arguments", () => {
  const ADMIN = callerHeaders({ agency: "UNGIS", subject: "admin", scopes: ["admin"] }, TEST_INTERNAL_SECRET);
  const PAGE = `query($after: String, $filter: AuditFilter) { auditLog { actionLines(first: 1, after: $after, filter: $filter) {
    edges { cursor node { operation } } pageInfo { hasNextPage endCursor } } } }`;
  const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64url");

  beforeAll(async () => {
    const caller = { agency: "UNGIS", subject: "admin", scopes: ["admin"] };
    for (const operation of ["first", "second"]) {
      await sg.dataSource.transaction((m) =>
        recordAudit(m, {
          operation,
          entityType: "Agency",
          entityId: "ITU",
          before: null,
          after: { id: "ITU" },
          caller,
        }),
      );
    }
  });

  it("pages with its own cursors", async () => {
    const first = await sg.query<{
      auditLog: { actionLines: { edges: Array<{ node: { operation: string } }>; pageInfo: { endCursor: string } } };
    }>(PAGE, {}, ADMIN);
    expect(first.data!.auditLog.actionLines.edges.map((e) => e.node.operation)).toEqual(["second"]);
    const next = await sg.query<{ auditLog: { actionLines: { edges: Array<{ node: { operation: string } }> } } }>(
      PAGE,
      { after: first.data!.auditLog.actionLines.pageInfo.endCursor },
      ADMIN,
    );
    expect(next.data!.auditLog.actionLines.edges.map((e) => e.node.operation)).toEqual(["first"]);
  });

  it.each([
    // The earlier encoding ("audit:<id>") with an id beyond PostgreSQL's bigint, and forged values of the current one.
    ["an id beyond bigint", b64("audit:9999999999999999999")],
    ["a tagged id beyond bigint", b64(JSON.stringify(["audit", "99999999999999999999"]))],
    ["a tagged number", b64(JSON.stringify(["audit", 10000000000]))],
    ["a tagged id with a NUL", b64(JSON.stringify(["audit", "12\u0000"]))],
    ["another list's cursor", b64(JSON.stringify(["reports", 1, "x"]))],
    ["garbage", "not a cursor!"],
  ])("refuses a forged cursor (%s) with BAD_USER_INPUT naming after", async (_what, after) => {
    const res = await sg.query(PAGE, { after }, ADMIN);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "after" });
  });

  it.each(["yesterday", "2025-13-45T00:00:00Z", "2025-01-01T25:00:00Z", "", "2025-01-01T00:00:00Z\u0000"])(
    "refuses an invalid date-time in filter.since (%j) with HTTP 400 and BAD_USER_INPUT, without a stack trace",
    async (since) => {
      const res = await fetch(sg.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...ADMIN },
        body: JSON.stringify({ query: PAGE, variables: { filter: { since } } }),
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
      expect(body.errors[0].message).toMatch(/since/);
      expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.(ts|js)/);
    },
  );

  it("takes a valid since", async () => {
    const res = await sg.query(PAGE, { filter: { since: "2000-01-01T00:00:00Z" } }, ADMIN);
    expect(res.errors).toBeUndefined();
  });
});
