import {
  errorCodeOf,
  expectBadUserInput,
  startTestSubgraph,
  type GraphQLResponse,
  type TestSubgraph,
} from "@wsis/shared/testing";
import { IMPORT_LIMITS } from "../src/entry/entry-import.service";
import { stocktakingModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";
import { AS, tableCounts } from "./fixtures";

let sg: TestSubgraph<SeedCounts>;

beforeAll(async () => {
  sg = await startTestSubgraph(stocktakingModule);
});
afterAll(async () => {
  await sg?.stop();
});

const IMPORT = `mutation($input: ImportStocktakingEntriesInput!) { importStocktakingEntries(input: $input) {
  replayed entries { id title status submittedBy stakeholderType actionLines { code } economies { code } sdgGoals { code } start { value } end { value } url } } }`;

interface Imported {
  importStocktakingEntries: {
    replayed: boolean;
    entries: Array<{
      id: string;
      title: string;
      status: string;
      submittedBy: string;
      stakeholderType: string;
      actionLines: Array<{ code: string }>;
      economies: Array<{ code: string }>;
      sdgGoals: Array<{ code: string }>;
      start: { value: string } | null;
      end: { value: string } | null;
      url: string | null;
    }>;
  };
}

const run = (
  csv: string,
  headers: Record<string, string> = AS.unesco,
  idempotencyKey?: string,
): Promise<GraphQLResponse<Imported>> => sg.query<Imported>(IMPORT, { input: { csv, idempotencyKey } }, headers);

const HEADER = "title,description,organisation,stakeholder_type,action_lines,economies,sdg_goals,start,end,url";

/** TEST FIXTURE rows: made-up activities, in this test's database only. */
const row = (n: number, overrides: Partial<Record<string, string>> = {}) => {
  const cells = {
    title: `TEST FIXTURE import ${n}`,
    description: `"A test fixture, line one\nline two, with a comma"`,
    organisation: "Test fixture organisation",
    stakeholder_type: "civil society",
    action_lines: "C4;c7.e-learning",
    economies: "KEN;nga",
    sdg_goals: "4",
    start: "2020",
    end: "2023-06",
    url: "https://example.org/fixture",
    ...overrides,
  };
  return Object.values(cells).join(",");
};

describe("importStocktakingEntries", () => {
  it("imports every row, in the file's order, SUBMITTED for the caller's agency, with an audit entry each", async () => {
    const csv = [HEADER, row(1), row(2, { economies: "", sdg_goals: "", end: "", url: "", start: "" })].join("\r\n");
    const res = await run(`\ufeff${csv}\r\n`);
    expect(res.errors).toBeUndefined();
    const { entries, replayed } = res.data!.importStocktakingEntries;
    expect(replayed).toBe(false);
    expect(entries.map((e) => e.title)).toEqual(["TEST FIXTURE import 1", "TEST FIXTURE import 2"]);
    expect(entries[0]).toMatchObject({
      status: "SUBMITTED",
      submittedBy: "UNESCO",
      stakeholderType: "CIVIL_SOCIETY",
      actionLines: [{ code: "C4" }, { code: "C7.e-learning" }],
      economies: [{ code: "KEN" }, { code: "NGA" }],
      sdgGoals: [{ code: "4" }],
      start: { value: "2020" },
      end: { value: "2023-06" },
      url: "https://example.org/fixture",
    });
    expect(entries[1]).toMatchObject({ economies: [], sdgGoals: [], start: null, end: null, url: null });
    const audits = await sg.dataSource.query(
      "SELECT entity_id, agency, after FROM audit_log WHERE operation = 'importStocktakingEntries' ORDER BY id",
    );
    expect(audits.map((a: { entity_id: string }) => a.entity_id)).toEqual(entries.map((e) => e.id));
    expect(audits[0].after).toMatchObject({
      title: "TEST FIXTURE import 1",
      submittedBy: "UNESCO",
      economies: ["KEN", "NGA"],
    });
  });

  it("refuses the whole file when any row is bad, naming every bad row by line and column; nothing is written", async () => {
    const before = await tableCounts(sg);
    const csv = [
      HEADER,
      row(3),
      row(4, { action_lines: "C12", start: "2021-02-30" }),
      row(5),
      row(6, { stakeholder_type: "donor", economies: "ZZZ", url: "not a url" }),
      "TEST FIXTURE short row,only two cells",
    ].join("\n");
    const res = await run(csv);
    expect(errorCodeOf(res)).toBe("BAD_USER_INPUT");
    const ext = res.errors![0].extensions!;
    expect(ext).toMatchObject({ argumentName: "input.csv", rowCount: 5, invalidRowCount: 3, problemCount: 6 });
    // Each fixture row spans two lines (its description has a quoted line break): a row is named by the line it ends on.
    expect(ext.invalidRows).toEqual([
      { line: 5, field: "action_lines", message: expect.stringContaining('"C12"') },
      { line: 5, field: "start", message: expect.stringContaining('"2021-02-30"') },
      { line: 9, field: "stakeholder_type", message: expect.stringContaining('"donor"') },
      { line: 9, field: "economies", message: expect.stringContaining('"ZZZ"') },
      { line: 9, field: "url", message: expect.stringContaining("http") },
      { line: 10, field: "row", message: "has 2 cells; the header has 10" },
    ]);
    expect(res.errors![0].message).toMatch(
      /^3 of 5 rows are invalid \(6 problems\); nothing was written\. First: line 5, action_lines/,
    );
    expect(JSON.stringify(res.errors)).not.toMatch(/stack|INSERT|SELECT/);
    expect(await tableCounts(sg)).toEqual(before);
  });

  it.each([
    [
      "an unknown column",
      "title,description,organisation,stakeholder_type,action_lines,budget",
      /unknown column "budget"/,
    ],
    [
      "a missing required column",
      "title,description,organisation,action_lines",
      /the column stakeholder_type is missing/,
    ],
    [
      "a column twice",
      "title,title,description,organisation,stakeholder_type,action_lines",
      /the column title is given twice/,
    ],
  ])("refuses a header with %s (line 1)", async (_what, header, message) => {
    const res = await run(`${header}\nTEST FIXTURE,x,y,GOVERNMENT,C1,z\n`);
    expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "input.csv" });
    expect((res.errors![0].extensions!.invalidRows as Array<{ line: number; message: string }>)[0]).toMatchObject({
      line: 1,
      message: expect.stringMatching(message),
    });
  });

  it("refuses a file CSV cannot read (an unclosed quote), naming the line the quote opens", async () => {
    const res = await run(`${HEADER}\n${row(7)}\n"TEST FIXTURE unclosed,x\n`);
    expect(res.errors![0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "input.csv",
      invalidRows: [{ line: 4, field: "row" }],
    });
    expect(res.errors![0].message).toMatch(/Quote Not Closed/);
  });

  it("refuses an empty file, a header alone and a file over the row limit", async () => {
    expectBadUserInput(await run(""), "input.csv", "empty");
    expectBadUserInput(await run(`${HEADER}\n`), "input.csv", "no rows");
    const many = [HEADER, ...Array.from({ length: IMPORT_LIMITS.rows + 1 }, (_, i) => row(100 + i))].join("\n");
    expectBadUserInput(await run(many), "input.csv", `${IMPORT_LIMITS.rows + 1} rows`);
  });

  it("needs stocktaking:submit, checked before the file is read", async () => {
    const csv = [HEADER, row(8)].join("\n");
    for (const [headers, code] of [
      [{}, "UNAUTHENTICATED"],
      [AS.otherScopes, "FORBIDDEN"],
    ] as const) {
      const statements = await sg.countStatements(async () => expect(errorCodeOf(await run(csv, headers))).toBe(code));
      expect(statements).toBe(0);
    }
  });

  it("answers a retried import with its idempotency key without importing twice; the key with another file is CONFLICT", async () => {
    const csv = [HEADER, row(9), row(10)].join("\n");
    const first = await run(csv, AS.unesco, "import-retry-0001");
    const before = await tableCounts(sg);
    const again = await run(csv, AS.unesco, "import-retry-0001");
    expect(again.data!.importStocktakingEntries.replayed).toBe(true);
    expect(again.data!.importStocktakingEntries.entries.map((e) => e.id)).toEqual(
      first.data!.importStocktakingEntries.entries.map((e) => e.id),
    );
    expect(await tableCounts(sg)).toEqual(before);
    expect(errorCodeOf(await run([HEADER, row(11)].join("\n"), AS.unesco, "import-retry-0001"))).toBe("CONFLICT");
  });

  it("imports a large list in a constant number of statements", async () => {
    const count = async (n: number) =>
      sg.countStatements(async () => {
        const res = await run([HEADER, ...Array.from({ length: n }, (_, i) => row(1000 * n + i))].join("\n"));
        expect(res.data!.importStocktakingEntries.entries).toHaveLength(n);
      });
    // The source, the ids, the entries, three kinds of link, the audit snapshots, the audit entries, the entries read
    // back (and the transaction's BEGIN and COMMIT): the same for 2 rows as for 1,000.
    const few = await count(2);
    expect(await count(1000)).toBe(few);
  });
});
