import { errorCodeOf, expectBadUserInput, startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { stocktakingModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";
import {
  AS,
  ENTRY_FIELDS,
  fixture,
  moderate,
  published,
  submit,
  SUBMIT,
  tableCounts,
  type ServedEntry,
} from "./fixtures";

let sg: TestSubgraph<SeedCounts>;

beforeAll(async () => {
  sg = await startTestSubgraph(stocktakingModule);
});
afterAll(async () => {
  await sg?.stop();
});

const lookup = async (id: string, headers: Record<string, string> = {}) =>
  (
    await sg.query<{ stocktakingEntry: ServedEntry | null }>(
      `query($id: ID!) { stocktakingEntry(id: $id) { ${ENTRY_FIELDS} } }`,
      { id },
      headers,
    )
  ).data!.stocktakingEntry;

const listed = async (headers: Record<string, string> = {}) =>
  (
    await sg.query<{ stocktakingEntries: { edges: Array<{ node: { id: string } }> } }>(
      "{ stocktakingEntries(first: 100) { edges { node { id } } } }",
      {},
      headers,
    )
  ).data!.stocktakingEntries.edges.map((e) => e.node.id);

const auditOf = (id: string) =>
  sg.dataSource.query(
    "SELECT operation, entity_type, agency, subject, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id",
    [id],
  );

describe("submitStocktakingEntry", () => {
  it("records an entry SUBMITTED for the caller's agency, with its links in their owners' spelling, its source and audit entry", async () => {
    const entry = await submit(
      sg,
      fixture({ actionLines: ["c7.E-Health", "C5"], economies: ["ken", "076"], sdgGoals: ["03", "9"], end: "2024" }),
    );
    expect(entry).toMatchObject({
      status: "SUBMITTED",
      submittedBy: "ITU",
      actionLines: [{ code: "C7.e-health" }, { code: "C5" }],
      economies: [{ code: "KEN" }, { code: "BRA" }],
      sdgGoals: [{ code: "3" }, { code: "9" }],
      start: { value: "2021-03" },
      end: { value: "2024" },
      publishedAt: null,
      source: { id: "hub-submission-itu" },
    });
    const audit = await auditOf(entry.id);
    expect(audit).toEqual([
      expect.objectContaining({
        operation: "submitStocktakingEntry",
        entity_type: "StocktakingEntry",
        agency: "ITU",
        subject: "itu-editor",
        before: null,
      }),
    ]);
    expect(audit[0].after).toMatchObject({
      id: entry.id,
      status: "SUBMITTED",
      actionLines: ["C7.e-health", "C5"],
      economies: ["KEN", "BRA"],
      sdgGoals: ["3", "9"],
    });
  });

  it("shows an unpublished entry to its agency and the moderators only", async () => {
    const entry = await submit(sg, fixture());
    expect(await lookup(entry.id)).toBeNull();
    expect(await lookup(entry.id, AS.unesco)).toBeNull();
    expect((await lookup(entry.id, AS.itu))?.status).toBe("SUBMITTED");
    expect((await lookup(entry.id, AS.moderator))?.status).toBe("SUBMITTED");
    expect(await listed()).not.toContain(entry.id);
    expect(await listed(AS.unesco)).not.toContain(entry.id);
    expect(await listed(AS.itu)).toContain(entry.id);
    const ref = await sg.query<{ _entities: unknown[] }>(
      "query($r: [_Any!]!) { _entities(representations: $r) { ... on StocktakingEntry { id } } }",
      { r: [{ __typename: "StocktakingEntry", id: entry.id }] },
    );
    expect(ref.data!._entities).toEqual([null]);
  });

  it("refuses an anonymous caller (UNAUTHENTICATED) and one without the scope (FORBIDDEN) before any statement", async () => {
    for (const [headers, code] of [
      [{}, "UNAUTHENTICATED"],
      [AS.otherScopes, "FORBIDDEN"],
      [AS.moderator, "FORBIDDEN"],
    ] as const) {
      const statements = await sg.countStatements(async () => {
        const res = await sg.query(SUBMIT, { input: fixture() }, headers);
        expect([code, errorCodeOf(res)]).toEqual([code, code]);
      });
      expect(statements).toBe(0);
    }
  });

  it("names every bad field at once (BAD_USER_INPUT), sends no statement and writes nothing", async () => {
    const before = await tableCounts(sg);
    const input = fixture({
      title: "  ",
      description: "bad \u0000 byte",
      stakeholderType: "GOVERNMENT",
      actionLines: ["C12", "C5"],
      economies: ["ZZZ"],
      sdgGoals: ["18"],
      start: "2024-02-30",
      end: "2023-13",
      url: "ftp://example.org",
      idempotencyKey: "short",
    });
    const statements = await sg.countStatements(async () => {
      const res = await sg.query(SUBMIT, { input }, AS.itu);
      expectBadUserInput(res, "input.title", '"C12"', '"ZZZ"', '"18"', '"2024-02-30"', '"2023-13"', "U+0000", "http");
      expect(res.errors![0].extensions!.invalidArguments).toEqual([
        "input.title",
        "input.description",
        "input.actionLines",
        "input.economies",
        "input.sdgGoals",
        "input.start",
        "input.end",
        "input.url",
        "input.idempotencyKey",
      ]);
    });
    expect(statements).toBe(0);
    expect(await tableCounts(sg)).toEqual(before);
  });

  it.each([
    ["no action line", { actionLines: [] }, "input.actionLines", "1 to 19"],
    ["a code twice, spelled two ways", { economies: ["ken", "404"] }, "input.economies", "KEN more than once"],
    ["an end before the start", { start: "2022-05", end: "2022-04-30" }, "input.end", "before"],
    ["an end without a start", { start: null, end: "2022" }, "input.end", "without"],
    ["a title of two lines", { title: "two\nlines" }, "input.title", "U+000A"],
    ["an unknown stakeholder type", { stakeholderType: "PHILANTHROPY" }, "input.stakeholderType", "PHILANTHROPY"],
  ])("refuses %s", async (_what, change, argumentName, mention) => {
    const res = await sg.query(SUBMIT, { input: fixture(change) }, AS.itu);
    if (argumentName === "input.stakeholderType") {
      // An unknown enum value is refused by GraphQL validation before the resolver runs.
      expect(errorCodeOf(res)).toBe("BAD_USER_INPUT");
      expect(res.errors![0].message).toContain(mention);
      return;
    }
    expectBadUserInput(res, argumentName, mention);
  });

  it("answers a retry with the same idempotency key with the first entry, and refuses the key for another entry", async () => {
    const input = fixture({ idempotencyKey: "submit-retry-0001" });
    const first = await submit(sg, input);
    const before = await tableCounts(sg);
    const again = await submit(sg, input);
    expect(again.id).toBe(first.id);
    expect(await tableCounts(sg)).toEqual(before);
    const other = await sg.query(SUBMIT, { input: { ...input, title: "TEST FIXTURE: another entry" } }, AS.itu);
    expect(errorCodeOf(other)).toBe("CONFLICT");
    expect(other.errors![0].extensions).toMatchObject({ argumentName: "input.idempotencyKey" });
    // Keys are per agency: UNESCO's key of the same name is its own.
    expect((await submit(sg, input, AS.unesco)).id).not.toBe(first.id);
  });

  it("makes concurrent retries with one key write one entry", async () => {
    const input = fixture({ idempotencyKey: "submit-concurrent-0001" });
    const answers = await Promise.all([1, 2, 3, 4].map(() => submit(sg, input)));
    expect(new Set(answers.map((a) => a.id)).size).toBe(1);
    const [{ n }] = await sg.dataSource.query("SELECT count(*)::int AS n FROM stocktaking_entry WHERE title = $1", [
      input.title,
    ]);
    expect(n).toBe(1);
  });
});

describe("moderateStocktakingEntry", () => {
  it("takes an entry SUBMITTED → UNDER_REVIEW → PUBLISHED; it is then public, stamped, and each step audited", async () => {
    const entry = await submit(sg, fixture());
    const review = await moderate(sg, entry.id, "UNDER_REVIEW");
    expect(review.data!.moderateStocktakingEntry.status).toBe("UNDER_REVIEW");
    const done = await moderate(sg, entry.id, "PUBLISHED");
    expect(done.data!.moderateStocktakingEntry).toMatchObject({ status: "PUBLISHED", publishedAt: expect.any(String) });
    expect(await lookup(entry.id)).toMatchObject({ id: entry.id, status: "PUBLISHED" });
    expect(await listed()).toContain(entry.id);
    const audit = await auditOf(entry.id);
    expect(
      audit.map(
        (a: { operation: string; agency: string; before: { status: string } | null; after: { status: string } }) => [
          a.operation,
          a.agency,
          a.before?.status ?? null,
          a.after.status,
        ],
      ),
    ).toEqual([
      ["submitStocktakingEntry", "ITU", null, "SUBMITTED"],
      ["moderateStocktakingEntry", "ITU", "SUBMITTED", "UNDER_REVIEW"],
      ["moderateStocktakingEntry", "ITU", "UNDER_REVIEW", "PUBLISHED"],
    ]);
  });

  it("rejects with the reason, which the submitting agency sees; the public never sees the entry", async () => {
    const entry = await submit(sg, fixture(), AS.unesco);
    await moderate(sg, entry.id, "UNDER_REVIEW");
    const missing = await moderate(sg, entry.id, "REJECTED");
    expectBadUserInput(missing, "reason", "empty");
    const res = await moderate(sg, entry.id, "REJECTED", AS.admin, "  Not an ICT activity  ");
    expect(res.data!.moderateStocktakingEntry).toMatchObject({
      status: "REJECTED",
      rejectionReason: "Not an ICT activity",
    });
    expect(await lookup(entry.id, AS.unesco)).toMatchObject({
      status: "REJECTED",
      rejectionReason: "Not an ICT activity",
    });
    expect(await lookup(entry.id)).toBeNull();
  });

  it("refuses a step the workflow does not allow (INVALID_TRANSITION, with the allowed steps), and a reason outside a rejection", async () => {
    const entry = await submit(sg, fixture());
    const skip = await moderate(sg, entry.id, "PUBLISHED");
    expect(errorCodeOf(skip)).toBe("INVALID_TRANSITION");
    expect(skip.errors![0].extensions).toMatchObject({ from: "SUBMITTED", to: "PUBLISHED", allowed: ["UNDER_REVIEW"] });
    expectBadUserInput(
      await moderate(sg, entry.id, "UNDER_REVIEW", AS.moderator, "because"),
      "reason",
      "rejection only",
    );
    const done = await published(sg, fixture());
    const again = await moderate(sg, done.id, "REJECTED", AS.moderator, "changed our mind");
    expect(again.errors![0].extensions).toMatchObject({ code: "INVALID_TRANSITION", from: "PUBLISHED", allowed: [] });
  });

  it("is for ITU, which runs the platform, and admins: any other caller is refused before any statement, and nothing changes", async () => {
    const entry = await submit(sg, fixture());
    for (const [headers, code] of [
      [{}, "UNAUTHENTICATED"],
      [AS.itu, "FORBIDDEN"],
      [AS.undpModerator, "FORBIDDEN"],
    ] as const) {
      const statements = await sg.countStatements(async () => {
        const res = await moderate(sg, entry.id, "UNDER_REVIEW", headers);
        expect([code, errorCodeOf(res)]).toEqual([code, code]);
      });
      expect(statements).toBe(0);
    }
    expect((await lookup(entry.id, AS.itu))?.status).toBe("SUBMITTED");
    expect((await moderate(sg, entry.id, "UNDER_REVIEW", AS.admin)).data!.moderateStocktakingEntry.status).toBe(
      "UNDER_REVIEW",
    );
  });

  it("answers an unknown entry with NOT_FOUND and a malformed id with BAD_USER_INPUT", async () => {
    expect(errorCodeOf(await moderate(sg, "999999", "UNDER_REVIEW"))).toBe("NOT_FOUND");
    expectBadUserInput(await moderate(sg, "twelve", "UNDER_REVIEW"), "id", '"twelve"');
    expectBadUserInput(await moderate(sg, "99999999999999999999", "UNDER_REVIEW"), "id");
  });

  it("runs concurrent steps on one entry one after the other: one decision wins, the other is INVALID_TRANSITION", async () => {
    const entry = await submit(sg, fixture());
    await moderate(sg, entry.id, "UNDER_REVIEW");
    const [a, b] = await Promise.all([
      moderate(sg, entry.id, "PUBLISHED"),
      moderate(sg, entry.id, "REJECTED", AS.moderator, "duplicate"),
    ]);
    const codes = [a, b].map((r) => (r.errors ? errorCodeOf(r) : "OK")).sort();
    expect(codes).toEqual(["INVALID_TRANSITION", "OK"]);
    const [{ n }] = await sg.dataSource.query("SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1", [
      entry.id,
    ]);
    expect(n).toBe(3);
  });

  it("answers a retried step with its idempotency key instead of refusing it", async () => {
    const entry = await submit(sg, fixture());
    const first = await moderate(sg, entry.id, "UNDER_REVIEW", AS.moderator, undefined, "moderate-retry-0001");
    const retry = await moderate(sg, entry.id, "UNDER_REVIEW", AS.moderator, undefined, "moderate-retry-0001");
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.moderateStocktakingEntry.status).toBe(first.data!.moderateStocktakingEntry.status);
    expect(errorCodeOf(await moderate(sg, entry.id, "UNDER_REVIEW"))).toBe("INVALID_TRANSITION");
  });
});
