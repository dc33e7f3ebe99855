import {
  callerAs,
  expectBadUserInput as badInput,
  forgedCursor as b64,
  startTestSubgraph,
  type TestSubgraph,
} from "@wsis/shared/testing";
import { reportsModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";

/**
 * Codes in any case, one meaning for an unknown code (a lookup gives null, a filter or a write BAD_USER_INPUT naming
 * it), references that must resolve, forged cursors, and what a write may contain: no empty string for an optional
 * field, no control character.
 */

let sg: TestSubgraph<SeedCounts>;
beforeAll(async () => {
  sg = await startTestSubgraph(reportsModule);
});
afterAll(async () => {
  await sg?.stop();
});

const ITU = callerAs("ITU", ["reports:write"]);

/** Everything the database holds about the reports' writes. */
const everything = async () => ({
  reports: await sg.dataSource.query("SELECT * FROM report ORDER BY id"),
  links: await sg.dataSource.query(
    "SELECT (SELECT count(*) FROM report_agency) + (SELECT count(*) FROM report_action_line) + (SELECT count(*) FROM report_indicator) + (SELECT count(*) FROM report_status_change) AS n",
  ),
  audits: await sg.dataSource.query("SELECT count(*)::int AS n FROM audit_log"),
});

const CREATE = `mutation($input: CreateReportInput!) { createReport(input: $input) {
  id title note economy { code } dueDate { value } coordinators { id } authors { id } actionLines { code } indicators { code } } }`;
const create = (input: Record<string, unknown>) =>
  sg.query<{ createReport: Record<string, unknown> }>(CREATE, { input }, ITU);
const TRANSITION =
  "mutation($id: ID!, $note: String) { transitionReport(id: $id, to: DRAFTING, note: $note) { id status } }";
const review = {
  id: "wsis20-national-review-ken",
  title: "WSIS+20 National Review Report — Kenya",
  kind: "NATIONAL_REVIEW",
  economy: "KEN",
};

describe("codes are case-insensitive on input and answered as stored", () => {
  it("in lookups", async () => {
    const res = await sg.query(
      '{ report(id: "WSIS20-Progress-Report") { id } reportTemplate(id: "Template-National-Review-Draft") { id } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      report: { id: "wsis20-progress-report" },
      reportTemplate: { id: "template-national-review-draft" },
    });
  });

  it.each([
    ['agency: "unesco"', 'agency: "UNESCO"'],
    ['agency: "pmict4d"', 'agency: "PMICT4D"'],
    ['actionLine: "c7.E-HEALTH"', 'actionLine: "C7.e-health"'],
    ['event: "WSIS-Forum-2022"', 'event: "wsis-forum-2022"'],
    ['series: "WSIS20-Action-Line-Reviews"', 'series: "wsis20-action-line-reviews"'],
  ])("in filters: %s is %s", async (spelled, canonical) => {
    const q = (filter: string) =>
      sg.query<{ reports: { totalCount: number; edges: unknown[] } }>(
        `{ reports(filter: { ${filter} }) { totalCount edges { node { id } } } }`,
      );
    const [a, b] = [await q(spelled), await q(canonical)];
    expect(a.errors).toBeUndefined();
    expect(a.data!.reports.totalCount).toBeGreaterThan(0);
    expect(a.data).toEqual(b.data);
  });
});

