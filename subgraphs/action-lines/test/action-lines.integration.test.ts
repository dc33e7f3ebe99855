import { readFileSync } from "node:fs";
import path from "node:path";
import { startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { parse } from "csv-parse/sync";
import { actionLinesModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";

const dataFile = (name: string) =>
  parse(readFileSync(path.join(__dirname, "../data", name), "utf8"), { columns: true }) as Array<
    Record<string, string>
  >;

let sg: TestSubgraph<SeedCounts>;

beforeAll(async () => {
  sg = await startTestSubgraph(actionLinesModule);
});
afterAll(async () => {
  await sg?.stop();
});

describe("action-lines subgraph against a real PostgreSQL", () => {
  it("serves every goal and target of the SDG files", async () => {
    const res = await sg.query<{
      sdgGoals: Array<{ code: string; title: string; targets: Array<{ code: string; title: string }> }>;
    }>("{ sdgGoals { code title targets { code title } } }");
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
    const res = await sg.query<{
      actionLines: Array<{
        code: string;
        sdgLinks: Array<{ goal: { code: string }; target: { code: string } | null; rationale: string }>;
      }>;
    }>("{ actionLines { code sdgLinks { goal { code } target { code } rationale } } }");
    expect(res.errors).toBeUndefined();
    const served = res.data!.actionLines.flatMap((l) =>
      l.sdgLinks.map((k) => [l.code, k.goal.code, k.target?.code ?? "", k.rationale].join("|")),
    );
    // The transcription separates the parts of a rationale with <br/>; the hub serves plain text, a part a line.
    const file = dataFile("wsis_sdg_matrix_links.csv").map((r) =>
      [
        r.action_line_key,
        r.sdg_goal,
        r.sdg_target,
        r.rationale
          .split("<br/>")
          .map((part) => part.trim())
          .join("\n"),
      ].join("|"),
    );
    expect(served).toHaveLength(188);
    expect(new Set(served)).toEqual(new Set(file));
  });

  it("has C1–C11 and the eight C7 sub-lines, with the listed facilitators, verified only where a primary source says so", async () => {
    const res = await sg.query<{
      actionLines: Array<{
        code: string;
        parent: { code: string } | null;
        facilitations: Array<{ agency: { id: string }; verified: boolean }>;
      }>;
    }>("{ actionLines { code parent { code } facilitations { agency { id } verified } } }");
    const lines = res.data!.actionLines;
    expect(lines.filter((l) => !l.parent).map((l) => l.code)).toEqual([
      "C1",
      "C2",
      "C3",
      "C4",
      "C5",
      "C6",
      "C7",
      "C8",
      "C9",
      "C10",
      "C11",
    ]);
    expect(lines.filter((l) => l.parent?.code === "C7")).toHaveLength(8);
    // The listing of the data file first, in its order; then the facilitators a primary source adds (✓ verified).
    const file = dataFile("wsis_action_lines.csv");
    for (const row of file) {
      const named = row.facilitators_tunis_annex_UNVERIFIED
        .split(";")
        .map((s) => s.trim().replace("UN Regional Commissions", "UNRC"));
      const served = lines.find((l) => l.code === row.key)!.facilitations.map((f) => f.agency.id);
      expect(served.slice(0, named.length)).toEqual(named);
    }
    const verification = Object.fromEntries(
      lines.map((l) => [l.code, l.facilitations.map((f) => `${f.agency.id}${f.verified ? " ✓" : ""}`).join(", ")]),
    );
    expect(verification).toEqual({
      C1: "ECOSOC, UNRC, ITU ✓, UNDESA ✓",
      C2: "ITU ✓",
      C3: "UNESCO ✓, ITU ✓",
      C4: "UNDP, UNESCO, ITU ✓, UNCTAD",
      C5: "ITU ✓",
      C6: "ITU ✓, UNDP, UNRC, UNCTAD", // UNDP asked ITU to take the role
      C7: "ITU ✓",
      "C7.e-government": "UNDP, ITU, UNDESA ✓",
      "C7.e-business": "WTO, UNCTAD, ITU, UPU", // UNCTAD: a secondary copy only; UPU "contributes"
      "C7.e-learning": "UNESCO ✓, ITU, UNIDO",
      "C7.e-health": "WHO ✓, ITU", // ITU co-organised a session: not a statement of facilitation
      "C7.e-employment": "ILO ✓, ITU",
      "C7.e-environment": "WHO, WMO ✓, UNEP ✓, UN-Habitat, ITU ✓, ICAO",
      "C7.e-agriculture": "FAO ✓, ITU ✓",
      "C7.e-science": "UNESCO ✓, ITU, UNCTAD",
      C8: "UNESCO ✓", // ITU: "partner"
      C9: "UNESCO", // a secondary copy only
      C10: "UNESCO ✓, ECOSOC",
      C11: "UNDESA ✓, UNCTAD, UNRC, ITU ✓",
    });
  });

  it("gives every verified facilitation its document and URL as evidence and source; the rest keep the unverified listing", async () => {
    const res = await sg.query<{
      actionLines: Array<{
        code: string;
        facilitatorsVerified: boolean;
        facilitations: Array<{
          verified: boolean;
          evidence: string | null;
          source: { id: string; url: string | null; title: string };
        }>;
      }>;
    }>("{ actionLines { code facilitatorsVerified facilitations { verified evidence source { id url title } } } }");
    const all = res.data!.actionLines.flatMap((l) => l.facilitations);
    for (const f of all.filter((x) => x.verified)) {
      expect(f.source.id).toMatch(/^evidence-/);
      expect(f.source.url).toMatch(/^https?:\/\//);
      expect(f.evidence).toContain(f.source.url!);
      expect(f.evidence).toMatch(/“.+”/);
    }
    for (const f of all.filter((x) => !x.verified)) expect(f.source.id).toBe("tunis-agenda-facilitators-unverified");
    expect(all.filter((f) => f.verified)).toHaveLength(23);
    expect(res.data!.actionLines.filter((l) => l.facilitatorsVerified).map((l) => l.code)).toEqual([
      "C2",
      "C3",
      "C5",
      "C7",
      "C7.e-agriculture",
      "C8",
    ]);
    // Evidence that does not verify says why.
    const unverified = all.filter((f) => !f.verified && f.evidence?.includes("“"));
    expect(unverified.map((f) => f.evidence!.match(/\[(.*?)[:\]]/)![1]).sort()).toEqual([
      "not a facilitation",
      "not a facilitation",
      "not a facilitation",
      "secondary source only",
      "secondary source only",
    ]);
  });

  it("keeps deleted SDG indicators, flagged", async () => {
    const res = await sg.query<{
      sdgIndicator: { code: string; status: string; deleted: boolean; statusNote: string };
    }>('{ sdgIndicator(code: "17.6.2") { code status deleted statusNote } }');
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
    const res = await sg.query<{
      actionLine: {
        source: { id: string; licence: string };
        facilitations: Array<{ source: { id: string } }>;
        sdgLinks: Array<{ source: { id: string } }>;
      };
    }>(
      '{ actionLine(code: "C5") { source { id licence } facilitations { source { id } } sdgLinks { source { id } } } }',
    );
    const line = res.data!.actionLine;
    expect(line.source.id).toBe("wsis-action-lines");
    // ITU's facilitation of C5 rests on ITU's own C5 page now (it was the unverified listing).
    expect(line.facilitations.map((f) => f.source.id)).toEqual([
      "evidence-itu-corporate-strategy-division-wsis-c5-background-and",
    ]);
    expect(line.sdgLinks.every((l) => l.source.id === "wsis-sdg-matrix")).toBe(true);
    const orphans = await sg.dataSource.query(
      `SELECT (SELECT count(*) FROM agency WHERE source_id IS NULL) + (SELECT count(*) FROM matrix_link WHERE source_id IS NULL)
            + (SELECT count(*) FROM facilitation f WHERE NOT EXISTS (SELECT 1 FROM source s WHERE s.id = f.source_id)) AS n`,
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

describe("Plan of Action texts", () => {
  type Line = {
    code: string;
    matrixName: string | null;
    shortName: string | null;
    planOfAction: string | null;
    planOfActionVerified: boolean;
    planOfActionNote: string | null;
  };
  let lines: Line[];
  beforeAll(async () => {
    const res = await sg.query<{ actionLines: Line[] }>(
      "{ actionLines { code matrixName shortName planOfAction planOfActionVerified planOfActionNote } }",
    );
    lines = res.data!.actionLines;
  });
  const line = (code: string) => lines.find((l) => l.code === code)!;

  it("open with the shipped source text where a primary source gives it, and only those are verified", () => {
    const checks = dataFile("plan_of_action_checks.csv");
    const primary = checks.filter((c) => c.verified === "true");
    expect(primary.map((c) => c.action_line)).toEqual(["C3", "C5", "C8", "C10"]);
    for (const c of primary) {
      expect(line(c.action_line).planOfAction!.split("\n")[0]).toBe(c.text);
      expect(line(c.action_line).planOfActionNote).toContain(c.source_url);
    }
    expect(lines.filter((l) => l.planOfActionVerified).map((l) => l.code)).toEqual(["C3", "C5", "C8", "C10"]);
    // Where a secondary copy has the opening, the served text agrees with it (but for a final ";" or ".").
    for (const c of checks.filter((x) => x.verified !== "true" && x.text && line(x.action_line).planOfAction)) {
      // (A C7 sub-line's text is a list: its opening is the first item, "- …".)
      expect(line(c.action_line).planOfAction!.split("\n")[0].replace(/^- /, "").replace(/[.;]$/, "")).toBe(
        c.text.replace(/[.;]$/, ""),
      );
    }
    for (const l of lines) expect(l.planOfActionNote).toEqual(expect.any(String));
  });

  it("no longer open C6 with C5's sentence, nor hide C10's opening sentence in markup", () => {
    const c5Opening = "Confidence and security are among the main pillars of the Information Society.";
    expect(line("C5").planOfAction!.startsWith(c5Opening)).toBe(true);
    expect(line("C6").planOfAction).not.toContain(c5Opening);
    expect(
      line("C6").planOfAction!.startsWith("- Governments should foster a supportive, transparent, pro-competitive"),
    ).toBe(true);
    expect(line("C6").planOfActionNote).toMatch(/opening sentence of C5/);
    expect(
      line("C10").planOfAction!.startsWith("The Information Society should be subject to universally held values"),
    ).toBe(true);
    expect(lines.filter((l) => /<|>/.test(l.planOfAction ?? ""))).toEqual([]);
  });

  it("say what is missing: C7 e-learning has no text, with a note", () => {
    expect(line("C7.e-learning")).toMatchObject({
      planOfAction: null,
      planOfActionVerified: false,
      planOfActionNote: expect.stringMatching(/e-learning/),
    });
  });

  it("name C3 without the transcription's typo", () => {
    expect(line("C3")).toMatchObject({
      matrixName: "C3: Access to information and knowledge",
      shortName: "Access to Information and Knowledge",
    });
  });
});

describe("matrix rationales", () => {
  it("are plain text: the 59 <br/> of the transcription are line breaks, and no markup is left", async () => {
    const res = await sg.query<{ actionLines: Array<{ sdgLinks: Array<{ rationale: string }> }> }>(
      "{ actionLines { sdgLinks { rationale } } }",
    );
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
      const res = await sg.query(
        '{ a: agency(id: "itu") { id } b: agency(id: "UNESCO") { id } c: agency(id: "nope") { id } }',
      );
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
      sg.query("query($r: [_Any!]!) { _entities(representations: $r) { ... on ActionLine { code title } } }", {
        r: reps,
      }),
    );
    expect(statements).toBe(1);
  });
});
