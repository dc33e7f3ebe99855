/**
 * Hostile input sent straight to the subgraph (#13): forged cursors, control characters in written text, a header too
 * long for a protocol message, malformed moments. Each is a BAD_USER_INPUT naming the argument (and the row and field of
 * a write), never an internal error, and a refused write writes nothing.
 */
import { startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { indicatorsModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";
import { asCaller, databaseState } from "./helpers";

const UNSD = "unsd-sdg-2023-12";

let sg: TestSubgraph<SeedCounts>;
let key = 0;
const nextKey = () => `hardening-${String(++key).padStart(4, "0")}`;

beforeAll(async () => {
  sg = await startTestSubgraph(indicatorsModule);
});
afterAll(async () => {
  await sg?.stop();
});

/** A cursor as the hub writes them (base64url of a JSON array), with whatever fields a forger likes. */
const forge = (fields: unknown[]) => Buffer.from(JSON.stringify(fields), "utf8").toString("base64url");

type Errors = Array<{ message: string; extensions?: Record<string, unknown> }>;

function expectBadInput(res: { status: number; errors?: Errors }, argumentName: string) {
  expect(res.errors).toBeDefined();
  expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName });
  expect(JSON.stringify(res.errors)).not.toMatch(/INTERNAL_SERVER_ERROR|at .*\.ts|SELECT/);
}

describe("forged cursors: every connection validates ranges and characters", () => {
  const OBSERVATIONS = `query($after: String) {
    observations(filter: { indicator: "internet_users_pct", dataset: "${UNSD}" }, first: 2, after: $after) { edges { cursor } }
  }`;
  const RELEASES = `query($after: String) { dataset(id: "${UNSD}") { releases(first: 1, after: $after) { edges { cursor } } } }`;
  const CHANGES = `query($after: String) { changes(since: "2000-01-01T00:00:00Z", first: 1, after: $after) { edges { cursor } } }`;

  it("a genuine cursor of each connection is accepted", async () => {
    for (const q of [OBSERVATIONS, CHANGES]) {
      const first = await sg.query<Record<string, { edges: Array<{ cursor: string }> }>>(q, {});
      expect(first.errors).toBeUndefined();
      const cursor = Object.values(first.data!)[0].edges[0].cursor;
      const next = await sg.query(q, { after: cursor });
      expect(next.errors).toBeUndefined();
    }
  });

  it.each([
    ["a year beyond any integer PostgreSQL stores", ["o1", "internet_users_pct", UNSD, "KEN", 10000000000, "_T"]],
    ["a year one past int4", ["o1", "internet_users_pct", UNSD, "KEN", 2147483648, "_T"]],
    ["a NUL byte in the economy", ["o1", "internet_users_pct", UNSD, "KE\u0000N", 2015, "_T"]],
    ["a NUL byte in the breakdown key", ["o1", "internet_users_pct", UNSD, "KEN", 2015, "_T\u0000"]],
    ["a fractional year", ["o1", "internet_users_pct", UNSD, "KEN", 2015.5, "_T"]],
  ])("observations: %s is BAD_USER_INPUT naming after", async (_what, fields) => {
    expectBadInput(await sg.query(OBSERVATIONS, { after: forge(fields) }), "after");
  });

  it.each([
    ["a release number one past int4", ["r1", UNSD, 2147483648]],
    ["a NUL byte in the dataset", ["r1", `${UNSD}\u0000`, 1]],
  ])("Dataset.releases: %s is BAD_USER_INPUT naming after", async (_what, fields) => {
    expectBadInput(await sg.query(RELEASES, { after: forge(fields) }), "after");
  });

  it.each([
    ["a year one past int4", ["c1", "1", "internet_users_pct", "KEN", 2147483648, "_T"]],
    ["a release id beyond bigint", ["c1", "99999999999999999999", "internet_users_pct", "KEN", 2015, "_T"]],
    ["a NUL byte in the indicator", ["c1", "1", "internet\u0000", "KEN", 2015, "_T"]],
  ])("changes: %s is BAD_USER_INPUT naming after", async (_what, fields) => {
    expectBadInput(await sg.query(CHANGES, { after: forge(fields) }), "after");
  });
});