describe("an unknown code", () => {
  it("is null in a lookup", async () => {
    const res = await sg.query(
      '{ report(id: "wsis20-no-such-report") { id } reportTemplate(id: "template-unknown") { id } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ report: null, reportTemplate: null });
  });
});

describe("forged cursors", () => {
  it.each([
    // The earlier encoding ([order, id]) with values PostgreSQL refuses: an order beyond int4, an id with a NUL.
    ["an order beyond int4", b64([10000000000, "wsis20-progress-report"])],
    ["an order of 2^31", b64([2147483648, "wsis20-progress-report"])],
    ["an id with a NUL", b64([101, "wsis20-progress-report\u0000"])],
    ["a tagged order of 2^31", b64(["reports", 2147483648, "x"])],
    ["a tagged order of 10^10", b64(["reports", 10000000000, "x"])],
    ["a tagged id with a NUL", b64(["reports", 101, "a\u0000b"])],
    ["another list's cursor", b64(["events", "2022-01-01", 1])],
  ])("refuses %s with BAD_USER_INPUT naming after", async (_what, after) => {
    const res = await sg.query(
      "query($after: String) { reports(first: 2, after: $after) { totalCount edges { node { id } } } }",
      { after },
    );
    badInput(res, "after", '"after"');
  });
});

describe("createReport", () => {
  it("refuses references that point at nothing, naming each, and writes nothing", async () => {
    const before = await everything();
    const res = await create({
      ...review,
      economy: "ZZZ",
      indicators: ["IT_USE_ii99"],
      authors: ["NOPE"],
      actionLines: ["C99"],
    });
    expect(res.errors![0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      invalidArguments: ["input.economy", "input.authors", "input.actionLines", "input.indicators"],
    });
    expect(res.errors![0].message).toMatch(
      /unknown economy code "ZZZ".*unknown agency id "NOPE".*unknown action-line code "C99".*unknown indicator code "IT_USE_ii99"/,
    );
    expect(await everything()).toEqual(before);
  });

  it("takes codes in any case (an economy by its M49 code too) and stores them as their owners spell them", async () => {
    const res = await create({
      ...review,
      id: "WSIS20-National-Review-KEN",
      economy: "404",
      coordinators: ["itu"],
      authors: ["un-habitat"],
      actionLines: ["c7.E-HEALTH", "c1"],
      indicators: ["INTERNET_USERS_PCT"],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createReport).toMatchObject({
      id: "wsis20-national-review-ken",
      economy: { code: "KEN" },
      coordinators: [{ id: "ITU" }],
      authors: [{ id: "UN-Habitat" }],
      actionLines: [{ code: "C7.e-health" }, { code: "C1" }],
      indicators: [{ code: "internet_users_pct" }],
    });
    const listed = await sg.query<{ reports: { edges: Array<{ node: { id: string } }> } }>(
      '{ reports(filter: { economy: "ken" }) { edges { node { id } } } }',
    );
    expect(listed.data!.reports.edges).toEqual([{ node: { id: "wsis20-national-review-ken" } }]);
  });

  it.each([
    ["note", { note: "" }],
    ["note", { note: " \t " }],
    ["economy", { economy: "" }],
    ["dueDate", { dueDate: "" }],
  ])("refuses an empty optional %s (null leaves it empty) and writes nothing", async (field, input) => {
    const before = await everything();
    badInput(
      await create({ ...review, id: "wsis20-national-review-gha", economy: "GHA", ...input }),
      `input.${field}`,
      `"input.${field}" is empty`,
      "null",
    );
    expect(await everything()).toEqual(before);
    const nulls = await create({
      ...review,
      id: "wsis20-national-review-gha",
      economy: "GHA",
      note: null,
      dueDate: null,
    });
    expect(nulls.errors).toBeUndefined();
    expect(nulls.data!.createReport).toMatchObject({ note: null, dueDate: null });
    await sg.dataSource.query(
      "DELETE FROM report_agency WHERE report_id = 'wsis20-national-review-gha'; DELETE FROM report WHERE id = 'wsis20-national-review-gha'",
    );
  });

  it.each([
    ["title", { title: "Review\u0000" }, "U+0000"],
    ["title", { title: "Review\nof Ghana" }, "U+000A"],
    ["note", { note: "a\u0000b" }, "U+0000"],
    ["note", { note: "bell \u0007" }, "U+0007"],
    ["dueDate", { dueDate: "2025\u0000" }, "2025"],
    ["id", { id: "wsis20-national-review-gha\u0000" }, "U+0000"],
    ["economy", { economy: "GH\u0000" }, "U+0000"],
    ["coordinators", { coordinators: ["IT\u0000U"] }, "U+0000"],
    ["indicators", { indicators: ["internet_users_pct\u0000"] }, "U+0000"],
  ])("refuses a control character in %s, naming the field, and writes nothing", async (field, input, named) => {
    const before = await everything();
    badInput(
      await create({ ...review, id: "wsis20-national-review-gha", economy: "GHA", ...input }),
      `input.${field}`,
      `"input.${field}`,
      named,
    );
    expect(await everything()).toEqual(before);
  });

  it("keeps line breaks and tabs in a note", async () => {
    const note = "First line\n\tindented\r\nlast";
    const res = await create({ ...review, id: "wsis20-national-review-gha", economy: "GHA", note });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createReport.note).toBe(note);
  });
});

describe("transitionReport", () => {
  it("refuses an empty note and a note with a NUL, and writes nothing; null is no note", async () => {
    const before = await everything();
    badInput(
      await sg.query(TRANSITION, { id: "wsis20-action-line-review-c5", note: "" }, ITU),
      "note",
      '"note" is empty',
    );
    badInput(
      await sg.query(TRANSITION, { id: "wsis20-action-line-review-c5", note: "why\u0000" }, ITU),
      "note",
      "U+0000",
    );
    expect(await everything()).toEqual(before);
    const res = await sg.query(TRANSITION, { id: "WSIS20-Action-Line-Review-C5", note: null }, ITU);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ transitionReport: { id: "wsis20-action-line-review-c5", status: "DRAFTING" } });
  });
});
