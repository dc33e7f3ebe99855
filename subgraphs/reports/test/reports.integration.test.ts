import { readFileSync } from "node:fs";
import path from "node:path";
import { startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { parse } from "csv-parse/sync";
import { reportsModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";

const dataDir = path.join(__dirname, "../data");
const actionLineRows = parse(readFileSync(path.join(dataDir, "wsis_action_lines.csv"), "utf8"), { columns: true }) as Array<
  Record<string, string>
>;
const roadmap = readFileSync(path.join(dataDir, "itu-council-2022-wsis20-roadmap.txt"), "utf8").replace(/\s+/g, " ");

/** The facilitators the data file lists for an action line (C7: its sub-lines, in order, without repeats). */
function facilitatorsOf(code: string): string[] {
  const ids = actionLineRows
    .filter((r) => r.action_line === code)
    .flatMap((r) => r.facilitators_tunis_annex_UNVERIFIED.split(";").map((s) => s.trim()))
    .map((name) => (name === "UN Regional Commissions" ? "UNRC" : name));
  return [...new Set(ids)];
}

const LINES = ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11"];

let sg: TestSubgraph<SeedCounts>;

beforeAll(async () => {
  sg = await startTestSubgraph(reportsModule);
});
afterAll(async () => {
  await sg?.stop();
});

interface ReportNode {
  id: string;
  title: string;
  kind: string;
  status: string;
  catalogueText: string;
  coordinators: Array<{ id: string }>;
  coordinatorsVerified: boolean | null;
  actionLines: Array<{ code: string }>;
  dueDate: unknown;
  submittedDate: unknown;
  publishedDate: unknown;
  stakeholderGroup: string | null;
  economy: { code: string } | null;
  source: { id: string } | null;
}
const NODE_FIELDS =
  "id title kind status catalogueText coordinators { id } coordinatorsVerified actionLines { code } dueDate { value } submittedDate { value } publishedDate { value } stakeholderGroup economy { code } source { id }";

async function allReports(filter = "{}"): Promise<ReportNode[]> {
  const res = await sg.query<{ reports: { edges: Array<{ node: ReportNode }>; totalCount: number } }>(
    `{ reports(filter: ${filter}, first: 100) { totalCount edges { node { ${NODE_FIELDS} } } } }`,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data!.reports.edges).toHaveLength(res.data!.reports.totalCount);
  return res.data!.reports.edges.map((e) => e.node);
}

describe("the WSIS+20 reporting catalogue of the roadmap", () => {
  it("has one series per catalogue line, in the roadmap's order, each line verbatim", async () => {
    const res = await sg.query<{ reportCatalogue: Array<{ id: string; kind: string; position: number; catalogueText: string; quotes: string[]; reportCount: number; source: { id: string; title: string } }> }>(
      "{ reportCatalogue { id kind position catalogueText quotes reportCount source { id title } } }",
    );
    expect(res.errors).toBeUndefined();
    const catalogue = res.data!.reportCatalogue;
    expect(catalogue.map((s) => [s.kind, s.reportCount])).toEqual([
      ["PROGRESS_REPORT", 1],
      ["ACTION_LINE_REVIEW", 11],
      ["STAKEHOLDER_REPORT", 4],
      ["NATIONAL_REVIEW", 0],
      ["STOCKTAKING_REPORT", 1],
      ["STOCKTAKING_SUCCESS_STORIES", 1],
      ["UNGIS_REVIEW", 1],
      ["CONTRIBUTIONS_2030_AGENDA", 1],
    ]);
    expect(catalogue[0].catalogueText).toBe(
      "WSIS+20 Progress Report (Quantitative Focus) (Initial Coordination by Partnership on the Measuring ICT for Development during the WSIS Forum 2022)",
    );
    // The lines appear in the roadmap in this order, each as a bullet of its own.
    let from = 0;
    for (const s of catalogue) {
      const at = roadmap.indexOf(`· ${s.catalogueText}`, from);
      expect(at).toBeGreaterThan(from);
      from = at;
      for (const quote of s.quotes) expect(roadmap).toContain(quote);
      expect(s.source.id).toBe("itu-council-2022-wsis20-roadmap");
    }
  });

  it("has no national review until a country submits one", async () => {
    const res = await sg.query<{ reports: { totalCount: number; edges: unknown[] } }>(
      "{ reports(filter: { kind: NATIONAL_REVIEW }) { totalCount edges { node { id } } } }",
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.reports).toEqual({ totalCount: 0, edges: [] });
  });

  it("has one planned review per action line C1–C11, coordinated by that line's (unverified) facilitators", async () => {
    const reviews = await allReports("{ kind: ACTION_LINE_REVIEW }");
    expect(reviews.map((r) => r.id)).toEqual(LINES.map((c) => `wsis20-action-line-review-${c.toLowerCase()}`));
    for (const [i, review] of reviews.entries()) {
      const code = LINES[i];
      expect(review.status).toBe("PLANNED");
      expect(review.coordinators.map((a) => a.id)).toEqual(facilitatorsOf(code));
      expect(review.coordinatorsVerified).toBe(false);
      expect(review.actionLines[0].code).toBe(code);
      expect(review.title).toMatch(new RegExp(`^Review Report by Action Line Facilitators — ${code}: `));
      expect(review.catalogueText).toContain("Review Reports by Action Line Facilitators (11 Action Lines)");
      expect([review.dueDate, review.submittedDate, review.publishedDate]).toEqual([null, null, null]);
    }
    const c5 = reviews[4];
    expect(c5).toMatchObject({ title: "Review Report by Action Line Facilitators — C5: Building confidence and security in the use of ICTs", coordinators: [{ id: "ITU" }] });
    // C7 is one review covering its eight sub-lines, coordinated by the union of their facilitators.
    const c7 = reviews[6];
    expect(c7.actionLines.map((l) => l.code)).toEqual([
      "C7",
      "C7.e-government",
      "C7.e-business",
      "C7.e-learning",
      "C7.e-health",
      "C7.e-employment",
      "C7.e-environment",
      "C7.e-agriculture",
      "C7.e-science",
    ]);
    expect(c7.coordinators.map((a) => a.id)).toEqual([
      "UNDP", "ITU", "WTO", "UNCTAD", "UPU", "UNESCO", "UNIDO", "WHO", "ILO", "WMO", "UNEP", "UN-Habitat", "ICAO", "FAO",
    ]);
    expect(reviews[0].coordinators.map((a) => a.id)).toEqual(["ECOSOC", "UNRC", "ITU"]);
  });

  it("has the reports the catalogue names one by one, planned, with the coordinators the roadmap names", async () => {
    const reports = await allReports();
    expect(reports).toHaveLength(20);
    expect(reports.every((r) => r.status === "PLANNED")).toBe(true);
    expect(reports.every((r) => r.dueDate === null && r.submittedDate === null && r.publishedDate === null)).toBe(true);
    expect(reports.every((r) => r.economy === null)).toBe(true);
    expect(reports.every((r) => r.source?.id === "itu-council-2022-wsis20-roadmap")).toBe(true);
    const byId = new Map(reports.map((r) => [r.id, r]));
    expect(byId.get("wsis20-progress-report")).toMatchObject({
      title: "WSIS+20 Progress Report (Quantitative Focus)",
      kind: "PROGRESS_REPORT",
      coordinators: [{ id: "PMICT4D" }],
      coordinatorsVerified: true,
    });
    expect(byId.get("wsis20-stocktaking-report")).toMatchObject({ coordinators: [{ id: "ITU" }], coordinatorsVerified: true });
    expect(byId.get("wsis20-stocktaking-success-stories")).toMatchObject({ coordinators: [{ id: "ITU" }] });
    expect(byId.get("wsis20-ungis-review-report")).toMatchObject({ title: "UNGIS Review Report", coordinators: [], coordinatorsVerified: null });
    expect(byId.get("wsis20-report-contributions-2030-agenda")).toMatchObject({
      title: "Report on the Contributions to the 2030 Agenda",
      coordinators: [],
    });
    expect(reports.filter((r) => r.kind === "STAKEHOLDER_REPORT").map((r) => r.stakeholderGroup)).toEqual([
      "CIVIL_SOCIETY",
      "PRIVATE_SECTOR",
      "ACADEMIA",
      "TECHNICAL_COMMUNITY",
    ]);
    for (const r of reports) expect(roadmap).toContain(r.catalogueText);
  });

  it("quotes the roadmap verbatim on every agency and event link", async () => {
    const res = await sg.query<{ reports: { edges: Array<{ node: { id: string; agencies: Array<{ role: string; verified: boolean; quotes: string[]; agency: { id: string }; source: { id: string } }>; events: Array<{ role: string; quotes: string[]; event: { id: string }; source: { id: string } }> } }> } }>(
      "{ reports(first: 100) { edges { node { id agencies { role verified quotes agency { id } source { id } } events { role quotes event { id } source { id } } } } } }",
    );
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.reports.edges.map((e) => e.node);
    for (const node of nodes) {
      for (const link of [...node.agencies, ...node.events]) for (const quote of link.quotes) expect(roadmap).toContain(quote);
      for (const link of node.agencies) {
        // Links stated by the roadmap are verified and quoted; links from the facilitator table are neither.
        expect(link.verified).toBe(link.quotes.length > 0);
        expect(link.source.id).toBe(link.verified ? "itu-council-2022-wsis20-roadmap" : "tunis-agenda-facilitators-unverified");
      }
      expect(node.events).toContainEqual(
        expect.objectContaining({ role: "PREPARED_TOWARDS", event: { id: "unga-wsis20-hlm-2025" } }),
      );
    }
    const progress = nodes.find((n) => n.id === "wsis20-progress-report")!;
    expect(progress.events).toContainEqual({
      role: "INITIAL_COORDINATION",
      quotes: ["Initial Coordination by Partnership on the Measuring ICT for Development during the WSIS Forum 2022"],
      event: { id: "wsis-forum-2022" },
      source: { id: "itu-council-2022-wsis20-roadmap" },
    });
    expect(progress.agencies).toEqual([
      {
        role: "COORDINATOR",
        verified: true,
        quotes: ["Initial Coordination by Partnership on the Measuring ICT for Development"],
        agency: { id: "PMICT4D" },
        source: { id: "itu-council-2022-wsis20-roadmap" },
      },
    ]);
  });

  it("has the roadmap's four templates, prepared at the WSIS Forum 2022, each for its kinds of report", async () => {
    const res = await sg.query<{ reportTemplates: Array<{ id: string; title: string; draft: boolean; preparedBy: string | null; reportKinds: string[]; seedText: string[]; preparedAt: { id: string }; series: Array<{ id: string }>; source: { id: string } }> }>(
      "{ reportTemplates { id title draft preparedBy reportKinds seedText preparedAt { id } series { id } source { id } } }",
    );
    expect(res.errors).toBeUndefined();
    const templates = res.data!.reportTemplates;
    expect(templates.map((t) => [t.id, t.reportKinds, t.draft])).toEqual([
      ["template-action-line-facilitator-reports", ["ACTION_LINE_REVIEW"], false],
      ["template-voluntary-national-reporting", ["NATIONAL_REVIEW"], false],
      ["template-stakeholder-reports", ["STAKEHOLDER_REPORT"], false],
      ["template-national-review-draft", ["NATIONAL_REVIEW"], true],
    ]);
    expect(templates[0].title).toBe("templates for the reports of the lead facilitators on the WSIS Action Lines");
    expect(templates[3].seedText).toEqual([
      "Draft template to be prepared during WSIS Action Line Facilitators’ Meeting of the WSIS Forum 2022",
    ]);
    for (const t of templates) {
      expect(t.preparedAt).toEqual({ id: "wsis-forum-2022" });
      expect(t.source).toEqual({ id: "itu-council-2022-wsis20-roadmap" });
      for (const text of t.seedText) expect(roadmap).toContain(text);
    }
    expect(templates[3].series).toEqual([{ id: "wsis20-national-reviews" }]);

    const one = await sg.query<{ reportTemplate: { title: string } | null; none: null; report: { templates: Array<{ id: string }> } }>(
      '{ reportTemplate(id: "template-stakeholder-reports") { title } none: reportTemplate(id: "template-unknown") { title } report(id: "wsis20-action-line-review-c3") { templates { id } } }',
    );
    expect(one.errors).toBeUndefined();
    expect(one.data).toEqual({
      reportTemplate: { title: "templates for reports by civil society, academia, private sector and technical community" },
      none: null,
      report: { templates: [{ id: "template-action-line-facilitator-reports" }] },
    });
  });
});

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
    expect(await ids('{ event: "unga-wsis20-hlm-2025" }')).toHaveLength(20);
    expect(await ids('{ kind: ACTION_LINE_REVIEW, agency: "UNESCO" }')).toEqual(
      ["c3", "c4", "c7", "c8", "c9", "c10"].map((c) => `wsis20-action-line-review-${c}`),
    );
    expect(await ids("{ status: PLANNED }")).toHaveLength(20);
    expect(await ids("{ status: PUBLISHED }")).toEqual([]);
    expect(await ids('{ series: "wsis20-stakeholder-reports", stakeholderGroup: ACADEMIA }')).toEqual(["wsis20-stakeholder-report-academia"]);
  });

  it("matches nothing, without an error, for known codes that no report references", async () => {
    const res = await sg.query<{ a: { totalCount: number }; b: { totalCount: number }; c: { totalCount: number }; d: { totalCount: number } }>(
      '{ a: reports(filter: { agency: "UNGIS" }) { totalCount } b: reports(filter: { series: "wsis20-national-reviews" }) { totalCount } c: reports(filter: { economy: "KEN" }) { totalCount } d: reports(filter: { event: "wsis-forum-2025" }) { totalCount } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ a: { totalCount: 0 }, b: { totalCount: 0 }, c: { totalCount: 0 }, d: { totalCount: 0 } });
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
      const res = await sg.query(`{ reports(filter: { ${field}: ${value} }, first: ${first}) { totalCount edges { node { id } } } }`);
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
      const res: Awaited<ReturnType<typeof sg.query<{ reports: { totalCount: number; edges: Array<{ cursor: string; node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>>> =
        await sg.query("query($after: String) { reports(first: 6, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }", { after });
      expect(res.errors).toBeUndefined();
      const page = res.data!.reports;
      expect(page.totalCount).toBe(20);
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
    expect(everything.at(-1)).toBe("wsis20-report-contributions-2030-agenda");
  });

  it("pages within a filter, and reports an empty last page honestly", async () => {
    const first = await sg.query<{ reports: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
      '{ reports(filter: { agency: "UNESCO" }, first: 5) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
    );
    expect(first.data!.reports.pageInfo.hasNextPage).toBe(true);
    const rest = await sg.query<{ reports: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(
      'query($after: String) { reports(filter: { agency: "UNESCO" }, first: 5, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
      { after: first.data!.reports.pageInfo.endCursor },
    );
    expect(rest.data!.reports.edges.map((e) => e.node.id)).toEqual(["wsis20-action-line-review-c10"]);
    expect(rest.data!.reports.pageInfo.hasNextPage).toBe(false);
    const zero = await sg.query<{ reports: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number } }>(
      "{ reports(first: 0) { edges { cursor } pageInfo { hasNextPage endCursor } totalCount } }",
    );
    expect(zero.data!.reports).toEqual({ edges: [], pageInfo: { hasNextPage: true, endCursor: null }, totalCount: 20 });
  });
});

describe("lookups and bad input", () => {
  it("finds a report by id and returns null for an unknown one", async () => {
    const res = await sg.query<{ report: { id: string; series: { id: string } }; none: null }>(
      '{ report(id: "wsis20-action-line-review-c5") { id series { id } } none: report(id: "wsis20-no-such-report") { id } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ report: { id: "wsis20-action-line-review-c5", series: { id: "wsis20-action-line-reviews" } }, none: null });
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

  it.each(['kind: "PROGRESS"', "kind: PROGRESS", "status: DONE"])("rejects an unknown enum value (%s) before running anything", async (arg) => {
    const statements = await sg.countStatements(async () => {
      const res = await sg.query(`{ reports(filter: { ${arg} }) { totalCount } }`);
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].message).toMatch(/ReportKind|ReportStatus/);
      expect(["GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT"]).toContain(res.errors![0].extensions?.code);
    });
    expect(statements).toBe(0);
  });

  it("rejects an unknown enum value passed as a variable with BAD_USER_INPUT", async () => {
    const res = await sg.query("query($k: ReportKind) { reports(filter: { kind: $k }) { totalCount } }", { k: "NATIONAL" });
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
    const res = await sg.query<{ _entities: Array<{ reports: Array<{ id: string; status: string; coordinators: Array<{ id: string }> }> }> }>(
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
    const res = await sg.query<{ _entities: Array<{ code: string; reports: Array<{ kind: string; status: string }> }> }>(
      "query($r: [_Any!]!) { _entities(representations: $r) { ... on ActionLine { code reports { kind status } } } }",
      { r: codes.map((code) => ({ __typename: "ActionLine", code })) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toHaveLength(19);
    for (const line of res.data!._entities) expect(line.reports).toEqual([{ kind: "ACTION_LINE_REVIEW", status: "PLANNED" }]);
  });

  it("batches reverse links: one statement for many keys of a type", async () => {
    const reps = LINES.map((code) => ({ __typename: "ActionLine", code }));
    const one = await sg.countStatements(() =>
      sg.query("query($r: [_Any!]!) { _entities(representations: $r) { ... on ActionLine { reports { id } } } }", { r: reps.slice(0, 1) }),
    );
    const many = await sg.countStatements(() =>
      sg.query("query($r: [_Any!]!) { _entities(representations: $r) { ... on ActionLine { reports { id } } } }", { r: reps }),
    );
    expect(one).toBe(1);
    expect(many).toBe(1);
    const agencies = ["ITU", "UNESCO", "UNDP", "FAO", "WHO", "UNRC"].map((id) => ({ __typename: "Agency", id }));
    const reports = ["c1", "c2", "c3", "c4"].map((c) => ({ __typename: "Report", id: `wsis20-action-line-review-${c}` }));
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
    expect(Number(rows[0].sources)).toBe(3);
  });

  it("seeds idempotently: a second run writes nothing and duplicates nothing", async () => {
    const count = () => sg.dataSource.query("SELECT (SELECT count(*) FROM report)::int AS r, (SELECT count(*) FROM report_agency)::int AS a, (SELECT count(*) FROM report_event)::int AS e");
    const before = await count();
    const again = await reportsModule.seed(sg.dataSource);
    expect(again.written).toBe(0);
    expect(await count()).toEqual(before);
    expect(before[0]).toEqual({ r: 20, a: sg.seedResult.agencyLinks, e: sg.seedResult.eventLinks });
    expect(sg.seedResult.written).toBeGreaterThan(0);
  });
});
