import { DatePrecision } from "@wsis/shared";
import { registerEnumType } from "type-graphql";

/** The kinds of report of the WSIS+20 reporting catalogue: one per line of the roadmap's list. */
export enum ReportKind {
  PROGRESS_REPORT = "PROGRESS_REPORT",
  ACTION_LINE_REVIEW = "ACTION_LINE_REVIEW",
  STAKEHOLDER_REPORT = "STAKEHOLDER_REPORT",
  NATIONAL_REVIEW = "NATIONAL_REVIEW",
  STOCKTAKING_REPORT = "STOCKTAKING_REPORT",
  STOCKTAKING_SUCCESS_STORIES = "STOCKTAKING_SUCCESS_STORIES",
  UNGIS_REVIEW = "UNGIS_REVIEW",
  CONTRIBUTIONS_2030_AGENDA = "CONTRIBUTIONS_2030_AGENDA",
  REVIEW_OUTCOME = "REVIEW_OUTCOME",
}

/** Where a report stands in its workflow (see report.workflow.ts for the allowed transitions). */
export enum ReportStatus {
  PLANNED = "PLANNED",
  DRAFTING = "DRAFTING",
  SUBMITTED = "SUBMITTED",
  PUBLISHED = "PUBLISHED",
  WITHDRAWN = "WITHDRAWN",
}

/** The non-governmental stakeholder groups the roadmap asks for reports from. */
export enum ReportStakeholderGroup {
  CIVIL_SOCIETY = "CIVIL_SOCIETY",
  PRIVATE_SECTOR = "PRIVATE_SECTOR",
  ACADEMIA = "ACADEMIA",
  TECHNICAL_COMMUNITY = "TECHNICAL_COMMUNITY",
}

/** What an agency does for a report. */
export enum ReportAgencyRole {
  COORDINATOR = "COORDINATOR",
  AUTHOR = "AUTHOR",
}

/** How a report relates to an event. */
export enum ReportEventRole {
  INITIAL_COORDINATION = "INITIAL_COORDINATION",
  PREPARED_TOWARDS = "PREPARED_TOWARDS",
  DUE = "DUE",
  PRESENTED = "PRESENTED",
  ADOPTED = "ADOPTED",
}

/** How much of a date is known: the values of the shared DatePrecision, under the name reports served first. */
export const ReportDatePrecision = {
  YEAR: DatePrecision.YEAR,
  MONTH: DatePrecision.MONTH,
  DAY: DatePrecision.DAY,
} as const;
export type ReportDatePrecision = DatePrecision;

registerEnumType(ReportKind, {
  name: "ReportKind",
  description:
    "The kind of a WSIS+20 report: one per line of the roadmap's reporting catalogue, and the review's outcome",
  valuesConfig: {
    PROGRESS_REPORT: { description: "WSIS+20 Progress Report (Quantitative Focus)" },
    ACTION_LINE_REVIEW: { description: "Review Reports by Action Line Facilitators (11 Action Lines)" },
    STAKEHOLDER_REPORT: {
      description: "WSIS+20 Reports by Civil Society, Private Sector, Academia and Technical Community",
    },
    NATIONAL_REVIEW: { description: "Self-evaluation National Review Reports" },
    STOCKTAKING_REPORT: { description: "WSIS+20 Stocktaking Report" },
    STOCKTAKING_SUCCESS_STORIES: { description: "WSIS+20 Stocktaking Success Stories" },
    UNGIS_REVIEW: { description: "UNGIS Review Report" },
    CONTRIBUTIONS_2030_AGENDA: { description: "Report on the Contributions to the 2030 Agenda" },
    REVIEW_OUTCOME: {
      description:
        "The outcome of the WSIS+20 review: the General Assembly's resolution (the roadmap's \"Submit the outcomes of the WSIS Review\")",
    },
  },
});
registerEnumType(ReportStatus, {
  name: "ReportStatus",
  description:
    "Workflow state: PLANNED → DRAFTING → SUBMITTED → PUBLISHED; SUBMITTED → DRAFTING (returned for revision); " +
    "PLANNED, DRAFTING or SUBMITTED → WITHDRAWN. PUBLISHED and WITHDRAWN are final.",
});
registerEnumType(ReportStakeholderGroup, {
  name: "ReportStakeholderGroup",
  description: "A stakeholder group named by the roadmap: civil society, private sector, academia, technical community",
});
registerEnumType(ReportAgencyRole, { name: "ReportAgencyRole", description: "What an agency does for a report" });
registerEnumType(ReportEventRole, {
  name: "ReportEventRole",
  description: "How a report relates to an event",
  valuesConfig: {
    INITIAL_COORDINATION: { description: "The report's initial coordination takes place at this event" },
    PREPARED_TOWARDS: {
      description: "The report is a preparatory step towards the review that this event concludes; not a due date",
    },
    DUE: { description: "The report is due at this event" },
    PRESENTED: { description: "The report was presented at this event" },
    ADOPTED: {
      description:
        "The document was adopted at this event (the General Assembly's resolution at its high-level meeting)",
    },
  },
});
registerEnumType(ReportDatePrecision, { name: "ReportDatePrecision", description: "How much of a date is known" });

export const REPORT_KINDS = Object.values(ReportKind);
export const REPORT_STATUSES = Object.values(ReportStatus);
