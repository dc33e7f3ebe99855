import { CODE_FORMATS } from "../known/codes";
import { ReportAgencyRole, ReportEventRole, ReportKind, ReportStakeholderGroup } from "../report/report.enums";
import { normaliseSpace, readCsv, readText, readYaml, ROADMAP_FILE } from "./read-data";
import { knownCodes } from "../known/known-codes";
import { reviewOutcomeRows } from "./review-outcome";
import type { ActionLineLinkRow, AgencyLinkRow, EventLinkRow, ReportRow, SeriesRow, TemplateRow } from "./rows";
import { SOURCES } from "./sources";

/** The shape of data/wsis20_reporting.yaml. */
interface ReportingFile {
  series: Array<{ id: string; kind: string; title: string; catalogueText: string; quotes: string[] }>;
  reviewEvent: { event: string; role: string; quotes: string[] };
  reports: Array<{
    id: string;
    series: string;
    title: string;
    stakeholderGroup?: string;
    note?: string;
    agencies?: Array<{ agency: string; role: string; quotes: string[] }>;
    events?: Array<{ event: string; role: string; quotes: string[] }>;
  }>;
  actionLineReviews: {
    series: string;
    titlePrefix: string;
    c7Title: string;
    c7Note: string;
    agencyAliases: Record<string, string>;
  };
  templates: Array<{
    id: string;
    title: string;
    preparedBy: string | null;
    draft: boolean;
    event: string | null;
    reportKinds: string[];
    seedText: string[];
  }>;
}

function oneOf<T extends string>(values: Record<string, T>, value: string, what: string): T {
  if (!(Object.values(values) as string[]).includes(value))
    throw new Error(`Seed data: unknown ${what} ${JSON.stringify(value)}`);
  return value as T;
}

function slug(value: string, what: string): string {
  if (!CODE_FORMATS.report.pattern.test(value))
    throw new Error(`Seed data: ${what} ${JSON.stringify(value)} is not a slug`);
  return value;
}

/**
 * Reads the shipped data files into rows and checks them: every quote is verbatim in the roadmap, every agency id is
 * one the action-lines subgraph knows and every event one the events subgraph knows (data/known-codes.json), every
 * action line is in the action-line table, every kind is a catalogue kind.
 */
