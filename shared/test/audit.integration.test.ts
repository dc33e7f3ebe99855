import { DataSource } from "typeorm";
import {
  AUDIT_LOG_DROP_DDL,
  AUDIT_LOG_TABLE_DDL,
  AuditEntry,
  AuditLogReader,
  recordAudit,
  recordAudits,
  runInRequestScope,
  type Caller,
} from "../src";
import { createTestDatabase, type TestDatabase } from "../src/testing";

let db: TestDatabase;
let ds: DataSource;
const ITU: Caller = { agency: "ITU", subject: "editor@itu.int", scopes: ["events:write"] };
const ADMIN: Caller = { agency: "UNGIS", subject: "admin", scopes: ["admin"] };

beforeAll(async () => {
  db = await createTestDatabase("audit");
  ds = new DataSource({ type: "postgres", url: db.url, entities: [AuditEntry] });
  await ds.initialize();
  await ds.query(AUDIT_LOG_TABLE_DDL);
  await ds.query("CREATE TABLE thing (id text PRIMARY KEY, name text NOT NULL)");
});
afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

const count = async () => (await ds.query("SELECT count(*)::int AS n FROM audit_log"))[0].n as number;

describe("the audit trail", () => {
  it("records who, when, what and through which operation, in the transaction of the change", async () => {
    const id = await runInRequestScope({ requestId: "req-1" }, () =>
      ds.transaction(async (m) => {
        await m.query("INSERT INTO thing VALUES ('a', 'first')");
        return recordAudit(m, {
          operation: "createThing",
          entityType: "Thing",
          entityId: "a",
          before: null,
          after: { id: "a", name: "first", at: new Date("2025-01-02T03:04:05Z") },
          caller: ITU,
        });
      }),
    );
    const [row] = await ds.query("SELECT * FROM audit_log WHERE id = $1", [id]);
    expect(row).toMatchObject({
      operation: "createThing",
      entity_type: "Thing",
      entity_id: "a",
      agency: "ITU",
      subject: "editor@itu.int",
      scopes: ["events:write"],
      request_id: "req-1",
      before: null,
      after: { id: "a", name: "first", at: "2025-01-02T03:04:05.000Z" },
    });
    expect(row.at).toBeInstanceOf(Date);
  });

  it("is rolled back with the change it records", async () => {
    const before = await count();
    await expect(
      ds.transaction(async (m) => {
        await recordAudit(m, {
          operation: "updateThing",
          entityType: "Thing",
          entityId: "a",
          before: { name: "first" },
          after: { name: "second" },
          caller: ITU,
        });
        await m.query("UPDATE thing SET name = 'second' WHERE id = 'a'");
        throw new Error("the change fails after the audit entry was written");
      }),
    ).rejects.toThrow("the change fails");
    expect(await count()).toBe(before);
    expect((await ds.query("SELECT name FROM thing WHERE id = 'a'"))[0].name).toBe("first");
  });

  it("refuses to record without a caller, outside a transaction, or with nothing to record", async () => {
    await expect(
      ds.transaction((m) =>
        recordAudit(m, { operation: "x", entityType: "Thing", entityId: "a", before: null, after: {}, caller: null }),
      ),
    ).rejects.toMatchObject({
      extensions: { code: "UNAUTHENTICATED" },
    });
    await expect(
      recordAudit(ds.manager, {
        operation: "x",
        entityType: "Thing",
        entityId: "a",
        before: null,
        after: {},
        caller: ITU,
      }),
    ).rejects.toThrow(/transaction/);
    await expect(
      ds.transaction((m) =>
        recordAudit(m, { operation: "x", entityType: "Thing", entityId: "a", before: null, after: null, caller: ITU }),
      ),
    ).rejects.toThrow(/both empty/);
  });

  it("is append-only: UPDATE, DELETE and TRUNCATE are refused by the database", async () => {
    const before = await ds.query("SELECT * FROM audit_log ORDER BY id");
    await expect(ds.query("UPDATE audit_log SET agency = 'UNESCO'")).rejects.toThrow(/append-only/);
    await expect(ds.query("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
    await expect(ds.query("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
    expect(await ds.query("SELECT * FROM audit_log ORDER BY id")).toEqual(before);
  });

  it("records many changes in one statement and reads them back newest first, filtered, a page at a time", async () => {
    const ids = await ds.transaction((m) =>
      recordAudits(
        m,
        Array.from({ length: 7 }, (_, i) => ({
          operation: i % 2 ? "updateThing" : "createThing",
          entityType: "Thing",
          entityId: `t${i}`,
          before: i % 2 ? { n: i - 1 } : null,
          after: { n: i },
          caller: i < 5 ? ITU : ADMIN,
        })),
      ),
    );
    expect(ids).toHaveLength(7);
    const reader = new AuditLogReader(ds);
    const all = await reader.list(null, 100, null);
    const allIds = all.edges.map((e) => Number(e.node.id));
    expect(allIds).toEqual([...allIds].sort((a, b) => b - a));
    expect(all.pageInfo.hasNextPage).toBe(false);

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await reader.list({ agency: "ITU", entityType: "Thing" }, 2, after);
      seen.push(...page.edges.map((e) => e.node.entityId));
      expect(page.edges.every((e) => e.node.agency === "ITU")).toBe(true);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.filter((id) => /^t\d$/.test(id))).toEqual(["t4", "t3", "t2", "t1", "t0"]);

    const updates = await reader.list({ operation: "updateThing", entityId: "t3" }, 10, null);
    expect(updates.edges.map((e) => [e.node.entityId, e.node.before, e.node.after, e.node.scopes])).toEqual([
      ["t3", { n: 2 }, { n: 3 }, ["events:write"]],
    ]);
    const future = await reader.list({ since: new Date(Date.now() + 60_000) }, 10, null);
    expect(future.edges).toEqual([]);
  });

  it("refuses bad page sizes, cursors and filters with BAD_USER_INPUT naming the argument", async () => {
    const reader = new AuditLogReader(ds);
    await expect(reader.list(null, 101, null)).rejects.toMatchObject({
      extensions: { code: "BAD_USER_INPUT", argumentName: "first" },
    });
    await expect(reader.list(null, 10, "not-a-cursor")).rejects.toMatchObject({
      extensions: { code: "BAD_USER_INPUT", argumentName: "after" },
    });
    await expect(reader.list({ agency: " " }, 10, null)).rejects.toMatchObject({
      extensions: { code: "BAD_USER_INPUT", argumentName: "filter.agency" },
    });
  });

  it("can be dropped again (a migration's down)", async () => {
    await ds.query(AUDIT_LOG_DROP_DDL);
    expect(await ds.query("SELECT to_regclass('audit_log') AS t")).toEqual([{ t: null }]);
    await ds.query(AUDIT_LOG_TABLE_DDL);
  });
});
