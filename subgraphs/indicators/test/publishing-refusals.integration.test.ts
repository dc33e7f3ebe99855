import { CALLER_HEADER, CALLER_SIGNATURE_HEADER, callerHeaders } from "@wsis/shared";
import { indicatorsModule } from "../src/module";
import { asCaller, databaseState } from "./helpers";
import { publishingSubgraph, PUBLISH, UNSD, WITHDRAW, type InvalidRow } from "./publishing.fixtures";

const { sg, nextKey, publish } = publishingSubgraph();

describe("release 1 is the shipped data", () => {
  it("each dataset has one release, dated by its source, counting every observation the seed loaded", async () => {
    const res = await sg.query<{
      datasets: Array<{
        id: string;
        latestRelease: {
          number: number;
          operation: string;
          publishedAt: string;
          inserted: number;
          publishedBy: { subject: string; agencyId: string | null };
        };
      }>;
    }>(`{ datasets { id latestRelease { number operation publishedAt inserted publishedBy { subject agencyId } } } }`);
    expect(res.errors).toBeUndefined();
    const byId = Object.fromEntries(res.data!.datasets.map((d) => [d.id, d.latestRelease]));
    // 25,594 rows of the six first UN SDG files + 47,176 of the five of issue 17; 13,656 + 13,780 WDI rows; 2,346 of the
    // personal-computer series
    expect(byId[UNSD]).toEqual({
      number: 1,
      operation: "SEED",
      publishedAt: "2023-12-17T00:00:00.000Z",
      inserted: 72770,
      publishedBy: { subject: "seed", agencyId: "UNDESA" },
    });
    expect(byId["wdi-2026-03"]).toMatchObject({
      number: 1,
      operation: "SEED",
      publishedAt: "2026-03-01T00:00:00.000Z",
      inserted: 27436,
    });
    expect(byId["gapminder-pc-2026-03"]).toMatchObject({
      number: 1,
      operation: "SEED",
      publishedAt: "2026-03-01T00:00:00.000Z",
      inserted: 2346,
    });
    expect(72770 + 27436 + 2346).toBe(sg.seedResult.observations);
  });

  it("a second run of the seed writes nothing, and leaves the releases as they are", async () => {
    const before = await databaseState(sg);
    const again = await indicatorsModule.seed(sg.dataSource);
    expect(again.written).toBe(0);
    expect(await databaseState(sg)).toEqual(before);
  });
});

