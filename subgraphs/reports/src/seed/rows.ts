import type { ReportAgencyRole, ReportEventRole, ReportKind, ReportStakeholderGroup } from "../report/report.enums";

/** The rows the seed writes, one interface per table. */

export interface SeriesRow {
  id: string;
  kind: ReportKind;
  position: number;
  title: string;
  catalogueText: string;
  quotes: string[];
  sourceId: string;
}
export interface ReportRow {
  id: string;
  seriesId: string;
  kind: ReportKind;
  sortOrder: number;
  title: string;
  stakeholderGroup: ReportStakeholderGroup | null;
  note: string | null;
  sourceId: string;
}
export interface AgencyLinkRow {
  reportId: string;
  role: ReportAgencyRole;
  agencyId: string;
  position: number;
  verified: boolean;
  quotes: string[];
  sourceId: string;
}
export interface ActionLineLinkRow {
  reportId: string;
  actionLineCode: string;
  position: number;
  sourceId: string;
}
export interface EventLinkRow {
  reportId: string;
  eventId: string;
  role: ReportEventRole;
  quotes: string[];
  sourceId: string;
}
export interface TemplateRow {
  id: string;
  position: number;
  title: string;
  preparedBy: string | null;
  draft: boolean;
  eventId: string | null;
  reportKinds: ReportKind[];
  seedText: string[];
  sourceId: string;
}
