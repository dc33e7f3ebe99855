import { callerHeaders, type Caller } from "@wsis/shared";
import { startTestSubgraph, TEST_INTERNAL_SECRET, type GraphQLResponse, type TestSubgraph } from "@wsis/shared/testing";
import { reportsModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";

let sg: TestSubgraph<SeedCounts>;

beforeAll(async () => {
  sg = await startTestSubgraph(reportsModule);
});
afterAll(async () => {
  await sg?.stop();
});

const as = (agency: string, scopes: string[], subject = `${agency.toLowerCase()}-editor`) =>
  callerHeaders({ agency, subject, scopes } satisfies Caller, TEST_INTERNAL_SECRET);
const ITU_WRITE = as("ITU", ["reports:write"]);
const ITU_PUBLISH = as("ITU", ["reports:publish"]);
const ITU_BOTH = as("ITU", ["reports:write", "reports:publish"]);
const UNESCO = as("UNESCO", ["reports:write", "reports:publish"]);
const UNDP = as("UNDP", ["reports:write"]);
const ADMIN = as("UNGIS", ["admin"], "hub-admin");

const TRANSITION = `mutation($id: ID!, $to: ReportStatus!, $note: String) { transitionReport(id: $id, to: $to, note: $note) { id status } }`;
const transition = (id: string, to: string, headers: Record<string, string>, note?: string) =>
  sg.query<{ transitionReport: { id: string; status: string } }>(TRANSITION, { id, to, note }, headers);

/** The report's row and history, and the size of the audit trail, read in SQL. */
async function snapshot(id: string) {
  const [row] = await sg.dataSource.query("SELECT * FROM report WHERE id = $1", [id]);
  const history = await sg.dataSource.query(
    "SELECT from_status, to_status, by_agency FROM report_status_change WHERE report_id = $1 ORDER BY id",
    [id],
  );
  const links = await sg.dataSource.query(
    "SELECT role, agency_id, verified, source_id FROM report_agency WHERE report_id = $1 ORDER BY role, position",
    [id],
  );
  const [{ audits }] = await sg.dataSource.query("SELECT count(*)::int AS audits FROM audit_log");
  return { row, history, links, audits };
}

function codeOf(res: GraphQLResponse<unknown>): unknown {
  expect(res.data ?? null).toBeNull();
  expect(res.errors).toHaveLength(1);
  return res.errors![0].extensions?.code;
}

describe("who may move a report through its workflow", () => {
  it("lets a coordinating agency with reports:write move its report, and records who and what in the audit trail", async () => {
    const id = "wsis20-action-line-review-c5"; // ITU facilitates C5
    const res = await transition(id, "DRAFTING", ITU_WRITE, "drafting starts");
    expect(res.errors).toBeUndefined();
    const audit = await sg.dataSource.query(
      "SELECT operation, entity_type, agency, subject, scopes, before, after FROM audit_log WHERE entity_id = $1",
      [id],
    );
    expect(audit).toEqual([
      expect.objectContaining({
        operation: "transitionReport",
        entity_type: "Report",
        agency: "ITU",
        subject: "itu-editor",
        scopes: ["reports:write"],
      }),
    ]);
    expect(audit[0].before).toMatchObject({ id, status: "PLANNED", coordinators: ["ITU"] });
    expect(audit[0].after).toMatchObject({ id, status: "DRAFTING", note: "drafting starts" });
  });

  it("lets any of several coordinators move a report", async () => {
    const res = await transition("wsis20-action-line-review-c4", "DRAFTING", UNDP); // C4: UNDP, UNESCO, ITU, UNCTAD
    expect(res.errors).toBeUndefined();
  });

  it("refuses an agency that does not coordinate the report (FORBIDDEN), whatever its scopes, and writes nothing", async () => {
    const id = "wsis20-action-line-review-c2"; // ITU only
    const before = await snapshot(id);
    const res = await transition(id, "DRAFTING", UNESCO);
    expect(codeOf(res)).toBe("FORBIDDEN");
    expect(res.errors![0].message).toMatch(/UNESCO does not coordinate .* \(coordinators: ITU\)/);
    expect(await snapshot(id)).toEqual(before);
    // A report without coordinating agency: administrators only.
    expect(codeOf(await transition("wsis20-stakeholder-report-academia", "DRAFTING", ITU_BOTH))).toBe("FORBIDDEN");
  });

  it("needs reports:publish to publish and reports:write for every other step; a refusal costs no statement", async () => {
    const id = "wsis20-action-line-review-c5";
    expect((await transition(id, "SUBMITTED", ITU_WRITE)).errors).toBeUndefined();
    const before = await snapshot(id);
    for (const [to, headers] of [
      ["PUBLISHED", ITU_WRITE],
      ["DRAFTING", ITU_PUBLISH],
      ["WITHDRAWN", ITU_PUBLISH],
      ["PUBLISHED", as("ITU", ["events:write", "indicators:publish"])],
    ] as const) {
      const statements = await sg.countStatements(async () => {
        const res = await transition(id, to, headers);
        expect(codeOf(res)).toBe("FORBIDDEN");
      });
      expect(statements).toBe(0);
    }
    expect(await snapshot(id)).toEqual(before);
    const published = await transition(id, "PUBLISHED", ITU_PUBLISH);
    expect(published.errors).toBeUndefined();
    expect(published.data!.transitionReport.status).toBe("PUBLISHED");
  });

  it("refuses without a caller (UNAUTHENTICATED), before any statement", async () => {
    const statements = await sg.countStatements(async () => {
      expect(codeOf(await transition("wsis20-action-line-review-c2", "DRAFTING", {}))).toBe("UNAUTHENTICATED");
    });
    expect(statements).toBe(0);
  });

  it("lets an administrator move any report, publishing included", async () => {
    const id = "wsis20-stakeholder-report-academia";
    for (const to of ["DRAFTING", "SUBMITTED", "PUBLISHED"])
      expect((await transition(id, to, ADMIN)).errors).toBeUndefined();
    expect((await snapshot(id)).history.map((h: { by_agency: string }) => h.by_agency)).toEqual([
      "UNGIS",
      "UNGIS",
      "UNGIS",
    ]);
  });

  it("checks authorization before the workflow: a refused caller learns nothing about the report's state", async () => {
    const res = await transition("wsis20-stakeholder-report-academia", "DRAFTING", UNESCO); // published: final
    expect(codeOf(res)).toBe("FORBIDDEN");
  });
});

describe("createReport", () => {
  const CREATE = `mutation($input: CreateReportInput!) { createReport(input: $input) {
    id title kind status series { id } economy { code } dueDate { value precision } coordinators { id } authors { id }
    agencies { role agency { id } verified } actionLines { code } indicators { code } allowedTransitions source { id title publisher licence } } }`;
  type Created = { createReport: Record<string, unknown> };
  const create = (input: Record<string, unknown>, headers: Record<string, string>) =>
    sg.query<Created>(CREATE, { input }, headers);
  const review = {
    id: "wsis20-national-review-ken",
    title: "WSIS+20 National Review Report — Kenya",
    kind: "NATIONAL_REVIEW",
    economy: "KEN",
    dueDate: "2025-03",
    actionLines: ["C1", "C7.e-health"],
    // An indicator code the indicators subgraph resolves (a UNSD series code such as "IT_USE_ii99" is not one).
    indicators: ["internet_users_pct"],
  };

  it("adds a PLANNED report coordinated by the caller's agency, attributed to its submission, and records it", async () => {
    const res = await create({ ...review, authors: ["UNDP"] }, ITU_WRITE);
    expect(res.errors).toBeUndefined();
    expect(res.data!.createReport).toEqual({
      id: "wsis20-national-review-ken",
      title: "WSIS+20 National Review Report — Kenya",
      kind: "NATIONAL_REVIEW",
      status: "PLANNED",
      series: { id: "wsis20-national-reviews" },
      economy: { code: "KEN" },
      dueDate: { value: "2025-03", precision: "MONTH" },
      coordinators: [{ id: "ITU" }],
      authors: [{ id: "UNDP" }],
      // The caller's own listing is authoritative; an agency it names is not verified.
      agencies: expect.arrayContaining([
        { role: "COORDINATOR", agency: { id: "ITU" }, verified: true },
        { role: "AUTHOR", agency: { id: "UNDP" }, verified: false },
      ]),
      actionLines: [{ code: "C1" }, { code: "C7.e-health" }],
      indicators: [{ code: "internet_users_pct" }],
      allowedTransitions: ["DRAFTING", "WITHDRAWN"],
      source: {
        id: "hub-submission-itu",
        title: "Submitted to the WSIS Hub by International Telecommunication Union (ITU)",
        publisher: "International Telecommunication Union",
        licence: "none declared",
      },
    });
    expect(res.data!.createReport.agencies).toHaveLength(2);
    const listed = await sg.query<{ reports: { edges: Array<{ node: { id: string } }> } }>(
      `{ reports(filter: { kind: NATIONAL_REVIEW }) { edges { node { id } } } }`,
    );
    expect(listed.data!.reports.edges).toEqual([{ node: { id: "wsis20-national-review-ken" } }]);
    const [audit] = await sg.dataSource.query(
      "SELECT operation, agency, before, after FROM audit_log WHERE entity_id = 'wsis20-national-review-ken'",
    );
    expect(audit).toMatchObject({
      operation: "createReport",
      agency: "ITU",
      before: null,
      after: { status: "PLANNED", coordinators: ["ITU"], authors: ["UNDP"] },
    });
    // Its coordinator moves it on; another agency may not.
    expect(codeOf(await transition("wsis20-national-review-ken", "DRAFTING", UNESCO))).toBe("FORBIDDEN");
    expect((await transition("wsis20-national-review-ken", "DRAFTING", ITU_WRITE)).errors).toBeUndefined();
  });

  it("reports every invalid field at once and writes nothing", async () => {
    const before = await snapshot("wsis20-national-review-ken");
    const res = await create(
      {
        id: "Not A Slug",
        title: " ",
        kind: "NATIONAL_REVIEW",
        stakeholderGroup: "ACADEMIA",
        dueDate: "2025-02-30",
        coordinators: ["ITU", "ACME", "ITU"],
        actionLines: ["C99"],
        indicators: ["bad code!"],
      },
      ITU_WRITE,
    );
    expect(codeOf(res)).toBe("BAD_USER_INPUT");
    expect(res.errors![0].extensions!.invalidArguments).toEqual([
      "input.id",
      "input.title",
      "input.stakeholderGroup",
      "input.economy",
      "input.dueDate",
      "input.coordinators",
      "input.actionLines",
      "input.indicators",
    ]);
    expect(res.errors![0].message).toMatch(/unknown agency id "ACME"/);
    const stakeholder = await create(
      { id: "wsis20-stakeholder-report-youth", title: "Youth", kind: "STAKEHOLDER_REPORT" },
      ITU_WRITE,
    );
    expect(stakeholder.errors![0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "input.stakeholderGroup",
    });
    expect(await snapshot("wsis20-national-review-ken")).toEqual(before);
    expect(await sg.dataSource.query("SELECT id FROM report WHERE id = 'wsis20-stakeholder-report-youth'")).toEqual([]);
  });

  it("refuses an id in use (CONFLICT), another agency's report (FORBIDDEN), no scope and no caller; writes nothing", async () => {
    const before = await snapshot("wsis20-national-review-ken");
    const [{ audits }] = await sg.dataSource.query("SELECT count(*)::int AS audits FROM audit_log");
    expect((await create(review, UNESCO)).errors![0].extensions).toMatchObject({
      code: "CONFLICT",
      argumentName: "input.id",
    });
    expect(
      codeOf(
        await create(
          { ...review, id: "wsis20-national-review-gha", economy: "GHA", coordinators: ["UNESCO"] },
          ITU_WRITE,
        ),
      ),
    ).toBe("FORBIDDEN");
    expect(codeOf(await create({ ...review, id: "wsis20-national-review-gha", economy: "GHA" }, ITU_PUBLISH))).toBe(
      "FORBIDDEN",
    );
    expect(codeOf(await create({ ...review, id: "wsis20-national-review-gha", economy: "GHA" }, {}))).toBe(
      "UNAUTHENTICATED",
    );
    expect(await snapshot("wsis20-national-review-ken")).toEqual(before);
    expect(await sg.dataSource.query("SELECT count(*)::int AS audits FROM audit_log")).toEqual([{ audits }]);
    expect(await sg.dataSource.query("SELECT id FROM report WHERE id = 'wsis20-national-review-gha'")).toEqual([]);
  });

  it("lets an administrator create a report for other agencies, who must be named", async () => {
    const missing = await create({ ...review, id: "wsis20-national-review-gha", economy: "GHA" }, ADMIN);
    expect(missing.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "input.coordinators" });
    const res = await create(
      { ...review, id: "wsis20-national-review-gha", economy: "GHA", coordinators: ["UNDP"] },
      ADMIN,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createReport).toMatchObject({
      coordinators: [{ id: "UNDP" }],
      source: { id: "hub-submission-ungis" },
    });
    expect((await transition("wsis20-national-review-gha", "DRAFTING", UNDP)).errors).toBeUndefined();
  });

  it("is left alone by the seed", async () => {
    const before = await sg.dataSource.query(
      "SELECT * FROM report WHERE id LIKE 'wsis20-national-review-%' ORDER BY id",
    );
    expect((await reportsModule.seed(sg.dataSource)).written).toBe(0);
    expect(
      await sg.dataSource.query("SELECT * FROM report WHERE id LIKE 'wsis20-national-review-%' ORDER BY id"),
    ).toEqual(before);
  });
});

