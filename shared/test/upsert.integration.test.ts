import { DataSource } from "typeorm";
import { upsertRows } from "../src";
import { createTestDatabase, type TestDatabase } from "../src/testing";

let db: TestDatabase;
let ds: DataSource;

beforeAll(async () => {
  db = await createTestDatabase("upsert");
  ds = new DataSource({ type: "postgres", url: db.url });
  await ds.initialize();
  await ds.query("CREATE TABLE thing (id text PRIMARY KEY, name text NOT NULL, tags text[] NOT NULL)");
});
afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

describe("upsertRows against PostgreSQL", () => {
  const spec = (rows: Array<{ id: string; name: string; tags: string[] }>, chunkSize?: number) => ({
    table: "thing",
    columns: ["id", "name", "tags"],
    key: ["id"],
    rows,
    values: (r: { id: string; name: string; tags: string[] }) => [r.id, r.name, r.tags],
    chunkSize,
  });

  it("inserts new rows, updates only changed ones, and counts what it wrote", async () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({ id: `t${i}`, name: `thing ${i}`, tags: [String(i)] }));
    expect(await upsertRows(ds.manager, spec(rows, 10))).toBe(25);
    expect(await upsertRows(ds.manager, spec(rows, 10))).toBe(0);
    rows[3] = { ...rows[3], name: "renamed" };
    expect(await upsertRows(ds.manager, spec(rows, 10))).toBe(1);
    const [{ n }] = await ds.query("SELECT count(*)::int AS n FROM thing");
    expect(n).toBe(25);
    const [{ name }] = await ds.query("SELECT name FROM thing WHERE id = 't3'");
    expect(name).toBe("renamed");
  });
});