describe("malformed moments (DateTimeISO) sent straight to the subgraph", () => {
  it.each([
    [
      "changes(since:) written in the query",
      `{ changes(since: "2024-02-30T00:00:00Z") { edges { cursor } } }`,
      {},
      "since",
    ],
    ["changes(since:) not a date at all", `{ changes(since: "yesterday") { edges { cursor } } }`, {}, "since"],
    [
      "observations(asOf:) written in the query",
      `{ observations(filter: { indicator: "internet_users_pct" }, asOf: "2024-13-01T00:00:00Z") { totalCount } }`,
      {},
      "asOf",
    ],
    [
      "latestObservations(asOf:) written in the query",
      `{ latestObservations(indicator: "internet_users_pct", asOf: "not a moment") { year } }`,
      {},
      "asOf",
    ],
  ])("%s: HTTP 400, BAD_USER_INPUT naming the argument", async (_what, query, variables, argumentName) => {
    const res = await sg.query(query, variables);
    expect(res.status).toBe(400);
    expectBadInput(res, argumentName);
  });

  it("a malformed moment in a variable is a 400 BAD_USER_INPUT too", async () => {
    const res = await sg.query(`query($s: DateTimeISO!) { changes(since: $s) { edges { cursor } } }`, {
      s: "2024-02-30T00:00:00Z",
    });
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT" });
  });
});

describe("control characters in written text: refused, naming the row and the field; nothing written", () => {
  const PUBLISH = `mutation($input: PublishObservationsInput!) { publishObservations(input: $input) { releaseNumber inserted } }`;
  const IMPORT = `mutation($input: ImportObservationsInput!) { importObservations(input: $input) { releaseNumber inserted } }`;
  const good = { indicator: "internet_users_pct", economy: "KEN", year: 2023, value: "40.1" };

  const invalidRows = (res: { errors?: Errors }) =>
    (res.errors?.[0]?.extensions?.invalidRows ?? []) as Array<{
      index: number | null;
      line: number | null;
      field: string;
      message: string;
    }>;

  it.each([
    ["footnote", { footnote: "see \u0000 note" }, "footnote", "U+0000"],
    ["value", { value: "40.1\u0000" }, "value", "U+0000"],
    ["economy", { economy: "KE\u0000N" }, "economy", "U+0000"],
    ["indicator", { indicator: "internet_users_pct\u0007" }, "indicator", "U+0007"],
    ["period", { year: null, period: "20\u001b23" }, "period", "U+001B"],
    ["nature", { nature: "E\u0000" }, "nature", "U+0000"],
    ["breakdown.sex", { breakdown: { sex: "FEMALE\u0000" } }, "breakdown.sex", "U+0000"],
  ])("publishObservations: a control character in %s", async (_what, change, field, codePoint) => {
    const before = await databaseState(sg);
    const res = await sg.query(
      PUBLISH,
      { input: { dataset: UNSD, idempotencyKey: nextKey(), observations: [good, { ...good, year: 2022, ...change }] } },
      asCaller(),
    );
    expectBadInput(res, "input.observations");
    expect(invalidRows(res)).toEqual([{ index: 1, line: null, field, message: expect.stringContaining(codePoint) }]);
    expect(await databaseState(sg)).toEqual(before);
  });

  it("publishObservations: a control character in the note", async () => {
    const res = await sg.query(
      PUBLISH,
      { input: { dataset: UNSD, idempotencyKey: nextKey(), note: "bad\u0000note", observations: [good] } },
      asCaller(),
    );
    expectBadInput(res, "input.note");
  });

  it("a footnote may hold a line break and a tab", async () => {
    const res = await sg.query(
      PUBLISH,
      {
        input: {
          dataset: UNSD,
          idempotencyKey: nextKey(),
          observations: [{ ...good, footnote: "survey of 2023\n\tprovisional" }],
        },
      },
      asCaller(),
    );
    expect(res.errors).toBeUndefined();
  });

  it.each([
    [
      "a footnote",
      "indicator,economy,year,value,footnote\r\ninternet_users_pct,KEN,2021,40,ok\r\ninternet_users_pct,KEN,2022,41,bad\u0000note\r\n",
      3,
      "footnote",
    ],
    ["a quoted value", 'indicator,economy,year,value\r\ninternet_users_pct,KEN,2022,"41\u0000"\r\n', 2, "value"],
    ["an economy", "indicator,economy,year,value\r\ninternet_users_pct,K\u0001EN,2022,41\r\n", 2, "economy"],
    ["the SDMX-CSV area", "SERIES,REF_AREA,TIME_PERIOD,OBS_VALUE\r\nIT_USE_ii99,40\u00004,2022,41\r\n", 2, "REF_AREA"],
  ])("importObservations: a control character in %s names its line and column", async (_what, content, line, field) => {
    const before = await databaseState(sg);
    const res = await sg.query(
      IMPORT,
      {
        input: {
          dataset: UNSD,
          format: content.startsWith("SERIES") ? "SDMX_CSV" : "CSV",
          idempotencyKey: nextKey(),
          content,
        },
      },
      asCaller(),
    );
    expectBadInput(res, "input.content");
    expect(invalidRows(res)).toEqual([
      expect.objectContaining({ line, field, message: expect.stringMatching(/control character U\+00/) }),
    ]);
    expect(await databaseState(sg)).toEqual(before);
  });

  it("importObservations: a control character in the header is refused, naming the column", async () => {
    const res = await sg.query(
      IMPORT,
      {
        input: {
          dataset: UNSD,
          format: "CSV",
          idempotencyKey: nextKey(),
          content: "indicator,econ\u0000omy,year,value\r\ninternet_users_pct,KEN,2022,41\r\n",
        },
      },
      asCaller(),
    );
    expectBadInput(res, "input.content");
    expect(invalidRows(res)[0]).toMatchObject({
      line: 1,
      field: "column 2",
      message: expect.stringContaining("U+0000"),
    });
  });

  it("importObservations: a header of 20 kB is refused with a short message, and the subgraph's connections stay usable", async () => {
    const header = [
      "indicator",
      "economy",
      "year",
      "value",
      ...Array.from({ length: 2000 }, (_, i) => `extra_column_${i}`),
    ].join(",");
    expect(header.length).toBeGreaterThan(20_000);
    const before = await databaseState(sg);
    for (let i = 0; i < 6; i++) {
      const res = await sg.query(
        IMPORT,
        {
          input: {
            dataset: UNSD,
            format: "CSV",
            idempotencyKey: nextKey(),
            content: `${header}\r\ninternet_users_pct,KEN,2022,41\r\n`,
          },
        },
        asCaller(),
      );
      expectBadInput(res, "input.content");
      expect(res.errors![0].message.length).toBeLessThan(1000);
      expect(invalidRows(res)).toEqual([
        expect.objectContaining({ line: 1, message: expect.stringContaining("header") }),
      ]);
    }
    // every pooled connection still speaks the protocol
    const reads = await Promise.all(
      Array.from({ length: 8 }, () => sg.query(`{ indicator(code: "internet_users_pct") { code } }`)),
    );
    expect(reads.every((r) => r.errors === undefined)).toBe(true);
    expect(await databaseState(sg)).toEqual(before);
  });
});

