import { callerHeaders, CALLER_HEADER, CALLER_SIGNATURE_HEADER, ForbiddenError, type Caller } from "@wsis/shared";
import { startTestSubgraph, TEST_INTERNAL_SECRET, type TestSubgraph } from "@wsis/shared/testing";
import { reportsModule } from "../src/module";
import { ReportStatus } from "../src/report/report.enums";
import type { Report } from "../src/report/report.entity";
import { ReportService } from "../src/report/report.service";
import type { SeedCounts } from "../src/seed/seed";

const { PLANNED, DRAFTING, SUBMITTED, PUBLISHED, WITHDRAWN } = ReportStatus;
const ALL = [PLANNED, DRAFTING, SUBMITTED, PUBLISHED, WITHDRAWN];
/** ITU coordinates the C5 review (among others) and may write and publish. */
const ITU: Caller = { agency: "ITU", subject: "test", scopes: ["reports:write", "reports:publish"] };
const asItu = callerHeaders(ITU, TEST_INTERNAL_SECRET);
/** An administrator may move any report: the workflow tests below use it, the authorization tests the agencies. */
const ADMIN: Caller = { agency: "UNGIS", subject: "hub-admin", scopes: ["admin"] };
const asAdmin = callerHeaders(ADMIN, TEST_INTERNAL_SECRET);

const TRANSITION = `mutation($id: ID!, $to: ReportStatus!, $note: String) {
  transitionReport(id: $id, to: $to, note: $note) {
    id status allowedTransitions submittedDate { value precision } publishedDate { value precision }
    statusHistory { from to note byAgency { id } }
  }
}`;

interface TransitionResult {
  transitionReport: {
    id: string;
    status: string;
    allowedTransitions: string[];
    submittedDate: { value: string; precision: string } | null;
    publishedDate: { value: string; precision: string } | null;
    statusHistory: Array<{ from: string; to: string; note: string | null; byAgency: { id: string } }>;
  };
}

let sg: TestSubgraph<SeedCounts>;

beforeAll(async () => {
  sg = await startTestSubgraph(reportsModule);
});
afterAll(async () => {
  await sg?.stop();
});

const transition = (
  id: string,
  to: ReportStatus,
  headers: Record<string, string> | undefined = asAdmin,
  note?: string,
) => sg.query<TransitionResult>(TRANSITION, { id, to, note }, headers);

/** What the database holds for a report: its row and its history, read in SQL. */
async function snapshot(id: string) {
  const [row] = await sg.dataSource.query(
    "SELECT id, status, submitted_date, published_date, due_date, title FROM report WHERE id = $1",
    [id],
  );
  const history = await sg.dataSource.query(
    "SELECT from_status, to_status, by_agency, by_subject, note, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM report_status_change WHERE report_id = $1 ORDER BY id",
    [id],
  );
  return { row, history };
}

/** The path of allowed transitions that brings a PLANNED report to `state`. */
const PATH: Record<ReportStatus, ReportStatus[]> = {
  [PLANNED]: [],
  [DRAFTING]: [DRAFTING],
  [SUBMITTED]: [DRAFTING, SUBMITTED],
  [PUBLISHED]: [DRAFTING, SUBMITTED, PUBLISHED],
  [WITHDRAWN]: [WITHDRAWN],
};
const ALLOWED: Record<ReportStatus, ReportStatus[]> = {
  [PLANNED]: [DRAFTING, WITHDRAWN],
  [DRAFTING]: [SUBMITTED, WITHDRAWN],
  [SUBMITTED]: [PUBLISHED, DRAFTING, WITHDRAWN],
  [PUBLISHED]: [],
  [WITHDRAWN]: [],
};

async function bringTo(id: string, state: ReportStatus): Promise<void> {
  for (const step of PATH[state]) {
    const res = await transition(id, step);
    expect(res.errors).toBeUndefined();
  }
  expect((await snapshot(id)).row.status).toBe(state);
}

