import {
  auditedRecord,
  ensureSubmissionSource,
  ErrorCode,
  isAdmin,
  jsonList,
  NotFoundError,
  PublicError,
  requireScope,
  type Caller,
} from "@wsis/shared";
import type { DataSource, EntityManager } from "typeorm";
import { checkCode } from "../known/codes";
import { knownCodes } from "../known/known-codes";
import type { CreateReportInput } from "./report-write.input";
import { checkCreate, checkNote } from "./report-write.args";
import { authorizeScope, authorizeTransition, type TransitionAuthorizer } from "./report.authorization";
import { ReportAgencyRole, type ReportStatus } from "./report.enums";
import { Report } from "./report.entity";
import { assertTransition, stampsOf } from "./report.workflow";

export interface ReportServiceOptions {
  /** Who may make a transition; the default is the hub's rule (scope, and the coordinating agency: report.authorization.ts). */
  authorize?: TransitionAuthorizer;
}

/** The writes of reports: the workflow and new reports, each in one transaction with its audit entry. */
export class ReportService {
  private readonly authorize: TransitionAuthorizer;

  constructor(
    private readonly ds: DataSource,
    options: ReportServiceOptions = {},
  ) {
    this.authorize = options.authorize ?? authorizeTransition;
  }

  /**
   * Moves a report to `to`, if the caller may and the workflow allows, in one transaction: the report row is locked
   * (SELECT ... FOR UPDATE) so concurrent transitions of one report run one after the other, each checked against the
   * state the previous one left. Entering SUBMITTED stamps submittedDate, entering PUBLISHED stamps publishedDate (the
   * UTC day of the transaction). A history row records from, to, when, by whom and why, and the audit trail the report
   * before and after. A refusal writes nothing.
   */
  async transition(caller: Caller | null, id: string, to: ReportStatus, note?: string | null): Promise<Report> {
    // Before any statement: an anonymous caller, or one without the step's scope, learns nothing and costs nothing.
    authorizeScope(caller, to);
    const reportId = checkCode("report", id, "id");
    const why = checkNote(note);
    return this.ds.transaction(async (m) => {
      const report = await m
        .getRepository(Report)
        .findOne({ where: { id: reportId }, lock: { mode: "pessimistic_write" } });
      if (!report) throw new NotFoundError(`No report has the id "${reportId}"`, { id: reportId });
      const coordinators: Array<{ agency_id: string }> = await m.query(
        `SELECT agency_id FROM report_agency WHERE report_id = $1 AND role = 'COORDINATOR' ORDER BY position, agency_id`,
        [reportId],
      );
      const who = this.authorize(
        caller,
        report,
        to,
        coordinators.map((c) => c.agency_id),
      );
      assertTransition(report.status, to);
      const before = await REPORT_AUDIT.snapshot(m, reportId);
      const stamps = stampsOf(to);
      await m.query(
        `UPDATE report
            SET status = $2,
                submitted_date = CASE WHEN $3::boolean THEN to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD') ELSE submitted_date END,
                published_date = CASE WHEN $4::boolean THEN to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD') ELSE published_date END
          WHERE id = $1`,
        [reportId, to, stamps.submittedDate, stamps.publishedDate],
      );
      await m.query(
        `INSERT INTO report_status_change (report_id, from_status, to_status, at, by_agency, by_subject, note)
         VALUES ($1, $2, $3, now(), $4, $5, $6)`,
        [reportId, report.status, to, who.agency, who.subject, why],
      );
      await REPORT_AUDIT.recordChange(m, {
        operation: "transitionReport",
        id: reportId,
        before,
        caller: who,
        note: { note: why },
      });
      return m.getRepository(Report).findOneByOrFail({ id: reportId });
    });
  }

