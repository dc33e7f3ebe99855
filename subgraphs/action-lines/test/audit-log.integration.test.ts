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
    const itu = await sg.query(AUDIT, {}, callerHeaders({ agency: "ITU", subject: "x", scopes: ["events:write", "reports:write"] }, TEST_INTERNAL_SECRET));
    expect(itu.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const admin = await sg.query(AUDIT, {}, callerHeaders({ agency: "UNGIS", subject: "admin", scopes: ["admin"] }, TEST_INTERNAL_SECRET));
    expect(admin.errors).toBeUndefined();
    expect(admin.data).toEqual({ auditLog: { actionLines: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } } });
  });

  it("has its append-only table in the subgraph's own schema", async () => {
    const [table] = await sg.dataSource.query(`SELECT table_schema FROM information_schema.tables WHERE table_name = 'audit_log' AND table_schema = 'action_lines'`);
    expect(table).toEqual({ table_schema: "action_lines" });
    await expect(sg.dataSource.query("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
    const caller = { agency: "UNGIS", subject: "admin", scopes: ["admin"] };
    await sg.dataSource.transaction((m) => recordAudit(m, { operation: "test", entityType: "Agency", entityId: "ITU", before: null, after: { id: "ITU" }, caller }));
    await expect(sg.dataSource.query("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
    await expect(sg.dataSource.query("UPDATE audit_log SET agency = 'ITU'")).rejects.toThrow(/append-only/);
    const admin = await sg.query<{ auditLog: { actionLines: { edges: Array<{ node: { operation: string } }> } } }>(AUDIT, {}, callerHeaders(caller, TEST_INTERNAL_SECRET));
    expect(admin.data!.auditLog.actionLines.edges.map((e) => e.node.operation)).toEqual(["test"]);
  });
});
