import { parsePartialDate } from "@wsis/shared";
import { knownCodes } from "../known/known-codes";
import { ReportAgencyRole, ReportEventRole, ReportKind, ReportStatus } from "../report/report.enums";
import { normaliseSpace, readCsv, readText, readYaml, ROADMAP_FILE } from "./read-data";
import type { AgencyLinkRow, EventLinkRow, ReportRow, SeriesRow } from "./rows";
import { isSourceKey, SOURCES } from "./sources";

/** The shape of data/review-outcome.yaml (see the comment at its top). */
interface OutcomeFile {
  series: { id: string; kind: string; title: string; catalogueText: string; quotes: string[] };
  report: {
    id: string;
    title: string;
    source: string;
    status: string;
    publishedOn: string;
    statusSource: string;
    note: string;
    authors: Array<{ agency: string; source: string; quotes: string[] }>;
    events: Array<{ event: string; role: string; source: string; quotes: string[] }>;
  };
  documents: Array<{
    title: string;
    url: string;
    language?: string;
    publishedAt?: string;
    verified: boolean;
    source: string;
    note?: string;
  }>;
}

export interface DocumentRow {
  reportId: string;
  position: number;
  title: string;
  url: string;
  language: string | null;
  publishedDate: string | null;
  verified: boolean;
  note: string | null;
  sourceId: string;
}

export interface DecisionRow {
  reportId: string;
  position: number;
  paragraph: string | null;
  decision: string;
  quote: string;
  verified: boolean;
  note: string | null;
  sourceId: string;
}

/** A status the seed takes from a public record (a report published outside the hub). */
export interface SourcedStatusRow {
  reportId: string;
  status: ReportStatus;
  publishedDate: string;
  statusSourceId: string;
}

function source(key: string, where: string): string {
  if (!isSourceKey(key))
    throw new Error(`Seed data: ${where}: unknown source ${JSON.stringify(key)} (see src/seed/sources.ts)`);
  return SOURCES[key].id;
}

/** The source whose URL a research row gives (every source of the research's rows is in src/seed/sources.ts). */
function sourceOfUrl(url: string, where: string): string {
  const found = Object.values(SOURCES).find((s) => s.url === url);
  if (!found) throw new Error(`Seed data: ${where}: no source in src/seed/sources.ts has the URL ${url}`);
  return found.id;
}

function partialDate(value: string, where: string): string {
  const parsed = parsePartialDate(value);
  if (!parsed) throw new Error(`Seed data: ${where}: ${JSON.stringify(value)} is not yyyy, yyyy-mm or yyyy-mm-dd`);
  return parsed.value;
}

/** The row of outcome_decisions.csv that states the adoption: the status, not a decision. */
const ADOPTION = /^adopted by consensus/;

/**
 * The review's outcome as rows: its series (the roadmap's line, verbatim), the resolution as a report, its author and
 * the event that adopted it, its documents, its decisions (data/outcome_decisions.csv: one per row but the adoption's)
 * and its status, each with its source. `position` and `sortOrder` place the series after the catalogue's.
 */
export function reviewOutcomeRows(position: number) {
  const file = readYaml<OutcomeFile>("review-outcome.yaml");
  const roadmap = normaliseSpace(readText(ROADMAP_FILE));
  for (const text of [file.series.catalogueText, ...file.series.quotes]) {
    if (!roadmap.includes(normaliseSpace(text)))
      throw new Error(`Seed data: review outcome: not verbatim in the roadmap: ${JSON.stringify(text)}`);
  }
  if (file.series.kind !== ReportKind.REVIEW_OUTCOME)
    throw new Error("Seed data: review outcome: the series must be of kind REVIEW_OUTCOME");
  const r = file.report;
  const series: SeriesRow = { ...file.series, kind: ReportKind.REVIEW_OUTCOME, position, sourceId: SOURCES.roadmap.id };
  const report: ReportRow = {
    id: r.id,
    seriesId: series.id,
    kind: series.kind,
    sortOrder: position * 100 + 1,
    title: normaliseSpace(r.title),
    stakeholderGroup: null,
    note: normaliseSpace(r.note),
    sourceId: source(r.source, "report"),
  };
  if (r.status !== ReportStatus.PUBLISHED)
    throw new Error("Seed data: review outcome: only a published status is taken from a record");
  const status: SourcedStatusRow = {
    reportId: r.id,
    status: ReportStatus.PUBLISHED,
    publishedDate: partialDate(r.publishedOn, "report publishedOn"),
    statusSourceId: source(r.statusSource, "report statusSource"),
  };
  const agencyLinks: AgencyLinkRow[] = r.authors.map((a, i) => {
    if (knownCodes.canonical("agency", a.agency) !== a.agency)
      throw new Error(`Seed data: review outcome: unknown agency ${a.agency}`);
    return {
      reportId: r.id,
      role: ReportAgencyRole.AUTHOR,
      agencyId: a.agency,
      position: i + 1,
      verified: true,
      quotes: a.quotes,
      sourceId: source(a.source, "author"),
    };
  });
  const eventLinks: EventLinkRow[] = r.events.map((e) => {
    if (knownCodes.canonical("event", e.event) !== e.event)
      throw new Error(`Seed data: review outcome: unknown event ${e.event}`);
    if (e.role !== ReportEventRole.ADOPTED) throw new Error(`Seed data: review outcome: event role ${e.role}`);
    return {
      reportId: r.id,
      eventId: e.event,
      role: ReportEventRole.ADOPTED,
      quotes: e.quotes,
      sourceId: source(e.source, "event"),
    };
  });
  const documents: DocumentRow[] = file.documents.map((d, i) => ({
    reportId: r.id,
    position: i + 1,
    title: d.title,
    url: d.url,
    language: d.language ?? null,
    publishedDate: d.publishedAt === undefined ? null : partialDate(d.publishedAt, `document ${i + 1}`),
    verified: d.verified,
    note: d.note === undefined ? null : normaliseSpace(d.note),
    sourceId: source(d.source, `document ${i + 1}`),
  }));
  const decisions: DecisionRow[] = readCsv("outcome_decisions.csv")
    .filter((row) => !ADOPTION.test(row.decision))
    .map((row, i) => {
      if (!row.document.startsWith("A/RES/80/173"))
        throw new Error(`Seed data: outcome_decisions.csv: not A/RES/80/173: ${row.document}`);
      if (row.verified !== "true" && row.verified !== "false")
        throw new Error(`Seed data: outcome_decisions.csv row ${i + 1}: verified`);
      return {
        reportId: r.id,
        position: i + 1,
        paragraph: row.paragraph || null,
        decision: row.decision,
        quote: row.quote,
        verified: row.verified === "true",
        note: row.note || null,
        sourceId: sourceOfUrl(row.source_url, `outcome_decisions.csv row ${i + 1}`),
      };
    });
  return { series, report, status, agencyLinks, eventLinks, documents, decisions };
}
