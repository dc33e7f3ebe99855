import { reportsModule } from "../src/module";
import { actionLineRows, LINES, reportsSubgraph } from "./reports.fixtures";

const { sg, allReports } = reportsSubgraph();

describe("filters and pagination", () => {
  const ids = async (filter: string) => (await allReports(filter)).map((r) => r.id);

  it("filters by agency (coordinating or authoring), action line, event, status, series and stakeholder group", async () => {
    expect(await ids('{ agency: "ITU" }')).toEqual([
      ...["c1", "c2", "c3", "c4", "c5", "c6", "c7"].map((c) => `wsis20-action-line-review-${c}`),
      "wsis20-stocktaking-report",
      "wsis20-stocktaking-success-stories",
    ]);
    expect(await ids('{ agency: "UNRC" }')).toEqual(["c1", "c6", "c11"].map((c) => `wsis20-action-line-review-${c}`));
    expect(await ids('{ agency: "PMICT4D" }')).toEqual(["wsis20-progress-report"]);
    expect(await ids('{ actionLine: "C7.e-health" }')).toEqual(["wsis20-action-line-review-c7"]);
    expect(await ids('{ actionLine: "C10" }')).toEqual(["wsis20-action-line-review-c10"]);
    expect(await ids('{ event: "wsis-forum-2022" }')).toEqual(["wsis20-progress-report"]);
    // The catalogue's 20 reports, prepared towards it, and the resolution it adopted.
    expect(await ids('{ event: "unga-wsis20-hlm-2025" }')).toHaveLength(21);
    expect(await ids('{ kind: ACTION_LINE_REVIEW, agency: "UNESCO" }')).toEqual(
      ["c3", "c4", "c7", "c8", "c9", "c10"].map((c) => `wsis20-action-line-review-${c}`),
    );
    expect(await ids("{ status: PLANNED }")).toHaveLength(20);
    // Published: only the review's outcome (a UN record says it was adopted); no catalogue report has a record of publication.
    expect(await ids("{ status: PUBLISHED }")).toEqual(["a-res-80-173"]);
    expect(await ids('{ series: "wsis20-stakeholder-reports", stakeholderGroup: ACADEMIA }')).toEqual([
      "wsis20-stakeholder-report-academia",
    ]);
  });

  it("matches nothing, without an error, for known codes that no report references", async () => {
    const res = await sg.query<{
      a: { totalCount: number };
      b: { totalCount: number };
      c: { totalCount: number };
      d: { totalCount: number };
    }>(
      '{ a: reports(filter: { agency: "UNGIS" }) { totalCount } b: reports(filter: { series: "wsis20-national-reviews" }) { totalCount } c: reports(filter: { economy: "KEN" }) { totalCount } d: reports(filter: { event: "wsis-forum-2025" }) { totalCount } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      a: { totalCount: 0 },
      b: { totalCount: 0 },
      c: { totalCount: 0 },
      d: { totalCount: 0 },
    });
  });

  // One meaning for an unknown code (issue #12): a filter naming a code that its owner does not know is an error.
  it.each([
    ["agency", '"NOPE"'],
    ["actionLine", '"C99"'],
    ["economy", '"ZZZ"'],
    ["event", '"no-such-event"'],
    ["series", '"no-such-series"'],
  ])("refuses a filter naming an unknown %s (%s) with BAD_USER_INPUT naming it", async (field, value) => {
    for (const first of [20, 0]) {
      const res = await sg.query(
        `{ reports(filter: { ${field}: ${value} }, first: ${first}) { totalCount edges { node { id } } } }`,
      );
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: `filter.${field}` });
      expect(res.errors![0].message).toContain(value);
      expect(res.errors![0].message).toContain("unknown");
    }
  });

  it("pages through every report with cursors, in catalogue order, without gaps or repeats", async () => {
    const everything = (await allReports()).map((r) => r.id);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: Awaited<
        ReturnType<
          typeof sg.query<{
            reports: {
              totalCount: number;
              edges: Array<{ cursor: string; node: { id: string } }>;
              pageInfo: { hasNextPage: boolean; endCursor: string | null };
            };
          }>
        >
      > = await sg.query(
        "query($after: String) { reports(first: 6, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }",
        { after },
      );
      expect(res.errors).toBeUndefined();
      const page = res.data!.reports;
      expect(page.totalCount).toBe(21);
      seen.push(...page.edges.map((e) => e.node.id));
      pages += 1;
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) break;
      expect(page.edges).toHaveLength(6);
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(everything);
    expect(everything[0]).toBe("wsis20-progress-report");
    expect(everything.at(-2)).toBe("wsis20-report-contributions-2030-agenda");
    expect(everything.at(-1)).toBe("a-res-80-173");
  });

  it("pages within a filter, and reports an empty last page honestly", async () => {
    const first = await sg.query<{
      reports: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } };
    }>(
      '{ reports(filter: { agency: "UNESCO" }, first: 5) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
    );
    expect(first.data!.reports.pageInfo.hasNextPage).toBe(true);
    const rest = await sg.query<{
      reports: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    }>(
      'query($after: String) { reports(filter: { agency: "UNESCO" }, first: 5, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
      { after: first.data!.reports.pageInfo.endCursor },
    );
    expect(rest.data!.reports.edges.map((e) => e.node.id)).toEqual(["wsis20-action-line-review-c10"]);
    expect(rest.data!.reports.pageInfo.hasNextPage).toBe(false);
    const zero = await sg.query<{
      reports: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number };
    }>("{ reports(first: 0) { edges { cursor } pageInfo { hasNextPage endCursor } totalCount } }");
    expect(zero.data!.reports).toEqual({ edges: [], pageInfo: { hasNextPage: true, endCursor: null }, totalCount: 21 });
  });
});