describe("who may publish", () => {
  const one = [{ indicator: "internet_users_pct", economy: "KEN", period: "2023", value: "50.1" }];

  it("refuses a call without a caller (UNAUTHENTICATED) and writes nothing", async () => {
    const before = await databaseState(sg);
    const res = await publish(one, {});
    expect(res.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(res.data).toBeNull();
    expect(await databaseState(sg)).toEqual(before);
  });

  it("refuses caller headers that are not signed by the gateway, or tampered with (UNAUTHENTICATED)", async () => {
    const before = await databaseState(sg);
    const forged = callerHeaders(
      { agency: "ITU", subject: "x", scopes: ["indicators:publish", "admin"] },
      "not-the-internal-secret-0123456789",
    );
    const signed = asCaller(["indicators:publish"]);
    const tampered = {
      [CALLER_HEADER]: Buffer.from(
        JSON.stringify({ agency: "ITU", subject: "x", scopes: ["admin"], exp: Math.floor(Date.now() / 1000) + 60 }),
      ).toString("base64url"),
      [CALLER_SIGNATURE_HEADER]: signed[CALLER_SIGNATURE_HEADER],
    };
    const unsigned = { [CALLER_HEADER]: signed[CALLER_HEADER] };
    for (const headers of [forged, tampered, unsigned]) {
      const res = await publish(one, headers);
      expect(res.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    }
    expect(await databaseState(sg)).toEqual(before);
  });

  it("refuses a caller without the scope indicators:publish (FORBIDDEN) and writes nothing", async () => {
    const before = await databaseState(sg);
    const res = await publish(one, asCaller(["events:write", "reports:publish"]));
    expect(res.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(res.errors?.[0].message).toContain("indicators:publish");
    for (const mutation of [
      {
        query: WITHDRAW,
        input: {
          dataset: UNSD,
          observations: [{ indicator: "internet_users_pct", economy: "KEN", year: 2021 }],
          idempotencyKey: nextKey(),
        },
      },
      {
        query: `mutation($input: ImportObservationsInput!) { importObservations(input: $input) { rowsRead } }`,
        input: {
          dataset: UNSD,
          format: "CSV",
          content: "indicator,economy,year,value\ninternet_users_pct,KEN,2023,1\n",
          idempotencyKey: nextKey(),
        },
      },
    ]) {
      expect(
        (await sg.query(mutation.query, { input: mutation.input }, asCaller(["reports:write"]))).errors?.[0].extensions
          ?.code,
      ).toBe("FORBIDDEN");
      expect((await sg.query(mutation.query, { input: mutation.input }, {})).errors?.[0].extensions?.code).toBe(
        "UNAUTHENTICATED",
      );
    }
    expect(await databaseState(sg)).toEqual(before);
  });
});

describe("validation: every invalid row is reported, and nothing is written", () => {
  async function refused(observations: unknown[]): Promise<InvalidRow[]> {
    const before = await databaseState(sg);
    const res = await publish(observations);
    expect(res.data).toBeNull();
    const error = res.errors![0];
    expect(error.extensions?.code).toBe("BAD_USER_INPUT");
    expect(error.extensions?.argumentName).toBe("input.observations");
    expect(await databaseState(sg)).toEqual(before);
    return error.extensions!.invalidRows as InvalidRow[];
  }
  const good = { indicator: "internet_users_pct", economy: "KEN", period: "2023", value: "48.5" };

  it.each([
    ["an unknown indicator", { indicator: "internet_users" }, "indicator", /unknown indicator "internet_users"/],
    [
      "an indicator the dataset does not publish",
      { indicator: "mobile_cellular_per100", value: "120" },
      "indicator",
      /does not publish indicator "mobile_cellular_per100"/,
    ],
    ["an unknown economy", { economy: "XYZ" }, "economy", /unknown economy "XYZ"/],
    ["an unknown M49 number", { economy: "999" }, "economy", /unknown economy "999"/],
    ["a period that is not a year", { period: "2023-Q1" }, "period", /"2023-Q1" is not a year/],
    ["a year out of range", { period: "1850" }, "period", /"1850" is not a year between 1900 and 2100/],
    ["no period", { period: undefined }, "period", /give "period"/],
    ["a period and a year that disagree", { period: "2025", year: 2022 }, "period", /disagree/],
    [
      "a breakdown code the indicator does not take",
      { breakdown: { sex: "OTHER" } },
      "breakdown.sex",
      /"OTHER" is not a sex code of indicator internet_users_pct \(its codes: FEMALE, MALE, or the total\)/,
    ],
    [
      "a breakdown the indicator does not have",
      { breakdown: { speed: "10MBPS" } },
      "breakdown.speed",
      /has no breakdown by speed/,
    ],
    ["a value that is not a number", { value: "n/a" }, "value", /"n\/a" is not a plain decimal number/],
    ["a value in another notation", { value: "4.85e1" }, "value", /not a plain decimal/],
    ["an empty value", { value: "" }, "value", /missing/],
    [
      "a percentage above 100",
      { value: "100.01" },
      "value",
      /100.01 is above 100, the greatest value of internet_users_pct \(% of population; quality rule PERCENT_OUT_OF_RANGE\)/,
    ],
    ["a negative percentage", { value: "-0.5" }, "value", /-0.5 is below 0/],
    ["an unknown nature", { nature: "X" }, "nature", /unknown nature code "X"/],
    ["a footnote too long", { footnote: "x".repeat(1001) }, "footnote", /1001 characters; at most 1000/],
  ])("%s", async (_label, change, field, message) => {
    const rows = await refused([good, { ...good, period: "2024", ...change }]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ index: 1, line: null, field });
    expect(rows[0].message).toMatch(message);
  });

  it("refuses a negative count per 100 inhabitants, and accepts more than 100 of them", async () => {
    const rows = await refused([
      { indicator: "fixed_broadband_per100", economy: "KEN", period: "2023", value: "-1" },
      { indicator: "fixed_broadband_per100", economy: "KEN", period: "2024", value: "120.5" },
    ]);
    expect(rows).toEqual([{ index: 0, line: null, field: "value", message: expect.stringMatching(/-1 is below 0/) }]);
  });

  it("refuses two rows with the same key, naming the first", async () => {
    const rows = await refused([good, { ...good, economy: "404", value: "49" }]);
    expect(rows).toEqual([
      {
        index: 1,
        line: null,
        field: "key",
        message: "the same observation (indicator, economy, period and breakdown) as index 0",
      },
    ]);
  });

  it("reports several invalid rows and several fields of one row together, in order", async () => {
    const rows = await refused([
      good,
      { indicator: "nope", economy: "ZZZ", period: "20x3", value: "abc", nature: "Q" },
      { ...good, period: "2024" },
      { ...good, period: "2025", value: "101", breakdown: { sex: "FEMALE", speed: "ANYS" } },
      { ...good, period: "2024" },
    ]);
    expect(rows.map((r) => `${r.index}:${r.field}`)).toEqual([
      "1:indicator",
      "1:economy",
      "1:period",
      "1:value",
      "1:nature",
      "3:value",
      "4:key",
    ]);
    const res = await publish([good, { ...good, value: "x" }, { ...good, value: "y" }]);
    expect(res.errors![0].message).toMatch(/^2 of 3 rows are invalid \(4 problems\); nothing was written/);
    expect(res.errors![0].extensions).toMatchObject({ invalidRowCount: 2, problemCount: 4, rowsRead: 3 });
  });

  it("refuses bad arguments before reading any row", async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ dataset: "no-such-dataset" }, "NOT_FOUND", "input.dataset"],
      [{ dataset: "Not A Dataset!" }, "BAD_USER_INPUT", "input.dataset"],
      [{ idempotencyKey: "short" }, "BAD_USER_INPUT", "input.idempotencyKey"],
      [{ note: "n".repeat(501) }, "BAD_USER_INPUT", "input.note"],
      [{ observations: [] }, "BAD_USER_INPUT", "input.observations"],
      [{ observations: Array.from({ length: 10_001 }, () => good) }, "BAD_USER_INPUT", "input.observations"],
    ];
    const before = await databaseState(sg);
    for (const [change, code, argumentName] of cases) {
      const res = await sg.query(
        PUBLISH,
        { input: { dataset: UNSD, observations: [good], idempotencyKey: nextKey(), ...change } },
        asCaller(),
      );
      expect({
        code: res.errors?.[0].extensions?.code,
        argumentName: res.errors?.[0].extensions?.argumentName,
      }).toEqual({ code, argumentName });
    }
    expect(await databaseState(sg)).toEqual(before);
  });
});