export function readSeedRows() {
  const file = readYaml<ReportingFile>("wsis20_reporting.yaml");
  const roadmap = normaliseSpace(readText(ROADMAP_FILE));
  const verbatim = (quotes: readonly string[], where: string): string[] => {
    for (const quote of quotes) {
      if (!roadmap.includes(normaliseSpace(quote)))
        throw new Error(`Seed data: ${where}: not verbatim in the roadmap: ${JSON.stringify(quote)}`);
    }
    return [...quotes];
  };
  const knownAgency = (id: string, where: string): string => {
    if (knownCodes.canonical("agency", id) !== id)
      throw new Error(`Seed data: ${where}: unknown agency ${JSON.stringify(id)}`);
    return id;
  };
  // Only the roadmap's events are linked, and the events subgraph knows each of them.
  const knownEvent = (id: string): string => {
    if (knownCodes.canonical("event", id) !== id)
      throw new Error(`Seed data: unknown event ${JSON.stringify(id)} (see data/known-codes.json)`);
    return id;
  };

  const series: SeriesRow[] = file.series.map((s, i) => ({
    id: slug(s.id, "series id"),
    kind: oneOf(ReportKind, s.kind, "report kind"),
    position: i + 1,
    title: s.title,
    catalogueText: verbatim([s.catalogueText], `series ${s.id}`)[0],
    quotes: verbatim(s.quotes, `series ${s.id}`),
    sourceId: SOURCES.roadmap.id,
  }));
  // The review's outcome: a series after the catalogue's (the roadmap's timeline line), the resolution as its report.
  const outcome = reviewOutcomeRows(series.length + 1);
  series.push(outcome.series);
  const seriesById = new Map(series.map((s) => [s.id, s]));
  if (new Set(series.map((s) => s.kind)).size !== series.length) throw new Error("Seed data: two series of one kind");
  if (series.length !== Object.values(ReportKind).length) throw new Error("Seed data: not one series per report kind");
  const seriesOf = (id: string) => {
    const found = seriesById.get(id);
    if (!found) throw new Error(`Seed data: unknown series ${JSON.stringify(id)}`);
    return found;
  };
  const countInSeries = new Map<string, number>();
  const nextSortOrder = (s: SeriesRow) => {
    const n = (countInSeries.get(s.id) ?? 0) + 1;
    countInSeries.set(s.id, n);
    return s.position * 100 + n;
  };

  const reports: ReportRow[] = [];
  const agencyLinks: AgencyLinkRow[] = [];
  const actionLineLinks: ActionLineLinkRow[] = [];
  const eventLinks: EventLinkRow[] = [];

  // The reports the catalogue names one by one.
  for (const r of file.reports) {
    const s = seriesOf(r.series);
    reports.push({
      id: slug(r.id, "report id"),
      seriesId: s.id,
      kind: s.kind,
      sortOrder: nextSortOrder(s),
      title: r.title,
      stakeholderGroup: r.stakeholderGroup
        ? oneOf(ReportStakeholderGroup, r.stakeholderGroup, "stakeholder group")
        : null,
      note: r.note ?? null,
      sourceId: SOURCES.roadmap.id,
    });
    (r.agencies ?? []).forEach((a, i) =>
      agencyLinks.push({
        reportId: r.id,
        role: oneOf(ReportAgencyRole, a.role, "agency role"),
        agencyId: knownAgency(a.agency, `report ${r.id}`),
        position: i + 1,
        verified: true, // stated by the roadmap itself
        quotes: verbatim(a.quotes, `report ${r.id}`),
        sourceId: SOURCES.roadmap.id,
      }),
    );
    for (const e of r.events ?? []) {
      eventLinks.push({
        reportId: r.id,
        eventId: knownEvent(e.event),
        role: oneOf(ReportEventRole, e.role, "event role"),
        quotes: verbatim(e.quotes, `report ${r.id}`),
        sourceId: SOURCES.roadmap.id,
      });
    }
  }

  // One review per action line C1..C11 (the roadmap: "11 Action Lines"); C7 covers its eight sub-lines.
  const al = file.actionLineReviews;
  const alSeries = seriesOf(al.series);
  const lineRows = readCsv("wsis_action_lines.csv");
  const lines = [...new Set(lineRows.map((r) => r.action_line))];
  if (lines.length !== 11) throw new Error(`Seed data: expected 11 action lines, found ${lines.length}`);
  for (const code of lines) {
    const rows = lineRows.filter((r) => r.action_line === code);
    const hasSubLines = rows.some((r) => r.sub_line);
    const id = `wsis20-action-line-review-${code.toLowerCase()}`;
    const heading = hasSubLines ? al.c7Title : rows[0].title;
    reports.push({
      id: slug(id, "report id"),
      seriesId: alSeries.id,
      kind: alSeries.kind,
      sortOrder: nextSortOrder(alSeries),
      title: `${al.titlePrefix} — ${code}: ${heading}`,
      stakeholderGroup: null,
      note:
        (hasSubLines ? `${al.c7Note} ` : "") +
        "Coordinators: the facilitators listed for this action line in an unverified table (coordinatorsVerified: false).",
      sourceId: SOURCES.roadmap.id,
    });
    actionLineLinks.push({ reportId: id, actionLineCode: code, position: 1, sourceId: SOURCES.roadmap.id });
    if (hasSubLines) {
      rows.forEach((r, i) =>
        actionLineLinks.push({
          reportId: id,
          actionLineCode: r.key,
          position: i + 2,
          sourceId: SOURCES.actionLines.id,
        }),
      );
    }
    const facilitators: string[] = [];
    for (const r of rows) {
      for (const name of r.facilitators_tunis_annex_UNVERIFIED
        .split(";")
        .map((n) => n.trim())
        .filter(Boolean)) {
        const agencyId = knownAgency(al.agencyAliases[name] ?? name, `action line ${r.key}`);
        if (!facilitators.includes(agencyId)) facilitators.push(agencyId);
      }
    }
    facilitators.forEach((agencyId, i) =>
      agencyLinks.push({
        reportId: id,
        role: ReportAgencyRole.COORDINATOR,
        agencyId,
        position: i + 1,
        verified: false,
        quotes: [],
        sourceId: SOURCES.facilitators.id,
      }),
    );
  }

  // Every report of the catalogue is a preparatory step towards the WSIS+20 review.
  const review = file.reviewEvent;
  for (const r of reports) {
    eventLinks.push({
      reportId: r.id,
      eventId: knownEvent(review.event),
      role: oneOf(ReportEventRole, review.role, "event role"),
      quotes: verbatim(review.quotes, "reviewEvent"),
      sourceId: SOURCES.roadmap.id,
    });
  }
  reports.push(outcome.report);
  agencyLinks.push(...outcome.agencyLinks);
  eventLinks.push(...outcome.eventLinks);
  reports.sort((a, b) => a.sortOrder - b.sortOrder);

  const templates: TemplateRow[] = file.templates.map((t, i) => ({
    id: slug(t.id, "template id"),
    position: i + 1,
    title: t.title,
    preparedBy: t.preparedBy,
    draft: t.draft,
    eventId: t.event ? knownEvent(t.event) : null,
    reportKinds: t.reportKinds.map((k) => oneOf(ReportKind, k, "report kind")),
    seedText: verbatim(t.seedText, `template ${t.id}`),
    sourceId: SOURCES.roadmap.id,
  }));
  for (const t of templates) if (t.preparedBy) verbatim([t.preparedBy], `template ${t.id}`);

  return {
    series,
    reports,
    agencyLinks,
    actionLineLinks,
    eventLinks,
    templates,
    documents: outcome.documents,
    decisions: outcome.decisions,
    sourcedStatuses: [outcome.status],
  };
}
