import { upsertRows, upsertSources } from "@wsis/shared";
import type { DataSource, EntityManager } from "typeorm";
import { readSeedRows } from "./read-seed-rows";
import { SOURCES } from "./sources";

export interface SeedCounts {
  series: number;
  reports: number;
  agencyLinks: number;
  actionLineLinks: number;
  eventLinks: number;
  templates: number;
  documents: number;
  decisions: number;
  /** Rows inserted or changed by this run (0 on a second run). */
  written: number;
}

/**
 * Loads the catalogue, idempotently, in one transaction: a second run writes nothing. The seed owns the catalogue
 * columns of a report (title, kind, series, order, stakeholder group, note, source) and updates them when the data
 * changes; it never writes the columns the workflow and later edits own (status, submitted and published dates, due
 * date, economy): a new report starts PLANNED with those null, and a report moved by the workflow keeps its state —
 * except that a report a public record says was published (the review's outcome) is set PUBLISHED, with that record, once.
 */
export async function seed(dataSource: DataSource): Promise<SeedCounts> {
  const rows = readSeedRows();
  const written = await dataSource.transaction(async (m: EntityManager) => {
    let n = await upsertSources(m, Object.values(SOURCES));
    n += await upsertRows(m, {
      table: "report_series",
      columns: ["id", "kind", "position", "title", "catalogue_text", "quotes", "source_id"],
      key: ["id"],
      rows: rows.series,
      values: (r) => [r.id, r.kind, r.position, r.title, r.catalogueText, r.quotes, r.sourceId],
    });
    n += await upsertRows(m, {
      table: "report",
      columns: ["id", "series_id", "kind", "sort_order", "title", "stakeholder_group", "note", "source_id"],
      key: ["id"],
      rows: rows.reports,
      values: (r) => [r.id, r.seriesId, r.kind, r.sortOrder, r.title, r.stakeholderGroup, r.note, r.sourceId],
    });
    n += await upsertRows(m, {
      table: "report_agency",
      columns: ["report_id", "role", "agency_id", "position", "verified", "quotes", "source_id"],
      key: ["report_id", "role", "agency_id"],
      rows: rows.agencyLinks,
      values: (r) => [r.reportId, r.role, r.agencyId, r.position, r.verified, r.quotes, r.sourceId],
    });
    n += await upsertRows(m, {
      table: "report_action_line",
      columns: ["report_id", "action_line_code", "position", "source_id"],
      key: ["report_id", "action_line_code"],
      rows: rows.actionLineLinks,
      values: (r) => [r.reportId, r.actionLineCode, r.position, r.sourceId],
    });
    n += await upsertRows(m, {
      table: "report_event",
      columns: ["report_id", "event_id", "role", "quotes", "source_id"],
      key: ["report_id", "event_id", "role"],
      rows: rows.eventLinks,
      values: (r) => [r.reportId, r.eventId, r.role, r.quotes, r.sourceId],
    });
    n += await upsertRows(m, {
      table: "report_template",
      columns: [
        "id",
        "position",
        "title",
        "prepared_by",
        "draft",
        "event_id",
        "report_kinds",
        "seed_text",
        "source_id",
      ],
      key: ["id"],
      rows: rows.templates,
      values: (r) => [
        r.id,
        r.position,
        r.title,
        r.preparedBy,
        r.draft,
        r.eventId,
        r.reportKinds,
        r.seedText,
        r.sourceId,
      ],
    });
    n += await upsertRows(m, {
      table: "report_document",
      columns: ["report_id", "position", "title", "url", "language", "published_date", "verified", "note", "source_id"],
      key: ["report_id", "position"],
      rows: rows.documents,
      values: (r) => [
        r.reportId,
        r.position,
        r.title,
        r.url,
        r.language,
        r.publishedDate,
        r.verified,
        r.note,
        r.sourceId,
      ],
    });
    n += await upsertRows(m, {
      table: "report_decision",
      columns: ["report_id", "position", "paragraph", "decision", "quote", "verified", "note", "source_id"],
      key: ["report_id", "position"],
      rows: rows.decisions,
      values: (r) => [r.reportId, r.position, r.paragraph, r.decision, r.quote, r.verified, r.note, r.sourceId],
    });
    // A status a public record states (a report published outside the hub) is set once, on a report still PLANNED:
    // it never moves a report the workflow has moved.
    for (const s of rows.sourcedStatuses) {
      // An UPDATE answers [rows, count].
      const [, count]: [unknown[], number] = await m.query(
        `UPDATE report SET status = $2, published_date = $3, status_source_id = $4 WHERE id = $1 AND status = 'PLANNED'`,
        [s.reportId, s.status, s.publishedDate, s.statusSourceId],
      );
      n += count;
    }
    return n;
  });
  return {
    series: rows.series.length,
    reports: rows.reports.length,
    agencyLinks: rows.agencyLinks.length,
    actionLineLinks: rows.actionLineLinks.length,
    eventLinks: rows.eventLinks.length,
    templates: rows.templates.length,
    documents: rows.documents.length,
    decisions: rows.decisions.length,
    written,
  };
}