describe("references: a publication naming what the hub does not know is refused, naming it", () => {
  const PUBLISH = `mutation($input: PublishObservationsInput!) { publishObservations(input: $input) { releaseNumber } }`;
  const row = { indicator: "internet_users_pct", economy: "KEN", year: 2023, value: "40.1" };

  it.each([
    ["an unknown economy", { economy: "ZZZ" }, "economy", "ZZZ"],
    ["an unknown indicator", { indicator: "no_such_indicator" }, "indicator", "no_such_indicator"],
  ])("%s", async (_what, change, field, code) => {
    const before = await databaseState(sg);
    const res = await sg.query(
      PUBLISH,
      { input: { dataset: UNSD, idempotencyKey: nextKey(), observations: [{ ...row, ...change }] } },
      asCaller(),
    );
    expectBadInput(res, "input.observations");
    const rows = res.errors![0].extensions!.invalidRows as Array<{ field: string; message: string }>;
    expect(rows).toEqual([expect.objectContaining({ field, message: expect.stringContaining(code) })]);
    expect(await databaseState(sg)).toEqual(before);
  });

  it("an unknown dataset", async () => {
    const before = await databaseState(sg);
    const res = await sg.query(
      PUBLISH,
      { input: { dataset: "no-such-dataset", idempotencyKey: nextKey(), observations: [row] } },
      asCaller(),
    );
    expect(res.errors![0].extensions).toMatchObject({ argumentName: "input.dataset", codes: ["no-such-dataset"] });
    expect(res.errors![0].message).toContain("no-such-dataset");
    expect(await databaseState(sg)).toEqual(before);
  });
});
