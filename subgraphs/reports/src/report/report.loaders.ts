import { loaderByKey, loaderGroupedByKey } from "@wsis/shared";
import { In, type DataSource } from "typeorm";
import { ReportActionLine } from "./report-action-line.entity";
import { ReportAgencyLink } from "./report-agency.entity";
import { ReportDecision } from "./report-decision.entity";
import { ReportDocument } from "./report-document.entity";
import { ReportEventLink } from "./report-event.entity";
import { ReportIndicator } from "./report-indicator.entity";
import { ReportStatusChange } from "./report-status-change.entity";
import { Report } from "./report.entity";

/** A report reached through a link table, with the linked code it was reached by. */
export interface LinkedReport {
  key: string;
  report: Report;
}

/**
 * One statement for the reports linked to many codes: the reports joined to their link rows, in catalogue order. A
 * report linked to one code twice (e.g. an agency that both coordinates and authors it) comes back once per code.
 */
async function reportsThrough(
  ds: DataSource,
  link: typeof ReportActionLine | typeof ReportAgencyLink | typeof ReportEventLink | typeof ReportIndicator,
  keyProperty: string,
  keys: readonly string[],
): Promise<LinkedReport[]> {
  const { entities, raw } = await ds
    .getRepository(Report)
    .createQueryBuilder("r")
    .innerJoin(link, "l", "l.reportId = r.id")
    .addSelect(`l.${keyProperty}`, "link_key")
    .where(`l.${keyProperty} IN (:...keys)`, { keys: [...keys] })
    .orderBy("r.sortOrder", "ASC")
    .addOrderBy("r.id", "ASC")
    .getRawAndEntities<{ r_id: string; link_key: string }>();
  const byId = new Map(entities.map((r) => [r.id, r]));
  const seen = new Set<string>();
  const linked: LinkedReport[] = [];
  for (const row of raw) {
    const pair = `${row.link_key}\u0000${row.r_id}`;
    const report = byId.get(row.r_id);
    if (report && !seen.has(pair)) {
      seen.add(pair);
      linked.push({ key: row.link_key, report });
    }
  }
  return linked;
}

export const reportLoaders = (ds: DataSource) => ({
  reportById: loaderByKey(
    (ids: readonly string[]) => ds.getRepository(Report).findBy({ id: In([...ids]) }),
    (row) => row.id,
  ),
  agencyLinksByReport: loaderGroupedByKey(
    (ids: readonly string[]) =>
      ds.getRepository(ReportAgencyLink).find({
        where: { reportId: In([...ids]) },
        order: { role: "ASC", position: "ASC" },
      }),
    (row) => row.reportId,
  ),
  actionLineLinksByReport: loaderGroupedByKey(
    (ids: readonly string[]) =>
      ds.getRepository(ReportActionLine).find({ where: { reportId: In([...ids]) }, order: { position: "ASC" } }),
    (row) => row.reportId,
  ),
  indicatorLinksByReport: loaderGroupedByKey(
    (ids: readonly string[]) =>
      ds.getRepository(ReportIndicator).find({ where: { reportId: In([...ids]) }, order: { position: "ASC" } }),
    (row) => row.reportId,
  ),
  eventLinksByReport: loaderGroupedByKey(
    (ids: readonly string[]) =>
      ds
        .getRepository(ReportEventLink)
        .find({ where: { reportId: In([...ids]) }, order: { role: "ASC", eventId: "ASC" } }),
    (row) => row.reportId,
  ),
  documentsByReport: loaderGroupedByKey(
    (ids: readonly string[]) =>
      ds.getRepository(ReportDocument).find({ where: { reportId: In([...ids]) }, order: { position: "ASC" } }),
    (row) => row.reportId,
  ),
  decisionsByReport: loaderGroupedByKey(
    (ids: readonly string[]) =>
      ds.getRepository(ReportDecision).find({ where: { reportId: In([...ids]) }, order: { position: "ASC" } }),
    (row) => row.reportId,
  ),
  statusHistoryByReport: loaderGroupedByKey(
    (ids: readonly string[]) =>
      ds.getRepository(ReportStatusChange).find({ where: { reportId: In([...ids]) }, order: { at: "ASC", id: "ASC" } }),
    (row) => row.reportId,
  ),
  reportsByActionLine: loaderGroupedByKey(
    (codes: readonly string[]) => reportsThrough(ds, ReportActionLine, "actionLineCode", codes),
    (row) => row.key,
  ),
  reportsByAgency: loaderGroupedByKey(
    (ids: readonly string[]) => reportsThrough(ds, ReportAgencyLink, "agencyId", ids),
    (row) => row.key,
  ),
  reportsByEvent: loaderGroupedByKey(
    (ids: readonly string[]) => reportsThrough(ds, ReportEventLink, "eventId", ids),
    (row) => row.key,
  ),
  reportsByIndicator: loaderGroupedByKey(
    (codes: readonly string[]) => reportsThrough(ds, ReportIndicator, "indicatorCode", codes),
    (row) => row.key,
  ),
  reportsByEconomy: loaderGroupedByKey(
    (codes: readonly string[]) =>
      ds.getRepository(Report).find({ where: { economyCode: In([...codes]) }, order: { sortOrder: "ASC", id: "ASC" } }),
    (row) => row.economyCode ?? "",
  ),
});
