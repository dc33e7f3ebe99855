import { facilitatorsOf, LINES, reportsSubgraph, roadmap } from "./reports.fixtures";

const { sg, allReports } = reportsSubgraph();

describe("the WSIS+20 reporting catalogue of the roadmap", () => {
  it("has one series per catalogue line, in the roadmap's order, each line verbatim", async () => {
    const res = await sg.query<{
      reportCatalogue: Array<{
        id: string;
        kind: string;
        position: number;
        catalogueText: string;
        quotes: string[];
        reportCount: number;
        source: { id: string; title: string };
      }>;
    }>("{ reportCatalogue { id kind position catalogueText quotes reportCount source { id title } } }");
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
      // After the catalogue: the review's outcome (the roadmap's timeline: "Submit the outcomes of the WSIS Review").
      ["REVIEW_OUTCOME", 1],
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
    expect(c5).toMatchObject({
      title: "Review Report by Action Line Facilitators — C5: Building confidence and security in the use of ICTs",
      coordinators: [{ id: "ITU" }],
    });
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
      "UNDP",
      "ITU",
      "WTO",
      "UNCTAD",
      "UPU",
      "UNESCO",
      "UNIDO",
      "WHO",
      "ILO",
      "WMO",
      "UNEP",
      "UN-Habitat",
      "ICAO",
      "FAO",
    ]);
    expect(reviews[0].coordinators.map((a) => a.id)).toEqual(["ECOSOC", "UNRC", "ITU"]);
  });

  it("has the reports the catalogue names one by one, planned, with the coordinators the roadmap names", async () => {
    // The review's outcome, published, is not one of the catalogue's (review-outcome.integration.test.ts).
    const reports = (await allReports()).filter((r) => r.kind !== "REVIEW_OUTCOME");
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
    expect(byId.get("wsis20-stocktaking-report")).toMatchObject({
      coordinators: [{ id: "ITU" }],
      coordinatorsVerified: true,
    });
    expect(byId.get("wsis20-stocktaking-success-stories")).toMatchObject({ coordinators: [{ id: "ITU" }] });
    expect(byId.get("wsis20-ungis-review-report")).toMatchObject({
      title: "UNGIS Review Report",
      coordinators: [],
      coordinatorsVerified: null,
    });
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
    const res = await sg.query<{
      reports: {
        edges: Array<{
          node: {
            id: string;
            agencies: Array<{
              role: string;
              verified: boolean;
              quotes: string[];
              agency: { id: string };
              source: { id: string };
            }>;
            events: Array<{ role: string; quotes: string[]; event: { id: string }; source: { id: string } }>;
          };
        }>;
      };
    }>(
      "{ reports(first: 100) { edges { node { id agencies { role verified quotes agency { id } source { id } } events { role quotes event { id } source { id } } } } } }",
    );
    expect(res.errors).toBeUndefined();
    // The review's outcome quotes the UN's record of the adoption (review-outcome.integration.test.ts).
    const nodes = res.data!.reports.edges.map((e) => e.node).filter((n) => n.id !== "a-res-80-173");
    expect(nodes).toHaveLength(20);
    for (const node of nodes) {
      for (const link of [...node.agencies, ...node.events])
        for (const quote of link.quotes) expect(roadmap).toContain(quote);
      for (const link of node.agencies) {
        // Links stated by the roadmap are verified and quoted; links from the facilitator table are neither.
        expect(link.verified).toBe(link.quotes.length > 0);
        expect(link.source.id).toBe(
          link.verified ? "itu-council-2022-wsis20-roadmap" : "tunis-agenda-facilitators-unverified",
        );
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
    const res = await sg.query<{
      reportTemplates: Array<{
        id: string;
        title: string;
        draft: boolean;
        preparedBy: string | null;
        reportKinds: string[];
        seedText: string[];
        preparedAt: { id: string };
        series: Array<{ id: string }>;
        source: { id: string };
      }>;
    }>(
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

    const one = await sg.query<{
      reportTemplate: { title: string } | null;
      none: null;
      report: { templates: Array<{ id: string }> };
    }>(
      '{ reportTemplate(id: "template-stakeholder-reports") { title } none: reportTemplate(id: "template-unknown") { title } report(id: "wsis20-action-line-review-c3") { templates { id } } }',
    );
    expect(one.errors).toBeUndefined();
    expect(one.data).toEqual({
      reportTemplate: {
        title: "templates for reports by civil society, academia, private sector and technical community",
      },
      none: null,
      report: { templates: [{ id: "template-action-line-facilitator-reports" }] },
    });
  });
});
