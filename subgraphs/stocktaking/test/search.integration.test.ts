import { expectBadUserInput, forgedCursor, startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { stocktakingModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";
import { AS, fixture, published, submit, type ServedEntry } from "./fixtures";

let sg: TestSubgraph<SeedCounts>;
const ids: Record<string, string> = {};

/** TEST FIXTURES: made-up activities with words to search for, in this test's database only. */
beforeAll(async () => {
  sg = await startTestSubgraph(stocktakingModule);
  const make = async (name: string, input: Parameters<typeof fixture>[0], publish = true, headers = AS.itu) => {
    ids[name] = (publish ? await published(sg, fixture(input), headers) : await submit(sg, fixture(input), headers)).id;
  };
  await make("clinics", {
    title: "TEST FIXTURE Rural telemedicine",
    description: "Teleconsultations linking rural clinics to hospitals in Kenya.",
  });
  await make("malaria", {
    title: "TEST FIXTURE Malaria reporting by SMS",
    description: "Clinics report malaria cases by text message.",
    actionLines: ["C7.e-health", "C2"],
    economies: ["KEN", "UGA"],
    start: "2019",
  });
  await make("schools", {
    title: "TEST FIXTURE School connectivity",
    description: "Connecting rural schools to broadband.",
    actionLines: ["C2", "C4"],
    economies: ["NGA"],
    sdgGoals: ["4", "9"],
    stakeholderType: "PRIVATE_SECTOR",
    start: "2022-09",
  });
  await make(
    "farmers",
    {
      title: "TEST FIXTURE Market prices for farmers",
      description: "Crop prices sent to farmers' phones.",
      actionLines: ["C7.e-agriculture"],
      economies: ["IND"],
      sdgGoals: ["2"],
      stakeholderType: "CIVIL_SOCIETY",
      start: "2022",
    },
    true,
    AS.unesco,
  );
  await make("undated", {
    title: "TEST FIXTURE Open data portal",
    description: "Statistics published as open data.",
    actionLines: ["C3"],
    economies: [],
    sdgGoals: ["16"],
    start: null,
    stakeholderType: "INTERNATIONAL_ORGANIZATION",
  });
  await make(
    "draft",
    { title: "TEST FIXTURE Draft telemedicine in clinics", description: "Not yet reviewed: telemedicine for clinics." },
    false,
  );
});
afterAll(async () => {
  await sg?.stop();
});

async function found(filter: string, headers: Record<string, string> = {}): Promise<string[]> {
  const res = await sg.query<{ stocktakingEntries: { edges: Array<{ node: ServedEntry }>; totalCount: number } }>(
    `{ stocktakingEntries(filter: ${filter}, first: 100) { totalCount edges { node { id } } } }`,
    {},
    headers,
  );
  expect(res.errors).toBeUndefined();
  const list = res.data!.stocktakingEntries.edges.map((e) => e.node.id);
  expect(res.data!.stocktakingEntries.totalCount).toBe(list.length);
  return list;
}

const named = (...names: string[]) => names.map((n) => ids[n]);

describe("full-text search on title and description (PostgreSQL, English)", () => {
  it("finds words in any form, newest first, among the published entries only", async () => {
    expect(await found('{ text: "clinic" }')).toEqual(named("malaria", "clinics"));
    expect(await found('{ text: "telemedicine" }')).toEqual(named("clinics"));
    expect(await found('{ text: "telemedicine" }', AS.itu)).toEqual(named("draft", "clinics"));
    expect(await found('{ text: "connecting school" }')).toEqual(named("schools"));
  });

  it("takes web-search syntax: a quoted phrase, or, an excluded word", async () => {
    expect(await found('{ text: "\\"rural schools\\"" }')).toEqual(named("schools"));
    expect(await found('{ text: "\\"schools rural\\"" }')).toEqual([]);
    expect(await found('{ text: "farmers or broadband" }')).toEqual(named("farmers", "schools"));
    expect(await found('{ text: "clinics -malaria" }')).toEqual(named("clinics"));
  });

  it("finds nothing, without an error, for words that are all stop words or unknown", async () => {
    expect(await found('{ text: "the and of" }')).toEqual([]);
    expect(await found('{ text: "zzyzx" }')).toEqual([]);
  });

  it("combines the text with the other criteria", async () => {
    expect(await found('{ text: "clinics", economy: "uga" }')).toEqual(named("malaria"));
    expect(await found('{ text: "rural", stakeholderType: PRIVATE_SECTOR }')).toEqual(named("schools"));
  });
});

describe("filters", () => {
  it("by action line, its sub-lines under C7; by SDG, economy, stakeholder type and start year", async () => {
    expect(await found('{ actionLine: "C7" }')).toEqual(named("farmers", "malaria", "clinics"));
    expect(await found('{ actionLine: "c7.E-health" }')).toEqual(named("malaria", "clinics"));
    expect(await found('{ actionLine: "C2" }')).toEqual(named("schools", "malaria"));
    expect(await found('{ actionLine: "C11" }')).toEqual([]);
    expect(await found('{ sdgGoal: "04" }')).toEqual(named("schools"));
    expect(await found('{ economy: "404" }')).toEqual(named("malaria", "clinics"));
    expect(await found("{ stakeholderType: CIVIL_SOCIETY }")).toEqual(named("farmers"));
    expect(await found("{ year: 2022 }")).toEqual(named("farmers", "schools"));
  });

  it("by status, among what the caller may see", async () => {
    expect(await found("{ status: SUBMITTED }")).toEqual([]);
    expect(await found("{ status: SUBMITTED }", AS.unesco)).toEqual([]);
    expect(await found("{ status: SUBMITTED }", AS.itu)).toEqual(named("draft"));
    expect(await found("{ status: SUBMITTED }", AS.moderator)).toEqual(named("draft"));
  });

  it("names every bad criterion at once (BAD_USER_INPUT)", async () => {
    const res = await sg.query(
      '{ stocktakingEntries(filter: { actionLine: "C12", sdgGoal: "18", economy: "ZZZ", year: 20250, text: "a\\u0007b" }) { totalCount } }',
    );
    expectBadUserInput(res, "filter.text", '"C12"', '"18"', '"ZZZ"', "20250", "U+0007");
    expect(res.errors![0].extensions!.invalidArguments).toEqual([
      "filter.text",
      "filter.actionLine",
      "filter.sdgGoal",
      "filter.economy",
      "filter.year",
    ]);
    expectBadUserInput(
      await sg.query(`{ stocktakingEntries(filter: { text: "${"x".repeat(201)}" }) { totalCount } }`),
      "filter.text",
      "200",
    );
  });
});

describe("pages", () => {
  it("walks every visible entry newest first, two at a time, without gaps or repeats", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const res: {
        data?: {
          stocktakingEntries: {
            edges: Array<{ node: { id: string } }>;
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
          };
        } | null;
      } = await sg.query(
        "query($after: String) { stocktakingEntries(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }",
        { after },
      );
      const c = res.data!.stocktakingEntries;
      seen.push(...c.edges.map((e) => e.node.id));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(seen).toEqual(named("undated", "farmers", "schools", "malaria", "clinics"));
  });

  it("refuses a page size out of range and a cursor of another list or forged", async () => {
    expectBadUserInput(await sg.query("{ stocktakingEntries(first: 101) { totalCount } }"), "first", "100");
    expectBadUserInput(
      await sg.query(`{ stocktakingEntries(after: "${forgedCursor(["events", "2025-01-01", 1])}") { totalCount } }`),
      "after",
    );
    expectBadUserInput(
      await sg.query(
        `{ stocktakingEntries(after: "${forgedCursor(["stocktaking", "99999999999999999999"])}") { totalCount } }`,
      ),
      "after",
    );
  });
});

describe("stocktakingStatistics", () => {
  const STATS = `{ total byActionLine { actionLine { code } count } byStakeholderType { stakeholderType count }
    byYear { year count } byEconomy { economy { code } count } bySdgGoal { sdgGoal { code } count } byStatus { status count } }`;

  it("counts the published entries by each dimension, for anyone", async () => {
    const res = await sg.query<{ stocktakingStatistics: Record<string, unknown> }>(
      `{ stocktakingStatistics ${STATS} }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.stocktakingStatistics).toEqual({
      total: 5,
      byActionLine: [
        { actionLine: { code: "C2" }, count: 2 },
        { actionLine: { code: "C7.e-health" }, count: 2 },
        { actionLine: { code: "C3" }, count: 1 },
        { actionLine: { code: "C4" }, count: 1 },
        { actionLine: { code: "C7.e-agriculture" }, count: 1 },
      ],
      byStakeholderType: [
        { stakeholderType: "GOVERNMENT", count: 2 },
        { stakeholderType: "CIVIL_SOCIETY", count: 1 },
        { stakeholderType: "INTERNATIONAL_ORGANIZATION", count: 1 },
        { stakeholderType: "PRIVATE_SECTOR", count: 1 },
      ],
      byYear: [
        { year: 2019, count: 1 },
        { year: 2021, count: 1 },
        { year: 2022, count: 2 },
      ],
      byEconomy: [
        { economy: { code: "KEN" }, count: 2 },
        { economy: { code: "IND" }, count: 1 },
        { economy: { code: "NGA" }, count: 1 },
        { economy: { code: "UGA" }, count: 1 },
      ],
      bySdgGoal: [
        { sdgGoal: { code: "3" }, count: 2 },
        { sdgGoal: { code: "16" }, count: 1 },
        { sdgGoal: { code: "2" }, count: 1 },
        { sdgGoal: { code: "4" }, count: 1 },
        { sdgGoal: { code: "9" }, count: 1 },
      ],
      byStatus: [{ status: "PUBLISHED", count: 5 }],
    });
  });

  it("counts what the filter selects, and what the caller may see", async () => {
    const res = await sg.query<{ stocktakingStatistics: { total: number; byStatus: unknown[] } }>(
      '{ stocktakingStatistics(filter: { text: "clinics" }) { total byStatus { status count } } }',
      {},
      AS.moderator,
    );
    expect(res.data!.stocktakingStatistics).toEqual({
      total: 3,
      byStatus: [
        { status: "PUBLISHED", count: 2 },
        { status: "SUBMITTED", count: 1 },
      ],
    });
    const bad = await sg.query('{ stocktakingStatistics(filter: { economy: "ZZZ" }) { total } }');
    expectBadUserInput(bad, "filter.economy", '"ZZZ"');
  });
});

describe("reverse fields: ActionLine, Economy and SdgGoal .stocktakingEntries", () => {
  const reverse = async (
    typename: string,
    key: string,
    code: string,
    first?: number,
    headers: Record<string, string> = {},
  ) => {
    const res = await sg.query<{ _entities: Array<{ stocktakingEntries: Array<{ id: string }> }> }>(
      `query($r: [_Any!]!, $first: Int) { _entities(representations: $r) {
        ... on ActionLine { stocktakingEntries(first: $first) { id } } ... on Economy { stocktakingEntries(first: $first) { id } }
        ... on SdgGoal { stocktakingEntries(first: $first) { id } } } }`,
      { r: [{ __typename: typename, [key]: code }], first },
      headers,
    );
    expect(res.errors).toBeUndefined();
    return res.data!._entities[0].stocktakingEntries.map((e) => e.id);
  };

  it("lists the entries of an action line (C7 with its sub-lines), an economy and a goal, newest first", async () => {
    expect(await reverse("ActionLine", "code", "C7")).toEqual(named("farmers", "malaria", "clinics"));
    expect(await reverse("ActionLine", "code", "C7.e-health", 1)).toEqual(named("malaria"));
    expect(await reverse("Economy", "code", "KEN")).toEqual(named("malaria", "clinics"));
    expect(await reverse("SdgGoal", "code", "4")).toEqual(named("schools"));
    expect(await reverse("ActionLine", "code", "C7.e-health", undefined, AS.itu)).toEqual(
      named("draft", "malaria", "clinics"),
    );
  });

  it("refuses a size out of range", async () => {
    const res = await sg.query(
      'query { _entities(representations: [{ __typename: "Economy", code: "KEN" }]) { ... on Economy { stocktakingEntries(first: 500) { id } } } }',
    );
    expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "first" });
  });
});
