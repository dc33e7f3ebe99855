import { readFileSync } from "node:fs";
import path from "node:path";
import { startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { parse } from "csv-parse/sync";
import { indicatorsModule } from "../src/module";
import { partitionName } from "../src/publishing/partition";
import type { SeedCounts } from "../src/seed/seed";
import { asCaller, createEmptyDataset, databaseState } from "./helpers";

const UNSD = "unsd-sdg-2023-12";
const FRESH = "test-sdmx-import";
const SDMX_FILE = path.join(__dirname, "../data/sdmx/derived_sdmx-csv_IT_USE_II99_IT_NET_BBND.csv");
const SDMX = readFileSync(SDMX_FILE, "utf8");
// The file ends its lines with CRLF.
const SDMX_LINES = SDMX.split("\r\n");

const IMPORT = `mutation($input: ImportObservationsInput!) {
  importObservations(input: $input) { datasetId releaseNumber rowsRead inserted revised unchanged withdrawn rejected replayed release { number operation } }
}`;

interface Result {
  releaseNumber: number | null;
  rowsRead: number;
  inserted: number;
  revised: number;
  unchanged: number;
  replayed: boolean;
}
interface InvalidRow {
  index: number | null;
  line: number;
  field: string;
  message: string;
}

let sg: TestSubgraph<SeedCounts>;
let key = 0;

const importText = (
  content: string,
  dataset = UNSD,
  format = "SDMX_CSV",
  idempotencyKey = `import-key-${String(++key).padStart(4, "0")}`,
) =>
  sg.query<{ importObservations: Result }>(IMPORT, { input: { dataset, format, content, idempotencyKey } }, asCaller());

/** The SDMX file with some data lines (1-based line numbers) replaced. */
function withLines(changes: Record<number, string>): string {
  return SDMX_LINES.map((line, i) => changes[i + 1] ?? line).join("\r\n");
}

/** Line n of the SDMX file with some columns changed. */
function edited(n: number, columns: Record<string, string>): string {
  const header = SDMX_LINES[0].split(",");
  const fields = SDMX_LINES[n - 1].split(",");
  for (const [column, value] of Object.entries(columns)) fields[header.indexOf(column)] = value;
  return fields.join(",");
}

async function refused(
  content: string,
  format = "SDMX_CSV",
): Promise<{ rows: InvalidRow[]; extensions: Record<string, unknown>; message: string }> {
  const before = await databaseState(sg);
  const res = await importText(content, UNSD, format);
  expect(res.data).toBeNull();
  const error = res.errors![0];
  expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "input.content" });
  expect(await databaseState(sg)).toEqual(before);
  return { rows: error.extensions!.invalidRows as InvalidRow[], extensions: error.extensions!, message: error.message };
}

beforeAll(async () => {
  sg = await startTestSubgraph(indicatorsModule);
  await createEmptyDataset(sg, FRESH, ["internet_users_pct", "fixed_broadband_per100"]);
});
afterAll(async () => {
  await sg?.stop();
});