describe("auditLog.reports", () => {
  const AUDIT = `query($filter: AuditFilter) { auditLog { reports(filter: $filter, first: 50) { edges { node { operation entityId agency subject before after } } pageInfo { hasNextPage } } } }`;
  type Page = {
    auditLog: { reports: { edges: Array<{ node: { operation: string; entityId: string; agency: string } }> } };
  };

  it("is readable with the admin scope only", async () => {
    expect(codeOf(await sg.query(AUDIT, {}, {}))).toBe("UNAUTHENTICATED");
    expect(codeOf(await sg.query(AUDIT, {}, ITU_BOTH))).toBe("FORBIDDEN");
    const res = await sg.query<Page>(AUDIT, { filter: { entityId: "wsis20-action-line-review-c5" } }, ADMIN);
    expect(res.errors).toBeUndefined();
    expect(res.data!.auditLog.reports.edges.map((e) => e.node.operation)).toEqual([
      "transitionReport",
      "transitionReport",
      "transitionReport",
    ]);
    const created = await sg.query<Page>(AUDIT, { filter: { operation: "createReport" } }, ADMIN);
    expect(created.data!.auditLog.reports.edges.map((e) => [e.node.entityId, e.node.agency])).toEqual([
      ["wsis20-national-review-gha", "UNGIS"],
      ["wsis20-national-review-ken", "ITU"],
    ]);
  });
});
