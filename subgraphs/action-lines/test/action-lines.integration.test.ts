import { readFileSync } from "node:fs";
import path from "node:path";
import { startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { parse } from "csv-parse/sync";
import { actionLinesModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";

const dataFile = (name: string) =>
  parse(readFileSync(path.join(__dirname, "../data", name), "utf8"), { columns: true }) as Array<Record<string, string>>;

let sg: TestSubgraph<SeedCounts>;

beforeAll(async () => {
  sg = await startTestSubgraph(actionLinesModule);
});
afterAll(async () => {
  await sg?.stop();
});

describe("action-lines subgraph against a real PostgreSQL", () => {
  it("serves every goal and target of the SDG files", async () => {
    const res = await sg.query<{ sdgGoals: Array<{ code: string; title: string; targets: Array<{ code: string; title: string }> }> }>(
      "{ sdgGoals { code title targets { code title } } }",
    );
    expect(res.errors).toBeUndefined();
    const goals = res.data!.sdgGoals;
    const goalFile = dataFile("sdg_goals.csv");
    const targetFile = dataFile("sdg_targets.csv");
    expect(goals.map((g) => g.code)).toEqual(goalFile.map((g) => g.goal));
    expect(goals.map((g) => g.title)).toEqual(goalFile.map((g) => g.title));
    const targets = goals.flatMap((g) => g.targets);
    expect(targets).toHaveLength(169);
    expect(targets).toEqual(targetFile.map((t) => ({ code: t.target, title: t.title })));
  });

  it("serves every matrix link of the data file with its rationale", async () => {
    const res = await sg.query<{ actionLines: Array<{ code: string; sdgLinks: Array<{ goal: { code: string }; target: { code: string } | null; rationale: string }> }> }>(
      "{ actionLines { code sdgLinks { goal { code } target { code } rationale } } }",
    );
    expect(res.errors).toBeUndefined();
    const served = res.data!.actionLines.flatMap((l) =>
      l.sdgLinks.map((k) => [l.code, k.goal.code, k.target?.code ?? "", k.rationale].join("|")),
    );
    // The transcription separates the parts of a rationale with <br/>; the hub serves plain text, a part a line.
    const file = dataFile("wsis_sdg_matrix_links.csv").map((r) =>
      [r.action_line_key, r.sdg_goal, r.sdg_target, r.rationale.split("<br/>").map((part) => part.trim()).join("\n")].join("|"),
    );
    expect(served).toHaveLength(188);
    expect(new Set(served)).toEqual(new Set(file));
  });

  it("has C1–C11 and the eight C7 sub-lines, with unverified facilitators from the data", async () => {
    const res = await sg.query<{ actionLines: Array<{ code: string; parent: { code: string } | null; facilitations: Array<{ agency: { id: string }; verified: boolean }> }> }>(
      "{ actionLines { code parent { code } facilitations { agency { id } verified } } }",
    );
    const lines = res.data!.actionLines;
    expect(lines.filter((l) => !l.parent).map((l) => l.code)).toEqual(
      ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11"],
    );
    expect(lines.filter((l) => l.parent?.code === "C7")).toHaveLength(8);
    const file = dataFile("wsis_action_lines.csv");
    for (const row of file) {
      const served = lines.find((l) => l.code === row.key)!;
      const named = row.facilitators_tunis_annex_UNVERIFIED.split(";").map((s) => s.trim().replace("UN Regional Commissions", "UNRC"));
      expect(served.facilitations.map((f) => f.agency.id)).toEqual(named);
      expect(served.facilitations.every((f) => f.verified === false)).toBe(true);
    }
  });

  it("keeps deleted SDG indicators, flagged", async () => {
    const res = await sg.query<{ sdgIndicator: { code: string; status: string; deleted: boolean; statusNote: string } }>(
      '{ sdgIndicator(code: "17.6.2") { code status deleted statusNote } }',
    );
    expect(res.data!.sdgIndicator).toEqual({
      code: "17.6.2",
      status: "DELETED",
      deleted: true,
      statusNote: expect.stringContaining("2020"),
    });
    const count = await sg.dataSource.query("SELECT count(*)::int AS n FROM sdg_indicator");
    expect(count[0].n).toBe(dataFile("sdg_indicators.csv").length);
  });

  it("names a source on every record", async () => {
    const res = await sg.query<{ actionLine: { source: { id: string; licence: string }; facilitations: Array<{ source: { id: string } }>; sdgLinks: Array<{ source: { id: string } }> } }>(
      '{ actionLine(code: "C5") { source { id licence } facilitations { source { id } } sdgLinks { source { id } } } }',
    );
    const line = res.data!.actionLine;
    expect(line.source.id).toBe("wsis-action-lines");
    expect(line.facilitations.every((f) => f.source.id === "tunis-agenda-facilitators-unverified")).toBe(true);
    expect(line.sdgLinks.every((l) => l.source.id === "wsis-sdg-matrix")).toBe(true);
    const orphans = await sg.dataSource.query(
      `SELECT (SELECT count(*) FROM agency WHERE source_id IS NULL) + (SELECT count(*) FROM matrix_link WHERE source_id IS NULL) AS n`,
    );
    expect(Number(orphans[0].n)).toBe(0);
  });

  it("seeds idempotently: a second run writes nothing and duplicates nothing", async () => {
    const before = await sg.dataSource.query("SELECT count(*)::int AS n FROM matrix_link");
    const again = await actionLinesModule.seed(sg.dataSource);
    expect(again.written).toBe(0);
    const after = await sg.dataSource.query("SELECT count(*)::int AS n FROM matrix_link");
    expect(after[0].n).toBe(before[0].n);
    expect(sg.seedResult.written).toBeGreaterThan(700);
  });
});

describe("matrix rationales", () => {
  it("are plain text: the 59 <br/> of the transcription are line breaks, and no markup is left", async () => {
    const res = await sg.query<{ actionLines: Array<{ sdgLinks: Array<{ rationale: string }> }> }>("{ actionLines { sdgLinks { rationale } } }");
    const rationales = res.data!.actionLines.flatMap((l) => l.sdgLinks.map((k) => k.rationale));
    expect(rationales.filter((r) => /<[a-z/]|&[a-z#0-9]+;/i.test(r))).toEqual([]);
    expect(rationales.reduce((n, r) => n + r.split("\n").length - 1, 0)).toBe(59);
    // No blank around a line break (two <br/> in a row leave an empty line between paragraphs).
    expect(rationales.filter((r) => /^\s|\s$|[ \t]\n|\n[ \t]/.test(r))).toEqual([]);
  });
});

describe("lookups and bad input", () => {
  it("answers codes in any case, in their stored form", async () => {
    const res = await sg.query(
      '{ a: actionLine(code: "c5") { code } b: actionLine(code: "C7.E-HEALTH") { code } c: actionLine(code: " c7.e-Health ") { code } d: agency(id: "itu") { id } e: agency(id: "un-habitat") { id } f: agency(id: "Unesco") { id } g: sdgTarget(code: "1.A") { code } h: sdgIndicator(code: "1.A.1") { code } i: sdgGoal(code: " 17 ") { code } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      a: { code: "C5" },
      b: { code: "C7.e-health" },
      c: { code: "C7.e-health" },
      d: { id: "ITU" },
      e: { id: "UN-Habitat" },
      f: { id: "UNESCO" },
      g: { code: "1.a" },
      h: { code: "1.a.1" },
      i: { code: "17" },
    });
  });

  it("looks an agency up in any case in one statement, however many are asked", async () => {
    const statements = await sg.countStatements(async () => {
      const res = await sg.query('{ a: agency(id: "itu") { id } b: agency(id: "UNESCO") { id } c: agency(id: "nope") { id } }');
      expect(res.data).toEqual({ a: { id: "ITU" }, b: { id: "UNESCO" }, c: null });
    });
    expect(statements).toBe(1);
  });

  it("returns null, without an error, for well-formed unknown codes", async () => {
    const res = await sg.query(
      '{ actionLine(code: "C99") { code } sdgTarget(code: "99.9") { code } sdgIndicator(code: "1.1.9") { code } agency(id: "NOPE") { id } sdgGoal(code: "18") { code } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ actionLine: null, sdgTarget: null, sdgIndicator: null, agency: null, sdgGoal: null });
  });

  it.each([
    ['actionLine(code: "C5; drop table")', "code"],
    ['sdgTarget(code: "seventeen")', "code"],
    ['sdgIndicator(code: "17.8")', "code"],
    ['agency(id: "")', "id"],
  ])("rejects a malformed argument: %s", async (field, argumentName) => {
    const res = await sg.query(`{ x: ${field} { __typename } }`);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName });
    expect(res.errors![0].message).toContain(`"${argumentName}"`);
    expect(JSON.stringify(res.errors)).not.toMatch(/stack|at .*\.ts/);
  });
});

describe("no N+1", () => {
  const q = "{ actionLines { facilitators { id } sdgTargets { code goal { code } indicators { code } } } }";
  let small: TestSubgraph<SeedCounts>;

  beforeAll(async () => {
    // The same subgraph over a database that keeps only two action lines.
    small = await startTestSubgraph(actionLinesModule);
    await small.dataSource.transaction(async (m) => {
      await m.query("DELETE FROM matrix_link WHERE action_line_code NOT IN ('C1', 'C5')");
      await m.query("DELETE FROM facilitation WHERE action_line_code NOT IN ('C1', 'C5')");
      await m.query("DELETE FROM action_line WHERE code NOT IN ('C1', 'C5') AND parent_code IS NOT NULL");
      await m.query("DELETE FROM action_line WHERE code NOT IN ('C1', 'C5')");
    });
  });
  afterAll(async () => {
    await small?.stop();
  });

  it("sends the same number of statements for 19 action lines as for 2", async () => {
    let full: { actionLines: unknown[] } | undefined;
    let reduced: { actionLines: unknown[] } | undefined;
    const many = await sg.countStatements(async () => {
      full = (await sg.query<{ actionLines: unknown[] }>(q)).data!;
    });
    const few = await small.countStatements(async () => {
      reduced = (await small.query<{ actionLines: unknown[] }>(q)).data!;
    });
    expect(full!.actionLines).toHaveLength(19);
    expect(reduced!.actionLines).toHaveLength(2);
    expect(many).toBe(few);
    // actionLines, facilitations, agencies, matrix links, targets, goals, indicators: one statement each.
    expect(many).toBe(7);
  });

  it("batches entity references: _entities for many keys costs one statement per type", async () => {
    const reps = ["C1", "C2", "C3", "C4", "C5", "C6"].map((code) => ({ __typename: "ActionLine", code }));
    const statements = await sg.countStatements(() =>
      sg.query("query($r: [_Any!]!) { _entities(representations: $r) { ... on ActionLine { code title } } }", { r: reps }),
    );
    expect(statements).toBe(1);
  });
});
