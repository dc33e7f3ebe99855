import { readFileSync } from "node:fs";
import path from "node:path";
import { errorCodeOf, expectBadUserInput, startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { parse } from "csv-parse/sync";
import { stocktakingModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";
import { AS, fixture, published, submit, tableCounts } from "./fixtures";

/** The research's files, read here by this test's own parser (never through the seed's code). */
const research = (file: string) =>
  parse(readFileSync(path.join(__dirname, "../data", file), "utf8"), { columns: true }) as Array<
    Record<string, string>
  >;

let sg: TestSubgraph<SeedCounts>;

beforeAll(async () => {
  sg = await startTestSubgraph(stocktakingModule);
});
afterAll(async () => {
  await sg?.stop();
});

interface Cycle {
  year: number;
  verified: boolean;
  source: { url: string };
  phases: Array<{
    phase: string;
    label: string;
    start: { value: string } | null;
    end: { value: string } | null;
    event: { id: string } | null;
    verified: boolean;
    quote: string | null;
    source: { url: string };
  }>;
  categories: Array<{
    key: string;
    name: string;
    verified: boolean;
    nameVerified: boolean;
    actionLine: { code: string };
    source: { url: string };
    nameSource: { url: string };
  }>;
  figures: Array<{
    kind: string;
    value: number;
    qualifier: string;
    planned: boolean;
    verified: boolean;
    source: { url: string };
  }>;
  submissions: { value: number; verified: boolean } | null;
  countries: { value: number; qualifier: string } | null;
  votes: { value: number } | null;
  awards: unknown[];
}

const CYCLE_FIELDS = `year verified source { url }
  phases { phase label start { value } end { value } event { id } verified quote source { url } }
  categories { key name verified nameVerified actionLine { code } source { url } nameSource { url } }
  figures { kind value qualifier planned verified source { url } }
  submissions { value verified } countries { value qualifier } votes { value } awards { id }`;

async function cycles(): Promise<Cycle[]> {
  const res = await sg.query<{ prizeCycles: Cycle[] }>(`{ prizeCycles { ${CYCLE_FIELDS} } }`);
  expect(res.errors).toBeUndefined();
  return res.data!.prizeCycles;
}

describe("the WSIS Prizes as the research found them", () => {
  it("has the cycles 2022–2026, 2024 unverified (a secondary copy of ITU's call only), no award seeded", async () => {
    const all = await cycles();
    expect(all.map((c) => [c.year, c.verified])).toEqual([
      [2022, true],
      [2023, true],
      [2024, false],
      [2025, true],
      [2026, true],
    ]);
    expect(all.every((c) => c.awards.length === 0 && /^https?:\/\//.test(c.source.url))).toBe(true);
  });

  it("serves every phase row of prize_cycles.csv with its dates, source, words and flag (the Forum's own start left out)", async () => {
    const served = (await cycles()).flatMap((c) =>
      c.phases.map((p) => [c.year, p.start?.value ?? "", p.end?.value ?? "", p.verified, p.quote, p.source.url]),
    );
    const expected = research("prize_cycles.csv")
      .filter((r) => r.phase !== "forum_start")
      .map((r) => [Number(r.cycle_year), r.start, r.end, r.verified === "true", r.quote, r.source_url]);
    expect(served).toEqual(expected);
  });

  it("keeps the 2025 ceremony as announced (8 July, ITU) and as reported held (7 July, secondary), both at the ceremony's event", async () => {
    const c2025 = (await cycles()).find((c) => c.year === 2025)!;
    expect(
      c2025.phases.filter((p) => p.phase === "CEREMONY").map((p) => [p.label, p.start?.value, p.verified, p.event?.id]),
    ).toEqual([
      ["ceremony (as announced)", "2025-07-08", true, "wsis-prizes-2025-ceremony"],
      ["ceremony (as reported held)", "2025-07-07", false, "wsis-prizes-2025-ceremony"],
    ]);
    expect(c2025.phases.find((p) => p.phase === "ONLINE_VOTING")).toMatchObject({
      start: { value: "2025-03-14" },
      end: { value: "2025-04-14" },
      verified: true,
    });
  });

  it("gives 2023–2026 their 18 categories, one per action-line key, with unverified names; 2022 none (no source)", async () => {
    const all = await cycles();
    expect(all.map((c) => [c.year, c.categories.length, c.categories[0]?.verified ?? null])).toEqual([
      [2022, 0, null],
      [2023, 18, true],
      [2024, 18, false],
      [2025, 18, true],
      [2026, 18, true],
    ]);
    const c2025 = all.find((c) => c.year === 2025)!;
    expect(c2025.categories.map((c) => c.key)).toEqual([
      "C1",
      "C2",
      "C3",
      "C4",
      "C5",
      "C6",
      "C7.e-government",
      "C7.e-business",
      "C7.e-learning",
      "C7.e-health",
      "C7.e-employment",
      "C7.e-environment",
      "C7.e-agriculture",
      "C7.e-science",
      "C8",
      "C9",
      "C10",
      "C11",
    ]);
    expect(c2025.categories.every((c) => c.actionLine.code === c.key && !c.nameVerified)).toBe(true);
    expect(c2025.categories.find((c) => c.key === "C9")).toMatchObject({
      name: "Media",
      nameSource: { url: expect.stringContaining("dig.watch") },
    });
  });

  it("serves every figure of prize_figures.csv but the stale edition number, flagged as the research flags it", async () => {
    const served = (await cycles()).flatMap((c) =>
      c.figures
        .filter((f) => f.kind !== "CATEGORIES")
        .map((f) => [c.year, f.value, f.qualifier, f.verified, f.source.url]),
    );
    const expected = research("prize_figures.csv")
      .filter((r) => r.figure !== "edition_number_as_printed")
      .map((r) => [
        Number(r.cycle_year),
        Number(r.value.replace(">", "")),
        r.value.startsWith(">") ? "MORE_THAN" : "EXACT",
        r.verified === "true",
        r.source_url,
      ])
      .sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(served).toEqual(expected);
    const c2025 = (await cycles()).find((c) => c.year === 2025)!;
    // 970 submissions from over 107 countries: secondary reports only.
    expect([c2025.submissions, c2025.countries]).toEqual([
      { value: 970, verified: false },
      { value: 107, qualifier: "MORE_THAN" },
    ]);
    expect((await cycles()).find((c) => c.year === 2022)!.submissions).toBeNull();
  });

  it("answers one cycle by year; null for a year without records; BAD_USER_INPUT for a year that is not one", async () => {
    const res = await sg.query<{ a: { year: number } | null; b: null }>(
      "{ a: prizeCycle(year: 2025) { year } b: prizeCycle(year: 2015) { year } }",
    );
    expect(res.data).toEqual({ a: { year: 2025 }, b: null });
    expectBadUserInput(await sg.query("{ prizeCycle(year: 25) { year } }"), "year", "25");
  });

  it("seeds idempotently: a second run writes nothing", async () => {
    expect((await stocktakingModule.seed(sg.dataSource)).written).toBe(0);
  });
});

const AWARD = `mutation($input: AwardPrizeInput!) { awardPrize(input: $input) {
  id rank verified cycle { year } category { key name } entry { id title awards { rank } } source { id } } }`;
const award = (input: Record<string, unknown>, headers: Record<string, string> = AS.moderator) =>
  sg.query<{ awardPrize: { id: string; entry: { id: string } } }>(AWARD, { input }, headers);

describe("awardPrize and removePrizeAward", () => {
  it("records an award of a published entry, by ITU's moderator: shown on the cycle, the category and the entry, audited", async () => {
    const entry = await published(sg, fixture());
    const res = await award({
      cycle: 2025,
      category: "c7.E-health",
      rank: "WINNER",
      entry: entry.id,
      announcementUrl: "https://www.itu.int/example-announcement",
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.awardPrize).toMatchObject({
      rank: "WINNER",
      verified: true,
      cycle: { year: 2025 },
      category: { key: "C7.e-health", name: "ICT applications: e-health" },
      entry: { id: entry.id, awards: [{ rank: "WINNER" }] },
      source: { id: "hub-submission-itu" },
    });
    const cycle = await sg.query<{
      prizeCycle: { awards: Array<{ entry: { id: string } }>; categories: Array<{ key: string; awards: unknown[] }> };
    }>("{ prizeCycle(year: 2025) { awards(rank: WINNER) { entry { id } } categories { key awards { id } } } }");
    expect(cycle.data!.prizeCycle.awards).toEqual([{ entry: { id: entry.id } }]);
    expect(cycle.data!.prizeCycle.categories.find((c) => c.key === "C7.e-health")!.awards).toHaveLength(1);
    const [audit] = await sg.dataSource.query(
      "SELECT operation, entity_type, agency, after FROM audit_log WHERE entity_type = 'PrizeAward'",
    );
    expect(audit).toMatchObject({
      operation: "awardPrize",
      agency: "ITU",
      after: { entry: entry.id, category: "C7.e-health", rank: "WINNER" },
    });
  });

  it("names every unknown or unawardable reference (BAD_USER_INPUT) and writes nothing", async () => {
    const draft = await submit(sg, fixture());
    const before = await tableCounts(sg);
    const bad = await award({ cycle: 2022, category: "C5", rank: "CHAMPION", entry: draft.id });
    expect(bad.errors![0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      invalidArguments: ["input.category", "input.entry"],
    });
    expect(bad.errors![0].message).toMatch(/2022 cycle has no category C5.*SUBMITTED; only a PUBLISHED entry/);
    expectBadUserInput(
      await award({ cycle: 2031, category: "C5", rank: "WINNER", entry: "999999" }),
      "input.cycle",
      "2031",
      "999999",
    );
    expectBadUserInput(
      await award({
        cycle: 2025,
        category: "C12",
        rank: "WINNER",
        entry: "x1",
        announcementUrl: "javascript:alert(1)",
      }),
      "input.category",
      '"C12"',
      '"x1"',
      "http",
    );
    expect(await tableCounts(sg)).toEqual(before);
  });

  it("refuses the same entry twice in a category (CONFLICT), but answers a retry with its idempotency key", async () => {
    const entry = await published(sg, fixture());
    const input = {
      cycle: 2024,
      category: "C5",
      rank: "CHAMPION",
      entry: entry.id,
      idempotencyKey: "award-retry-0001",
    };
    const first = await award(input);
    const retry = await award(input);
    expect(retry.data!.awardPrize.id).toBe(first.data!.awardPrize.id);
    expect(errorCodeOf(await award({ ...input, idempotencyKey: undefined }))).toBe("CONFLICT");
  });

  it("is for ITU's moderators and admins only, refused before any statement", async () => {
    const entry = await published(sg, fixture());
    for (const [headers, code] of [
      [{}, "UNAUTHENTICATED"],
      [AS.itu, "FORBIDDEN"],
      [AS.undpModerator, "FORBIDDEN"],
    ] as const) {
      const statements = await sg.countStatements(async () =>
        expect(
          errorCodeOf(await award({ cycle: 2025, category: "C1", rank: "WINNER", entry: entry.id }, headers)),
        ).toBe(code),
      );
      expect(statements).toBe(0);
    }
    expect(
      (await award({ cycle: 2025, category: "C1", rank: "WINNER", entry: entry.id }, AS.admin)).errors,
    ).toBeUndefined();
  });

  it("removes an award recorded in error, with the reason in the audit trail; NOT_FOUND for an unknown id", async () => {
    const entry = await published(sg, fixture());
    const { data } = await award({ cycle: 2023, category: "C3", rank: "WINNER", entry: entry.id });
    const id = data!.awardPrize.id;
    const REMOVE = `mutation($id: ID!, $reason: String!) { removePrizeAward(id: $id, reason: $reason) { id rank } }`;
    expectBadUserInput(await sg.query(REMOVE, { id, reason: " " }, AS.moderator), "reason", "empty");
    expect(
      (await sg.query(REMOVE, { id, reason: "Recorded in the wrong cycle" }, AS.moderator)).errors,
    ).toBeUndefined();
    expect(await sg.dataSource.query("SELECT id FROM prize_award WHERE id = $1", [id])).toEqual([]);
    const [audit] = await sg.dataSource.query(
      "SELECT after FROM audit_log WHERE operation = 'removePrizeAward' AND entity_id = $1",
      [id],
    );
    expect(audit.after).toEqual({ removed: true, reason: "Recorded in the wrong cycle" });
    expect(errorCodeOf(await sg.query(REMOVE, { id, reason: "again" }, AS.moderator))).toBe("NOT_FOUND");
  });
});

describe("savePrizeCycle", () => {
  const SAVE = `mutation($input: SavePrizeCycleInput!) { savePrizeCycle(input: $input) {
    year title verified phases { phase label start { value } end { value } event { id } source { id } } figures { kind value planned } categories { key verified } } }`;
  const save = (input: Record<string, unknown>, headers: Record<string, string> = AS.moderator) =>
    sg.query<{ savePrizeCycle: Cycle & { title: string } }>(SAVE, { input }, headers);

  it("opens a new cycle with the latest cycle's categories, as the moderator's own record", async () => {
    const res = await save({
      year: 2027,
      phases: [
        { phase: "SUBMISSION", start: "2026-10", end: "2027-01" },
        { phase: "CEREMONY", label: "ceremony at the WSIS Forum", start: "2027" },
      ],
      figures: [{ kind: "WINNERS", value: 18, planned: true }],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.savePrizeCycle).toMatchObject({
      year: 2027,
      title: "WSIS Prizes 2027",
      verified: true,
      phases: [
        {
          phase: "SUBMISSION",
          label: "submission",
          start: { value: "2026-10" },
          end: { value: "2027-01" },
          source: { id: "hub-submission-itu" },
        },
        { phase: "CEREMONY", label: "ceremony at the WSIS Forum", start: { value: "2027" }, end: null },
      ],
      figures: [{ kind: "WINNERS", value: 18, planned: true }],
    });
    expect(res.data!.savePrizeCycle.categories).toHaveLength(18);
    expect(res.data!.savePrizeCycle.categories.every((c) => c.verified)).toBe(true);
  });

  it("replaces a seeded cycle's phases and figures, keeps them through a re-seed, and audits before and after", async () => {
    const res = await save({
      year: 2026,
      phases: [{ phase: "CEREMONY", start: "2026-07-06", end: "2026-07-10", event: "WSIS-Forum-2026" }],
      figures: [],
    });
    expect(res.data!.savePrizeCycle.phases).toEqual([expect.objectContaining({ event: { id: "wsis-forum-2026" } })]);
    await stocktakingModule.seed(sg.dataSource);
    const again = await sg.query<{ prizeCycle: { phases: unknown[]; figures: unknown[] } }>(
      "{ prizeCycle(year: 2026) { phases { phase } figures { kind } } }",
    );
    expect(again.data!.prizeCycle).toEqual({ phases: [{ phase: "CEREMONY" }], figures: [] });
    const [audit] = await sg.dataSource.query(
      "SELECT before, after FROM audit_log WHERE operation = 'savePrizeCycle' AND entity_id = '2026'",
    );
    expect(audit.before.phases).toHaveLength(2);
    expect(audit.after.phases).toEqual([expect.objectContaining({ phase: "CEREMONY", event: "wsis-forum-2026" })]);
  });

  it("names every bad field of the phases and figures (BAD_USER_INPUT) and writes nothing", async () => {
    const before = await sg.dataSource.query("SELECT count(*)::int AS n FROM prize_phase");
    const res = await save({
      year: 1999,
      phases: [
        { phase: "SUBMISSION", start: "2027-02-30" },
        { phase: "CEREMONY", start: "2027-07", end: "2027-06", event: "no-such-event" },
      ],
      figures: [{ kind: "VOTES", value: -1, planned: false }],
    });
    expect(res.errors![0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      invalidArguments: [
        "input.year",
        "input.phases[0].start",
        "input.phases[1].end",
        "input.phases[1].event",
        "input.figures[0].value",
      ],
    });
    expect(await sg.dataSource.query("SELECT count(*)::int AS n FROM prize_phase")).toEqual(before);
    expect(errorCodeOf(await save({ year: 2028, phases: [], figures: [] }, AS.itu))).toBe("FORBIDDEN");
  });
});