describe("referential integrity of observations and revisions (checked per statement)", () => {
  async function sqlError(sql: string, params: unknown[] = []): Promise<{ code?: string; message: string } | null> {
    const runner = sg.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query(sql, params);
      return null;
    } catch (error) {
      const e = error as { driverError?: { code?: string }; code?: string; message: string };
      return { code: e.driverError?.code ?? e.code, message: e.message };
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  it("refuses an observation or a revision that refers to an unknown economy, indicator or source", async () => {
    const insert = (table: string, economy: string, source: string, extra = "") =>
      `INSERT INTO ${table} (indicator_code, dataset_id, economy_code, year, breakdown_key, value, value_text, source_area_code, source_id${extra ? ", valid_from_release, valid_to_release, withdrawn" : ""})
       VALUES ('internet_users_pct', '${UNSD}', '${economy}', 2030, '_T', 1, '1', 'x', '${source}'${extra})`;
    expect(await sqlError(insert("observation", "KEN", "m49-world"))).toBeNull();
    expect(await sqlError(insert("observation", "ZZZ", "m49-world"))).toMatchObject({
      code: "23503",
      message: expect.stringContaining(`economy 'ZZZ' which does not exist`),
    });
    expect(await sqlError(insert("observation", "KEN", "no-source"))).toMatchObject({
      code: "23503",
      message: expect.stringContaining(`source 'no-source'`),
    });
    expect(await sqlError(insert("observation_revision", "ZZZ", "m49-world", ", 1, 2, false"))).toMatchObject({
      code: "23503",
    });
    expect(
      await sqlError(`UPDATE observation SET source_id = 'no-source' WHERE economy_code = 'KEN' AND year = 2021`),
    ).toMatchObject({ code: "23503" });
  });

  it("refuses to delete or re-key what observations or revisions refer to", async () => {
    expect(
      await sqlError(
        `DELETE FROM economy_member WHERE member_code = 'KEN' OR aggregate_code = 'KEN'; DELETE FROM population WHERE economy_code = 'KEN'; DELETE FROM economy WHERE code = 'KEN'`,
      ),
    ).toMatchObject({
      code: "23503",
      message: expect.stringContaining(`'KEN' is still referred to`),
    });
    expect(await sqlError(`UPDATE indicator SET code = 'internet' WHERE code = 'internet_users_pct'`)).toMatchObject({
      code: "23503",
    });
    // A source that only a revision refers to is protected too; one that nothing refers to can go.
    const revisionOnly = `INSERT INTO source (id, title, licence) VALUES ('test-only', 'test', 'none');
      INSERT INTO observation_revision (indicator_code, dataset_id, economy_code, year, breakdown_key, value, value_text, source_area_code, source_id,
                                        valid_from_release, valid_to_release, withdrawn)
      VALUES ('internet_users_pct', '${UNSD}', 'KEN', 1999, '_T', 1, '1', 'KEN', 'test-only', 1, 2, true)`;
    expect(await sqlError(`${revisionOnly}; DELETE FROM source WHERE id = 'test-only'`)).toMatchObject({
      code: "23503",
      message: expect.stringContaining(
        `delete on table "source" would leave observations without their source: 'test-only' is still referred to`,
      ),
    });
    expect(
      await sqlError(
        `INSERT INTO source (id, title, licence) VALUES ('test-only', 'test', 'none'); DELETE FROM source WHERE id = 'test-only'`,
      ),
    ).toBeNull();
  });
});