describe("lookups and bad input", () => {
  it("finds a report by id and returns null for an unknown one", async () => {
    const res = await sg.query<{ report: { id: string; series: { id: string } }; none: null }>(
      '{ report(id: "wsis20-action-line-review-c5") { id series { id } } none: report(id: "wsis20-no-such-report") { id } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      report: { id: "wsis20-action-line-review-c5", series: { id: "wsis20-action-line-reviews" } },
      none: null,
    });
  });

  it.each([
    ["reports(first: 101) { totalCount }", "first"],
    ["reports(first: -1) { totalCount }", "first"],
    ['reports(after: "garbage!") { totalCount }', "after"],
    ['reports(filter: { agency: "I T U" }) { totalCount }', "filter.agency"],
    ['reports(filter: { actionLine: "C5; drop table report" }) { totalCount }', "filter.actionLine"],
    ['reports(filter: { economy: "Kenya" }) { totalCount }', "filter.economy"],
    ['reports(filter: { event: "WSIS Forum 2025" }) { totalCount }', "filter.event"],
    ['reports(filter: { series: "" }) { totalCount }', "filter.series"],
    ['report(id: "Not A Slug") { id }', "id"],
    ['reportTemplate(id: "x y") { id }', "id"],
  ])("rejects %s naming %s", async (field, argumentName) => {
    const res = await sg.query(`{ x: ${field} }`);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName });
    expect(res.errors![0].message).toContain(`"${argumentName}"`);
    expect(JSON.stringify(res.errors)).not.toMatch(/stack|at .*\.ts|SELECT/);
  });

  it.each(['kind: "PROGRESS"', "kind: PROGRESS", "status: DONE"])(
    "rejects an unknown enum value (%s) before running anything",
    async (arg) => {
      const statements = await sg.countStatements(async () => {
        const res = await sg.query(`{ reports(filter: { ${arg} }) { totalCount } }`);
        expect(res.errors).toHaveLength(1);
        expect(res.errors![0].message).toMatch(/ReportKind|ReportStatus/);
        expect(["GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT"]).toContain(res.errors![0].extensions?.code);
      });
      expect(statements).toBe(0);
    },
  );

  it("rejects an unknown enum value passed as a variable with BAD_USER_INPUT", async () => {
    const res = await sg.query("query($k: ReportKind) { reports(filter: { kind: $k }) { totalCount } }", {
      k: "NATIONAL",
    });
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("entities and reverse links", () => {
  it("resolves Report and ReportTemplate references, null for unknown ids", async () => {
    const res = await sg.query<{ _entities: Array<{ id: string; title: string } | null> }>(
      "query($r: [_Any!]!) { _entities(representations: $r) { ... on Report { id title } ... on ReportTemplate { id title } } }",
      {
        r: [
          { __typename: "Report", id: "wsis20-ungis-review-report" },
          { __typename: "Report", id: "wsis20-nothing" },
          { __typename: "ReportTemplate", id: "template-national-review-draft" },
        ],
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([
      { id: "wsis20-ungis-review-report", title: "UNGIS Review Report" },
      null,
      { id: "template-national-review-draft", title: "Draft template for the Self-evaluation National Review Reports" },
    ]);
  });

  it("adds reports to ActionLine, Agency, Event, Economy and Indicator", async () => {
    const res = await sg.query<{
      _entities: Array<{ reports: Array<{ id: string; status: string; coordinators: Array<{ id: string }> }> }>;
    }>(
      "query($r: [_Any!]!) { _entities(representations: $r) { ... on ActionLine { reports { id status coordinators { id } } } ... on Agency { reports { id status coordinators { id } } } ... on Event { reports { id status coordinators { id } } } ... on Economy { reports { id status coordinators { id } } } ... on Indicator { reports { id status coordinators { id } } } } }",
      {
        r: [
          { __typename: "ActionLine", code: "C5" },
          { __typename: "ActionLine", code: "C7.e-agriculture" },
          { __typename: "Agency", id: "FAO" },
          { __typename: "Event", id: "wsis-forum-2022" },
          { __typename: "Economy", code: "KEN" },
          { __typename: "Indicator", code: "IT_USE_ii99" },
          { __typename: "Agency", id: "UNGIS" },
        ],
      },
    );
    expect(res.errors).toBeUndefined();
    const [c5, agriculture, fao, forum, kenya, indicator, ungis] = res.data!._entities.map((e) => e.reports);
    expect(c5).toEqual([{ id: "wsis20-action-line-review-c5", status: "PLANNED", coordinators: [{ id: "ITU" }] }]);
    expect(agriculture.map((r) => r.id)).toEqual(["wsis20-action-line-review-c7"]);
    expect(fao.map((r) => r.id)).toEqual(["wsis20-action-line-review-c7"]);
    expect(forum.map((r) => r.id)).toEqual(["wsis20-progress-report"]);
    expect(kenya).toEqual([]);
    expect(indicator).toEqual([]);
    expect(ungis).toEqual([]);
  });

  it("shows one planned review for every action line and C7 sub-line", async () => {
    const codes = [...LINES, ...actionLineRows.filter((r) => r.sub_line).map((r) => r.key)];
    const res = await sg.query<{
      _entities: Array<{ code: string; reports: Array<{ kind: string; status: string }> }>;
    }>(
      "query($r: [_Any!]!) { _entities(representations: $r) { ... on ActionLine { code reports { kind status } } } }",
      { r: codes.map((code) => ({ __typename: "ActionLine", code })) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toHaveLength(19);
    for (const line of res.data!._entities)
      expect(line.reports).toEqual([{ kind: "ACTION_LINE_REVIEW", status: "PLANNED" }]);
  });

  it("batches reverse links: one statement for many keys of a type", async () => {
    const reps = LINES.map((code) => ({ __typename: "ActionLine", code }));
    const one = await sg.countStatements(() =>
      sg.query("query($r: [_Any!]!) { _entities(representations: $r) { ... on ActionLine { reports { id } } } }", {
        r: reps.slice(0, 1),
      }),
    );
    const many = await sg.countStatements(() =>
      sg.query("query($r: [_Any!]!) { _entities(representations: $r) { ... on ActionLine { reports { id } } } }", {
        r: reps,
      }),
    );
    expect(one).toBe(1);
    expect(many).toBe(1);
    const agencies = ["ITU", "UNESCO", "UNDP", "FAO", "WHO", "UNRC"].map((id) => ({ __typename: "Agency", id }));
    const reports = ["c1", "c2", "c3", "c4"].map((c) => ({
      __typename: "Report",
      id: `wsis20-action-line-review-${c}`,
    }));
    const mixed = await sg.countStatements(() =>
      sg.query(
        "query($r: [_Any!]!) { _entities(representations: $r) { ... on Agency { reports { id } } ... on Report { title coordinators { id } } } }",
        { r: [...agencies, ...reports] },
      ),
    );
    // Agency.reports (1), Report references (1), their agency links (1).
    expect(mixed).toBe(3);
  });
});

describe("seed", () => {
  it("names a source on every row", async () => {
    const rows = await sg.dataSource.query(
      `SELECT (SELECT count(*) FROM report WHERE source_id IS NULL)
            + (SELECT count(*) FROM report_agency WHERE source_id IS NULL)
            + (SELECT count(*) FROM report_event WHERE source_id IS NULL)
            + (SELECT count(*) FROM report_template WHERE source_id IS NULL) AS n,
              (SELECT count(*) FROM source) AS sources`,
    );
    expect(Number(rows[0].n)).toBe(0);
    // The roadmap, the action lines, the facilitator table; the three records of the review's outcome.
    expect(Number(rows[0].sources)).toBe(6);
  });

  it("seeds idempotently: a second run writes nothing and duplicates nothing", async () => {
    const count = () =>
      sg.dataSource.query(
        "SELECT (SELECT count(*) FROM report)::int AS r, (SELECT count(*) FROM report_agency)::int AS a, (SELECT count(*) FROM report_event)::int AS e",
      );
    const before = await count();
    const again = await reportsModule.seed(sg.dataSource);
    expect(again.written).toBe(0);
    expect(await count()).toEqual(before);
    expect(before[0]).toEqual({ r: 21, a: sg.seedResult.agencyLinks, e: sg.seedResult.eventLinks });
    expect(sg.seedResult.written).toBeGreaterThan(0);
  });
});