  /**
   * Adds a report to the catalogue, PLANNED, coordinated by the caller's agency (an admin names the coordinators),
   * attributed to the agency's submission, with an audit entry, in one transaction. Every invalid field is reported at
   * once (BAD_USER_INPUT naming each); an id in use is CONFLICT; a coordinator list without the caller's own agency is
   * FORBIDDEN. A refusal writes nothing.
   */
  async create(caller: Caller | null, input: CreateReportInput): Promise<Report> {
    const who = requireScope(caller, "reports:write", "Creating a report");
    const fields = checkCreate(input, who);
    return this.ds.transaction(async (m) => {
      const source = await submissionSource(m, who.agency);
      const inserted: unknown[] = await m.query(
        `INSERT INTO report (id, series_id, kind, sort_order, title, status, stakeholder_group, economy_code, due_date, note, source_id)
         SELECT $1, s.id, s.kind, nextval('report_created_sort_order_seq'), $3, 'PLANNED', $4, $5, $6, $7, $8
           FROM report_series s WHERE s.kind = $2
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [
          fields.id,
          fields.kind,
          fields.title,
          fields.stakeholderGroup,
          fields.economy,
          fields.dueDate,
          fields.note,
          source,
        ],
      );
      if (inserted.length === 0) {
        const [exists] = await m.query(`SELECT 1 FROM report WHERE id = $1`, [fields.id]);
        if (exists)
          throw new PublicError(`A report with the id "${fields.id}" exists already`, ErrorCode.CONFLICT, {
            argumentName: "input.id",
            id: fields.id,
          });
        throw new Error(`No catalogue series of kind ${fields.kind}`);
      }
      const agencies = [
        ...fields.coordinators.map((agency, i) => ({ agency, role: ReportAgencyRole.COORDINATOR, position: i + 1 })),
        ...fields.authors.map((agency, i) => ({ agency, role: ReportAgencyRole.AUTHOR, position: i + 1 })),
      ];
      for (const a of agencies) {
        // The agency's own listing (or an administrator's) is authoritative; agencies named by another are not verified.
        await m.query(
          `INSERT INTO report_agency (report_id, role, agency_id, position, verified, quotes, source_id) VALUES ($1, $2, $3, $4, $5, '{}', $6)`,
          [fields.id, a.role, a.agency, a.position, a.agency === who.agency || isAdmin(who), source],
        );
      }
      for (const [i, code] of fields.actionLines.entries()) {
        await m.query(
          `INSERT INTO report_action_line (report_id, action_line_code, position, source_id) VALUES ($1, $2, $3, $4)`,
          [fields.id, code, i + 1, source],
        );
      }
      for (const [i, code] of fields.indicators.entries()) {
        await m.query(
          `INSERT INTO report_indicator (report_id, indicator_code, position, source_id) VALUES ($1, $2, $3, $4)`,
          [fields.id, code, i + 1, source],
        );
      }
      await REPORT_AUDIT.recordChange(m, { operation: "createReport", id: fields.id, before: null, caller: who });
      return m.getRepository(Report).findOneByOrFail({ id: fields.id });
    });
  }
}

/** The source that what an agency enters is attributed to (made on first use, in the same transaction). */
function submissionSource(m: EntityManager, agency: string): Promise<string> {
  return ensureSubmissionSource(m, agency, { agencyName: knownCodes.name("agency", agency), auditField: "reports" });
}

/** The report with its links, as the audit trail keeps it. */
const REPORT_AUDIT = auditedRecord<Record<string, unknown>>(
  "Report",
  `SELECT r.id, r.title, r.kind, r.status, r.stakeholder_group AS "stakeholderGroup", r.economy_code AS "economyCode",
          r.due_date AS "dueDate", r.submitted_date AS "submittedDate", r.published_date AS "publishedDate", r.note,
          r.source_id AS "sourceId",
          ${jsonList("a.agency_id", "report_agency a", "a.report_id = r.id AND a.role = 'COORDINATOR'", "a.position, a.agency_id")} AS coordinators,
          ${jsonList("a.agency_id", "report_agency a", "a.report_id = r.id AND a.role = 'AUTHOR'", "a.position, a.agency_id")} AS authors,
          ${jsonList("l.action_line_code", "report_action_line l", "l.report_id = r.id", "l.position")} AS "actionLines",
          ${jsonList("i.indicator_code", "report_indicator i", "i.report_id = r.id", "i.position")} AS indicators
     FROM report r WHERE r.id = $1`,
);