describe("transitionReport", () => {
  it("moves a report along the whole workflow, stamping dates and recording every step", async () => {
    const id = "wsis20-action-line-review-c5";
    const steps: Array<[ReportStatus, string | undefined]> = [
      [DRAFTING, "drafting starts"],
      [SUBMITTED, undefined],
      [DRAFTING, "returned for revision"],
      [SUBMITTED, "resubmitted"],
      [PUBLISHED, "  published  "],
    ];
    let last: TransitionResult["transitionReport"] | undefined;
    for (const [to, note] of steps) {
      const res = await transition(id, to, asItu, note);
      expect(res.errors).toBeUndefined();
      last = res.data!.transitionReport;
      expect(last.status).toBe(to);
    }
    const { row, history } = await snapshot(id);
    const today = history[0].day as string;
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(row).toMatchObject({ status: "PUBLISHED", submitted_date: today, published_date: today, due_date: null });
    expect(history).toEqual([
      {
        from_status: "PLANNED",
        to_status: "DRAFTING",
        by_agency: "ITU",
        by_subject: "test",
        note: "drafting starts",
        day: today,
      },
      { from_status: "DRAFTING", to_status: "SUBMITTED", by_agency: "ITU", by_subject: "test", note: null, day: today },
      {
        from_status: "SUBMITTED",
        to_status: "DRAFTING",
        by_agency: "ITU",
        by_subject: "test",
        note: "returned for revision",
        day: today,
      },
      {
        from_status: "DRAFTING",
        to_status: "SUBMITTED",
        by_agency: "ITU",
        by_subject: "test",
        note: "resubmitted",
        day: today,
      },
      {
        from_status: "SUBMITTED",
        to_status: "PUBLISHED",
        by_agency: "ITU",
        by_subject: "test",
        note: "published",
        day: today,
      },
    ]);
    expect(last).toEqual({
      id,
      status: "PUBLISHED",
      allowedTransitions: [],
      submittedDate: { value: today, precision: "DAY" },
      publishedDate: { value: today, precision: "DAY" },
      statusHistory: history.map((h: { from_status: string; to_status: string; note: string | null }) => ({
        from: h.from_status,
        to: h.to_status,
        note: h.note,
        byAgency: { id: "ITU" },
      })),
    });
    // The report is visible as published to everyone.
    const read = await sg.query<{ reports: { edges: Array<{ node: { id: string } }> } }>(
      "{ reports(filter: { status: PUBLISHED }) { edges { node { id } } } }",
    );
    // (with the review's outcome, published outside the hub and seeded as such)
    expect(read.data!.reports.edges).toEqual([{ node: { id } }, { node: { id: "a-res-80-173" } }]);
  });

  it("enforces every one of the 25 pairs through the API; a refusal changes nothing", async () => {
    const pool = [
      "wsis20-action-line-review-c1",
      "wsis20-action-line-review-c2",
      "wsis20-action-line-review-c3",
      "wsis20-action-line-review-c4",
      "wsis20-action-line-review-c6",
      "wsis20-action-line-review-c7",
      "wsis20-action-line-review-c8",
      "wsis20-action-line-review-c9",
      "wsis20-action-line-review-c10",
    ];
    let tried = 0;
    for (const from of ALL) {
      const refused = ALL.filter((to) => !ALLOWED[from].includes(to));
      // One report per allowed target (an allowed transition moves it), at least one for the refusals.
      const reports = Array.from({ length: Math.max(1, ALLOWED[from].length) }, () => pool.shift()!);
      for (const id of reports) await bringTo(id, from);
      for (const to of refused) {
        const before = await snapshot(reports[0]);
        const res = await transition(reports[0], to);
        expect(res.data).toBeNull();
        expect(res.errors).toHaveLength(1);
        expect(res.errors![0].extensions).toMatchObject({ code: "INVALID_TRANSITION", from, to });
        expect([...(res.errors![0].extensions!.allowed as string[])].sort()).toEqual([...ALLOWED[from]].sort());
        expect(await snapshot(reports[0])).toEqual(before);
        tried += 1;
      }
      for (const [i, to] of ALLOWED[from].entries()) {
        const before = await snapshot(reports[i]);
        const res = await transition(reports[i], to);
        expect(res.errors).toBeUndefined();
        const after = await snapshot(reports[i]);
        expect(after.row.status).toBe(to);
        expect(after.history).toHaveLength(before.history.length + 1);
        expect(after.history.at(-1)).toMatchObject({ from_status: from, to_status: to });
        tried += 1;
      }
    }
    expect(tried).toBe(25);
  });

  it("refuses a transition from a planned report to PUBLISHED, naming what is allowed, and writes nothing", async () => {
    const id = "wsis20-progress-report";
    const before = await snapshot(id);
    const statements = await sg.countStatements(async () => {
      const res = await transition(id, PUBLISHED);
      expect(res.errors).toEqual([
        {
          message:
            "A report cannot move from PLANNED to PUBLISHED: from PLANNED a report may move only to DRAFTING or WITHDRAWN",
          path: ["transitionReport"],
          locations: expect.any(Array),
          extensions: {
            code: "INVALID_TRANSITION",
            from: "PLANNED",
            to: "PUBLISHED",
            allowed: ["DRAFTING", "WITHDRAWN"],
            requestId: expect.any(String),
          },
        },
      ]);
    });
    // BEGIN, SELECT ... FOR UPDATE, SELECT of the coordinators (authorization), ROLLBACK: no UPDATE, no INSERT.
    expect(statements).toBe(4);
    expect(await snapshot(id)).toEqual(before);
    expect(before.row.status).toBe("PLANNED");
    expect(before.history).toEqual([]);
  });

  it("refuses writes without a caller (UNAUTHENTICATED), before touching the database", async () => {
    const id = "wsis20-ungis-review-report";
    const before = await snapshot(id);
    const statements = await sg.countStatements(async () => {
      const res = await transition(id, DRAFTING, {});
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions).toEqual({ code: "UNAUTHENTICATED", requestId: expect.any(String) });
    });
    expect(statements).toBe(0);
    // Unknown ids too: an anonymous caller learns nothing.
    const unknown = await transition("wsis20-no-such-report", DRAFTING, {});
    expect(unknown.errors![0].extensions).toEqual({ code: "UNAUTHENTICATED", requestId: expect.any(String) });
    expect(await snapshot(id)).toEqual(before);
  });

  it.each([
    ["unsigned", () => ({ [CALLER_HEADER]: asItu[CALLER_HEADER] })],
    ["signed with another secret", () => callerHeaders(ITU, "not-the-internal-secret-of-this-hub-0000")],
    [
      "tampered (payload changed after signing)",
      () => ({
        [CALLER_HEADER]: Buffer.from(JSON.stringify({ ...ITU, agency: "UNESCO" })).toString("base64url"),
        [CALLER_SIGNATURE_HEADER]: asItu[CALLER_SIGNATURE_HEADER],
      }),
    ],
    ["signature without payload", () => ({ [CALLER_SIGNATURE_HEADER]: asItu[CALLER_SIGNATURE_HEADER] })],
  ])("refuses a caller header that is %s (UNAUTHENTICATED) and writes nothing", async (_label, headers) => {
    const id = "wsis20-ungis-review-report";
    const before = await snapshot(id);
    const res = await transition(id, DRAFTING, headers());
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toEqual({ code: "UNAUTHENTICATED", requestId: expect.any(String) });
    expect(await snapshot(id)).toEqual(before);
  });

  it("answers NOT_FOUND for an unknown report and BAD_USER_INPUT for malformed arguments", async () => {
    const unknown = await transition("wsis20-no-such-report", DRAFTING);
    expect(unknown.errors![0].extensions).toEqual({
      code: "NOT_FOUND",
      id: "wsis20-no-such-report",
      requestId: expect.any(String),
    });
    const malformed = await transition("Not a slug", DRAFTING);
    expect(malformed.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "id" });
    const id = "wsis20-ungis-review-report";
    const before = await snapshot(id);
    const longNote = await transition(id, DRAFTING, asItu, "x".repeat(2001));
    expect(longNote.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "note" });
    const badState = await sg.query(TRANSITION, { id, to: "DONE" }, asItu);
    expect(badState.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(await snapshot(id)).toEqual(before);
  });

  it("serialises concurrent transitions of one report: one wins, the other is checked against the new state", async () => {
    const id = "wsis20-stakeholder-report-academia";
    const results = await Promise.all([transition(id, DRAFTING), transition(id, DRAFTING), transition(id, DRAFTING)]);
    const won = results.filter((r) => !r.errors);
    const lost = results.filter((r) => r.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(2);
    for (const r of lost)
      expect(r.errors![0].extensions).toMatchObject({ code: "INVALID_TRANSITION", from: "DRAFTING", to: "DRAFTING" });
    const { row, history } = await snapshot(id);
    expect(row.status).toBe("DRAFTING");
    expect(history).toHaveLength(1);
  });

  it("calls the authorization hook with the caller, the locked report and the target; a refusal there writes nothing", async () => {
    const id = "wsis20-stakeholder-report-civil-society";
    const calls: Array<[Caller | null, string, string, ReportStatus, readonly string[]]> = [];
    const service = new ReportService(sg.dataSource, {
      authorize: (caller, report: Report, to, coordinators) => {
        calls.push([caller, report.id, report.status, to, coordinators]);
        throw new ForbiddenError("Only the coordinating agency may change this report");
      },
    });
    const before = await snapshot(id);
    await expect(service.transition(ITU, id, DRAFTING)).rejects.toMatchObject({ extensions: { code: "FORBIDDEN" } });
    // The civil-society report has no coordinating agency.
    expect(calls).toEqual([[ITU, id, "PLANNED", DRAFTING, []]]);
    expect(await snapshot(id)).toEqual(before);
    // The hook runs before the workflow rule: a caller it refuses learns nothing about the report's state.
    await expect(service.transition(ITU, id, PUBLISHED)).rejects.toMatchObject({ extensions: { code: "FORBIDDEN" } });
    // And the default hook refuses an agency that does not coordinate the report, and lets an administrator through.
    const standard = new ReportService(sg.dataSource);
    await expect(standard.transition(ITU, id, DRAFTING)).rejects.toMatchObject({ extensions: { code: "FORBIDDEN" } });
    expect(await snapshot(id)).toEqual(before);
    await expect(standard.transition(ADMIN, id, DRAFTING)).resolves.toMatchObject({ id, status: DRAFTING });
    await expect(standard.transition(null, id, SUBMITTED)).rejects.toMatchObject({
      extensions: { code: "UNAUTHENTICATED" },
    });
  });

  it("re-seeding after the workflow moved reports writes nothing and keeps their states, dates and history", async () => {
    const before = await sg.dataSource.query(
      "SELECT id, status, submitted_date, published_date FROM report ORDER BY id",
    );
    const history = await sg.dataSource.query("SELECT * FROM report_status_change ORDER BY id");
    expect(before.filter((r: { status: string }) => r.status !== "PLANNED").length).toBeGreaterThan(5);
    const again = await reportsModule.seed(sg.dataSource);
    expect(again.written).toBe(0);
    expect(
      await sg.dataSource.query("SELECT id, status, submitted_date, published_date FROM report ORDER BY id"),
    ).toEqual(before);
    expect(await sg.dataSource.query("SELECT * FROM report_status_change ORDER BY id")).toEqual(history);
  });

  it("keeps catalogue columns owned by the seed: a changed title is restored, the workflow state is not touched", async () => {
    const id = "wsis20-action-line-review-c5";
    await sg.dataSource.query("UPDATE report SET title = 'edited by hand' WHERE id = $1", [id]);
    const again = await reportsModule.seed(sg.dataSource);
    expect(again.written).toBe(1);
    const { row } = await snapshot(id);
    expect(row.title).toBe(
      "Review Report by Action Line Facilitators — C5: Building confidence and security in the use of ICTs",
    );
    expect(row.status).toBe("PUBLISHED");
  });
});