describe("the real SDMX-CSV file (16,542 observations of IT_USE_II99 and IT_NET_BBND)", () => {
  it("has 16,542 data rows", () => {
    expect(parse(SDMX, { columns: true })).toHaveLength(16542);
  });

  it("imported into the UNSD dataset, whose release 1 it equals, reads every row and changes nothing", async () => {
    const before = await databaseState(sg);
    const res = await importText(SDMX);
    expect(res.errors).toBeUndefined();
    expect(res.data!.importObservations).toMatchObject({
      releaseNumber: null,
      rowsRead: 16542,
      inserted: 0,
      revised: 0,
      unchanged: 16542,
      rejected: 0,
    });
    const after = await databaseState(sg);
    for (const table of ["observations", "observations_md5", "revisions", "revisions_md5", "releases", "sources"])
      expect(after[table]).toEqual(before[table]);
  });

  it("imported into an empty dataset, inserts every row, each with the value, nature, unit and breakdown of the UNSD file", async () => {
    const res = await importText(SDMX, FRESH);
    expect(res.errors).toBeUndefined();
    expect(res.data!.importObservations).toMatchObject({
      releaseNumber: 1,
      rowsRead: 16542,
      inserted: 16542,
      revised: 0,
      unchanged: 0,
      release: { number: 1, operation: "IMPORT" },
    });
    // Every imported observation has its twin in release 1 of the UNSD dataset, loaded by the seed from the UNSD files.
    const [cmp] = await sg.dataSource.query(
      `SELECT count(*)::int AS imported,
              count(u.indicator_code)::int AS matched,
              count(*) FILTER (WHERE (u.value_text, u.nature, u.unit_code, u.sex, u.speed) IS DISTINCT FROM (i.value_text, i.nature, i.unit_code, i.sex, i.speed))::int AS different
         FROM observation i
         LEFT JOIN observation u ON u.dataset_id = $2 AND (u.indicator_code, u.economy_code, u.year, u.breakdown_key) = (i.indicator_code, i.economy_code, i.year, i.breakdown_key)
        WHERE i.dataset_id = $1`,
      [FRESH, UNSD],
    );
    expect(cmp).toEqual({ imported: 16542, matched: 16542, different: 0 });
    // A first load of that size gets a partition of its own, indexed once (the other datasets stay in the default one).
    const partitions: Array<{ partition: string; rows: number }> = await sg.dataSource.query(
      `SELECT o.tableoid::regclass::text AS partition, count(*)::int AS rows FROM observation o WHERE o.dataset_id = $1 GROUP BY 1`,
      [FRESH],
    );
    expect(partitions).toEqual([{ partition: partitionName(FRESH), rows: 16542 }]);
    // And each row of the file is served as written, through the API.
    const served = await sg.query<{
      observations: {
        totalCount: number;
        edges: Array<{
          node: {
            economy: { m49: string };
            year: number;
            valueText: string;
            nature: string;
            breakdown: { sex: string | null };
          };
        }>;
      };
    }>(
      `{ observations(filter: { indicator: "IT_USE_II99", dataset: "${FRESH}", economies: ["404"], allBreakdowns: true }, first: 1000) {
          totalCount edges { node { economy { m49 } year valueText nature breakdown { sex } } } } }`,
    );
    const sexCode = { _T: "BOTHSEX", F: "FEMALE", M: "MALE" } as Record<string, string>;
    const expected = (parse(SDMX, { columns: true }) as Array<Record<string, string>>)
      .filter((r) => r.SERIES === "IT_USE_II99" && r.REF_AREA === "404")
      .map((r) => `${r.TIME_PERIOD}|${sexCode[r.SEX]}|${r.OBS_VALUE}|${r.NATURE}`)
      .sort();
    expect(expected.length).toBeGreaterThan(20);
    expect(
      served
        .data!.observations.edges.map(
          (e) => `${e.node.year}|${e.node.breakdown.sex}|${e.node.valueText}|${e.node.nature}`,
        )
        .sort(),
    ).toEqual(expected);
  });

  it("imported again changes nothing: 0 inserted, 0 revised, no release", async () => {
    const before = await databaseState(sg);
    const res = await importText(SDMX, FRESH);
    expect(res.data!.importObservations).toMatchObject({
      releaseNumber: null,
      inserted: 0,
      revised: 0,
      unchanged: 16542,
    });
    const after = await databaseState(sg);
    for (const table of ["observations", "observations_md5", "revisions", "revisions_md5", "releases"])
      expect(after[table]).toEqual(before[table]);
  });

  it("a copy with one bad row in the middle is refused whole, naming that row; the database is unchanged", async () => {
    expect(SDMX_LINES).toHaveLength(16544);
    const middle = Math.round(SDMX_LINES.length / 2);
    const { rows, message, extensions } = await refused(withLines({ [middle]: edited(middle, { OBS_VALUE: "n/a" }) }));
    expect(rows).toEqual([
      {
        index: middle - 2,
        line: middle,
        field: "OBS_VALUE",
        message: '"n/a" is not a plain decimal number (e.g. 12.5)',
      },
    ]);
    expect(message).toContain(
      `1 of 16542 rows is invalid (1 problem); nothing was written. First: line ${middle}, OBS_VALUE`,
    );
    expect(extensions).toMatchObject({ invalidRowCount: 1, problemCount: 1, rowsRead: 16542 });
  });

  it("a large first load that repeats a key is refused too (the bulk path finds it by the partition's primary key)", async () => {
    await createEmptyDataset(sg, "test-sdmx-dups", ["internet_users_pct", "fixed_broadband_per100"]);
    const before = await databaseState(sg);
    const res = await importText(
      withLines({ 12000: SDMX_LINES[11000 - 1], 12001: SDMX_LINES[5 - 1] }),
      "test-sdmx-dups",
    );
    expect(res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", invalidRowCount: 2 });
    expect(
      (res.errors![0].extensions!.invalidRows as InvalidRow[]).map((r) => `${r.line}:${r.field}:${r.message}`),
    ).toEqual([
      "12000:key:the same observation (indicator, economy, period and breakdown) as line 11000",
      "12001:key:the same observation (indicator, economy, period and breakdown) as line 5",
    ]);
    expect(await databaseState(sg)).toEqual(before);
    const [{ exists }] = await sg.dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS exists`, [
      partitionName("test-sdmx-dups"),
    ]);
    expect(exists).toBe(false);
  });

  it("reports every bad row of a file, each with its line and column", async () => {
    const { rows } = await refused(
      withLines({
        3: edited(3, { SEX: "X" }),
        100: edited(100, { REF_AREA: "999" }),
        200: edited(200, { TIME_PERIOD: "2021-Q1" }),
        300: edited(300, { FREQ: "Q", INCOME_WEALTH_QUANTILE: "Q1" }),
        400: edited(400, { UNIT_MEASURE: "PER_100_POP" }),
        500: edited(500, { OBS_VALUE: "100.5" }),
        600: SDMX_LINES[599 - 1],
        700: edited(700, { SERIES: "IT_USE_II98" }),
        9000: edited(9000, { COMPOSITE_BREAKDOWN: "IS_GE100M" }),
        9001: edited(9001, { OBS_VALUE: "-1" }),
        9002: edited(9002, { NATURE: "Z" }),
        9003: "IAEG-SDGs:DF_SDG_GLH(1.0),A,G",
      }),
    );
    expect(rows.map((r) => `${r.line}:${r.field}`)).toEqual([
      "3:SEX",
      "100:REF_AREA",
      "200:TIME_PERIOD",
      "300:FREQ",
      "300:INCOME_WEALTH_QUANTILE",
      "400:UNIT_MEASURE",
      "500:OBS_VALUE",
      "600:key",
      "700:SERIES",
      "9000:COMPOSITE_BREAKDOWN",
      "9001:OBS_VALUE",
      "9002:NATURE",
      "9003:row",
    ]);
    const byLine = Object.fromEntries(rows.map((r) => [`${r.line}:${r.field}`, r.message]));
    expect(byLine["3:SEX"]).toBe('unknown sex code "X"');
    expect(byLine["100:REF_AREA"]).toBe('unknown area "999": REF_AREA must be the M49 number of an economy of the hub');
    expect(byLine["300:FREQ"]).toBe('"Q": the hub stores annual figures only (FREQ A)');
    expect(byLine["400:UNIT_MEASURE"]).toBe(
      'indicator internet_users_pct is measured in % of population (unit code PERCENT), not "PER_100_POP"',
    );
    expect(byLine["600:key"]).toBe("the same observation (indicator, economy, period and breakdown) as line 599");
    expect(byLine["700:SERIES"]).toMatch(/^unknown series "IT_USE_II98": give the UNSD series code/);
    expect(byLine["9000:COMPOSITE_BREAKDOWN"]).toBe('unknown speed code "IS_GE100M"');
    expect(byLine["9003:row"]).toBe("3 fields where the header has 20");
  });

  it("refuses a header it cannot read whole, naming line 1 and the columns", async () => {
    const header = SDMX_LINES[0];
    // OBS_CONF (confidentiality): a column the hub does not store (OBS_STATUS is read, as the nature).
    const { rows } = await refused(
      [header.replace("NATURE", "OBS_CONF").replace("OBS_VALUE", "VALUE"), ...SDMX_LINES.slice(1, 5)].join("\n"),
    );
    expect(rows.map((r) => `${r.line}:${r.field}`)).toEqual(["1:VALUE", "1:OBS_CONF", "1:OBS_VALUE"]);
    expect((await refused("", "CSV")).rows).toEqual([
      { index: null, line: 1, field: "header", message: "the file is empty: it has no header line" },
    ]);
    const onlyHeader = await importText("indicator,economy,year,value\n", UNSD, "CSV");
    expect(onlyHeader.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "input.content" });
  });
});

describe("the hub's CSV", () => {
  it("revises published values and inserts new ones; a quoted footnote may span lines", async () => {
    const bad = [
      "indicator,economy,year,sex,value,nature,footnote",
      'internet_users_pct,KEN,2021,,29.1,E,"Revised by ITU, after the 2021 survey',
      '(second line)"',
      "internet_users_pct,KEN,2021,FEMALE,27.0,E,",
      "fixed_broadband_per100,404,2021,,oops,E,",
    ].join("\n");
    const { rows } = await refused(bad, "CSV");
    expect(rows).toEqual([
      { index: 2, line: 5, field: "value", message: '"oops" is not a plain decimal number (e.g. 12.5)' },
    ]);
    const good = bad.replace("oops", "0.9");
    const res = await importText(good, UNSD, "CSV");
    expect(res.errors).toBeUndefined();
    // KEN 2021 total (28.76) and KEN fixed broadband 2021 (1.48851) are revised; KEN 2021 female is new.
    expect(res.data!.importObservations).toMatchObject({
      releaseNumber: 2,
      rowsRead: 3,
      inserted: 1,
      revised: 2,
      unchanged: 0,
    });
    const [row] = await sg.dataSource.query(
      `SELECT value_text, footnote, release FROM observation WHERE dataset_id = $1 AND indicator_code = 'internet_users_pct' AND economy_code = 'KEN' AND year = 2021 AND breakdown_key = '_T'`,
      [UNSD],
    );
    expect(row).toEqual({
      value_text: "29.1",
      footnote: "Revised by ITU, after the 2021 survey\n(second line)",
      release: 2,
    });
    const [revision] = await sg.dataSource.query(
      `SELECT value_text, valid_from_release, valid_to_release FROM observation_revision
        WHERE dataset_id = $1 AND indicator_code = 'internet_users_pct' AND economy_code = 'KEN' AND year = 2021 AND breakdown_key = '_T'`,
      [UNSD],
    );
    expect(revision).toEqual({ value_text: "28.76", valid_from_release: 1, valid_to_release: 2 });
  });

  it("refuses a text larger than a request may carry, pointing to the command", async () => {
    const big = `indicator,economy,year,value\n${"internet_users_pct,KEN,2021,28.76\n".repeat(56_000)}`;
    const res = await importText(big, UNSD, "CSV");
    expect(res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "input.content" });
    expect(res.errors?.[0].message).toContain("npm run import -- <file> --dataset <id>");
  });

  it("names the line of a quote left open", async () => {
    const { rows } = await refused(
      'indicator,economy,year,value\ninternet_users_pct,KEN,2019,1\ninternet_users_pct,"KEN,2020,2\n',
      "CSV",
    );
    expect(rows).toEqual([
      { index: 1, line: 3, field: "row", message: "a quoted field is not closed before the end of the file" },
    ]);
  });

  it("the same idempotency key returns the first result for the same file, and is a CONFLICT for another", async () => {
    const text = "indicator,economy,year,value\ninternet_users_pct,FRA,2023,88.1\n";
    const first = await importText(text, UNSD, "CSV", "same-file-key-1");
    expect(first.data!.importObservations).toMatchObject({ inserted: 1, replayed: false });
    const state = await databaseState(sg);
    const again = await importText(text, UNSD, "CSV", "same-file-key-1");
    expect(again.data!.importObservations).toEqual({ ...first.data!.importObservations, replayed: true });
    const other = await importText(text.replace("88.1", "88.2"), UNSD, "CSV", "same-file-key-1");
    expect(other.errors?.[0].extensions?.code).toBe("CONFLICT");
    expect(await databaseState(sg)).toEqual(state);
  });

  it("records the import in the audit trail: one entry for the release, with its counts and the file's hash", async () => {
    const res = await sg.query<{
      auditLog: {
        indicators: {
          edges: Array<{
            node: { operation: string; entityId: string; agency: string; after: Record<string, unknown> };
          }>;
        };
      };
    }>(
      `{ auditLog { indicators(filter: { operation: "importObservations", entityType: "DatasetRelease" }) { edges { node { operation entityId agency after } } } } }`,
      {},
      asCaller(["admin"]),
    );
    const entries = res.data!.auditLog.indicators.edges.map((e) => e.node);
    expect(entries.map((e) => e.entityId).sort()).toEqual([`${FRESH}#1`, `${UNSD}#2`, `${UNSD}#3`]);
    const fresh = entries.find((e) => e.entityId === `${FRESH}#1`)!;
    expect(fresh.after).toMatchObject({ release: 1, rowsRead: 16542, inserted: 16542 });
    expect(fresh.after.input).toMatch(
      /^importObservations: SDMX-CSV text of 1709468 bytes \(sha256 4f0220448f94f1c8b072028eacd4441c6f393e7b309670d3d13479d9f955fcc3\)$/,
    );
  });
});
