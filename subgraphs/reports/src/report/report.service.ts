import {
  BadUserInputError,
  ErrorCode,
  ForbiddenError,
  isAdmin,
  PublicError,
  NotFoundError,
  recordAudit,
  requireScope,
  type Caller,
} from "@wsis/shared";
import type { DataSource, EntityManager, SelectQueryBuilder } from "typeorm";
import { checkCode, CODE_FORMATS } from "../codes";
import { knownCodes } from "../known";
import { PARTIAL_DATE, ReportDate } from "./report-date";
import type { CreateReportInput } from "./report-write.input";
import { authorizeScope, authorizeTransition, type TransitionAuthorizer } from "./report.authorization";
import {
  checkPageSize,
  decodeCursor,
  encodeCursor,
  ReportConnection,
  ReportPageInfo,
  type ReportFilter,
} from "./report.connection";
import { ReportAgencyRole, ReportKind, type ReportStatus } from "./report.enums";
import { Report } from "./report.entity";
import { assertTransition, stampsOf } from "./report.workflow";

export const MAX_NOTE_LENGTH = 2000;
export const MAX_TITLE_LENGTH = 300;
export const MAX_LINKS = 30;

export interface ReportServiceOptions {
  /** Who may make a transition; the default is the hub's rule (scope, and the coordinating agency: report.authorization.ts). */
  authorize?: TransitionAuthorizer;
}

/** The rules of reports: the filtered catalogue and the workflow, each write in one transaction. */
export class ReportService {
  private readonly authorize: TransitionAuthorizer;

  constructor(
    private readonly ds: DataSource,
    options: ReportServiceOptions = {},
  ) {
    this.authorize = options.authorize ?? authorizeTransition;
  }

  /** A page of the reports matching `filter`, in catalogue order, resuming after the `after` cursor. */
  async list(filter: ReportFilter | null | undefined, first: number, after: string | null | undefined): Promise<ReportConnection> {
    const size = checkPageSize(first);
    const conditions = this.conditions(filter ?? {});
    const position = after ? decodeCursor(after, "after") : null;

    const page = this.ds.getRepository(Report).createQueryBuilder("r");
    conditions(page);
    if (position) {
      page.andWhere("(r.sortOrder, r.id) > (:afterSortOrder, :afterId)", {
        afterSortOrder: position.sortOrder,
        afterId: position.id,
      });
    }
    const rows = await page.orderBy("r.sortOrder", "ASC").addOrderBy("r.id", "ASC").limit(size + 1).getMany();

    const nodes = rows.slice(0, size);
    const connection = new ReportConnection();
    connection.edges = nodes.map((node) => ({ cursor: encodeCursor(node), node }));
    connection.pageInfo = Object.assign(new ReportPageInfo(), {
      hasNextPage: rows.length > size,
      endCursor: connection.edges.at(-1)?.cursor ?? null,
    });
    let total: Promise<number> | undefined;
    connection.count = () => {
      if (!total) {
        const counting = this.ds.getRepository(Report).createQueryBuilder("r");
        conditions(counting);
        total = counting.getCount();
      }
      return total;
    };
    return connection;
  }

  /** Checks the filter's codes now (BAD_USER_INPUT naming the field) and returns how to apply it to a query. */
  private conditions(filter: ReportFilter): (qb: SelectQueryBuilder<Report>) => void {
    const agency = filter.agency != null ? checkCode("agency", filter.agency, "filter.agency") : null;
    const actionLine = filter.actionLine != null ? checkCode("actionLine", filter.actionLine, "filter.actionLine") : null;
    const economy = filter.economy != null ? checkCode("economy", filter.economy, "filter.economy") : null;
    const event = filter.event != null ? checkCode("event", filter.event, "filter.event") : null;
    const series = filter.series != null ? checkCode("series", filter.series, "filter.series") : null;
    return (qb) => {
      qb.where("TRUE");
      if (filter.kind) qb.andWhere("r.kind = :kind", { kind: filter.kind });
      if (filter.status) qb.andWhere("r.status = :status", { status: filter.status });
      if (filter.stakeholderGroup) qb.andWhere("r.stakeholderGroup = :group", { group: filter.stakeholderGroup });
      if (series) qb.andWhere("r.seriesId = :series", { series });
      if (economy) qb.andWhere("r.economyCode = :economy", { economy });
      if (agency) {
        qb.andWhere("EXISTS (SELECT 1 FROM report_agency ra WHERE ra.report_id = r.id AND ra.agency_id = :agency)", { agency });
      }
      if (actionLine) {
        qb.andWhere(
          "EXISTS (SELECT 1 FROM report_action_line ral WHERE ral.report_id = r.id AND ral.action_line_code = :actionLine)",
          { actionLine },
        );
      }
      if (event) {
        qb.andWhere("EXISTS (SELECT 1 FROM report_event re WHERE re.report_id = r.id AND re.event_id = :event)", { event });
      }
    };
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
      const report = await m.getRepository(Report).findOne({ where: { id: reportId }, lock: { mode: "pessimistic_write" } });
      if (!report) throw new NotFoundError(`No report has the id "${reportId}"`, { id: reportId });
      const coordinators: Array<{ agency_id: string }> = await m.query(
        `SELECT agency_id FROM report_agency WHERE report_id = $1 AND role = 'COORDINATOR' ORDER BY position, agency_id`,
        [reportId],
      );
      const who = this.authorize(caller, report, to, coordinators.map((c) => c.agency_id));
      assertTransition(report.status, to);
      const before = await snapshot(m, reportId);
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
      const after = await snapshot(m, reportId);
      await recordAudit(m, { operation: "transitionReport", entityType: "Report", entityId: reportId, before, after: { ...after, note: why }, caller: who });
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
        [fields.id, fields.kind, fields.title, fields.stakeholderGroup, fields.economy, fields.dueDate, fields.note, source],
      );
      if (inserted.length === 0) {
        const [exists] = await m.query(`SELECT 1 FROM report WHERE id = $1`, [fields.id]);
        if (exists) throw new PublicError(`A report with the id "${fields.id}" exists already`, ErrorCode.CONFLICT, { argumentName: "input.id", id: fields.id });
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
        await m.query(`INSERT INTO report_action_line (report_id, action_line_code, position, source_id) VALUES ($1, $2, $3, $4)`, [fields.id, code, i + 1, source]);
      }
      for (const [i, code] of fields.indicators.entries()) {
        await m.query(`INSERT INTO report_indicator (report_id, indicator_code, position, source_id) VALUES ($1, $2, $3, $4)`, [fields.id, code, i + 1, source]);
      }
      const after = await snapshot(m, fields.id);
      await recordAudit(m, { operation: "createReport", entityType: "Report", entityId: fields.id, before: null, after, caller: who });
      return m.getRepository(Report).findOneByOrFail({ id: fields.id });
    });
  }
}

/** The submission source of an agency: what an agency enters through the hub is attributed to it. */
export function submissionSourceId(agency: string): string {
  return `hub-submission-${agency.toLowerCase()}`;
}

async function submissionSource(m: EntityManager, agency: string): Promise<string> {
  const id = submissionSourceId(agency);
  const known = knownCodes.name("agency", agency);
  await m.query(
    `INSERT INTO source (id, title, publisher, url, licence, note) VALUES ($1, $2, $3, NULL, 'none declared', $4)
     ON CONFLICT (id) DO NOTHING`,
    [
      id,
      `Submitted to the WSIS Hub by ${known ? `${known} (${agency})` : agency}`,
      known ?? agency,
      "Entered through the hub's publishing API by an authenticated user of the agency; who and when are in the audit log (auditLog.reports)",
    ],
  );
  return id;
}

/** The report with its links, as the audit trail keeps it. */
async function snapshot(m: EntityManager, id: string): Promise<Record<string, unknown>> {
  const [row] = await m.query(
    `SELECT r.id, r.title, r.kind, r.status, r.stakeholder_group AS "stakeholderGroup", r.economy_code AS "economyCode",
            r.due_date AS "dueDate", r.submitted_date AS "submittedDate", r.published_date AS "publishedDate", r.note,
            r.source_id AS "sourceId",
            COALESCE((SELECT json_agg(a.agency_id ORDER BY a.position, a.agency_id) FROM report_agency a
                       WHERE a.report_id = r.id AND a.role = 'COORDINATOR'), '[]') AS coordinators,
            COALESCE((SELECT json_agg(a.agency_id ORDER BY a.position, a.agency_id) FROM report_agency a
                       WHERE a.report_id = r.id AND a.role = 'AUTHOR'), '[]') AS authors,
            COALESCE((SELECT json_agg(l.action_line_code ORDER BY l.position) FROM report_action_line l WHERE l.report_id = r.id), '[]') AS "actionLines",
            COALESCE((SELECT json_agg(i.indicator_code ORDER BY i.position) FROM report_indicator i WHERE i.report_id = r.id), '[]') AS indicators
       FROM report r WHERE r.id = $1`,
    [id],
  );
  return row as Record<string, unknown>;
}

interface CheckedReport {
  id: string;
  title: string;
  kind: ReportKind;
  stakeholderGroup: string | null;
  economy: string | null;
  dueDate: string | null;
  note: string | null;
  coordinators: string[];
  authors: string[];
  actionLines: string[];
  indicators: string[];
}

/** Every check of a new report that needs no database, all problems at once. */
function checkCreate(input: CreateReportInput, who: Caller): CheckedReport {
  const problems: Array<{ field: string; message: string }> = [];
  const add = (field: string, message: string) => problems.push({ field: `input.${field}`, message });
  const text = (value: string | null | undefined) => (value == null || value.trim() === "" ? null : value.trim());

  const id = input.id.trim();
  if (!CODE_FORMATS.report.pattern.test(id)) add("id", `Argument "input.id" has an invalid value ${JSON.stringify(input.id)}; expected a slug such as "${CODE_FORMATS.report.example}"`);
  const title = input.title.trim();
  if (title === "" || title.length > MAX_TITLE_LENGTH) add("title", `Argument "input.title" must have 1 to ${MAX_TITLE_LENGTH} characters`);
  const stakeholderGroup = input.stakeholderGroup ?? null;
  if (input.kind === ReportKind.STAKEHOLDER_REPORT && !stakeholderGroup) add("stakeholderGroup", `Argument "input.stakeholderGroup" is required for a STAKEHOLDER_REPORT`);
  if (input.kind !== ReportKind.STAKEHOLDER_REPORT && stakeholderGroup) add("stakeholderGroup", `Argument "input.stakeholderGroup" is only for a STAKEHOLDER_REPORT`);
  const economy = text(input.economy);
  if (economy !== null && !CODE_FORMATS.economy.pattern.test(economy)) {
    add("economy", `Argument "input.economy" has an invalid value ${JSON.stringify(input.economy)}; expected a code such as "${CODE_FORMATS.economy.example}"`);
  }
  if (input.kind === ReportKind.NATIONAL_REVIEW && economy === null) add("economy", `Argument "input.economy" is required for a NATIONAL_REVIEW`);
  const dueDate = text(input.dueDate);
  if (dueDate !== null) {
    let valid = PARTIAL_DATE.test(dueDate);
    try {
      if (valid) ReportDate.parse(dueDate);
    } catch {
      valid = false;
    }
    if (!valid) add("dueDate", `Argument "input.dueDate" has an invalid value ${JSON.stringify(input.dueDate)}; expected a date yyyy, yyyy-mm or yyyy-mm-dd`);
  }
  const note = text(input.note);
  if (note !== null && note.length > MAX_NOTE_LENGTH) add("note", `Argument "input.note" has ${note.length} characters; at most ${MAX_NOTE_LENGTH} are allowed`);

  const agencies = new Set(knownCodes.codes("agency"));
  const actionLines = new Set(knownCodes.codes("actionLine"));
  const list = (field: string, values: string[] | null | undefined, check: (v: string) => string | null): string[] => {
    const items = (values ?? []).map((v) => v.trim());
    if (items.length > MAX_LINKS) add(field, `Argument "input.${field}" has ${items.length} items; at most ${MAX_LINKS} are allowed`);
    const repeated = items.filter((v, i) => items.indexOf(v) !== i);
    if (repeated.length) add(field, `Argument "input.${field}" names ${[...new Set(repeated)].map((v) => JSON.stringify(v)).join(", ")} more than once`);
    const bad = items.map(check).filter((m): m is string => m !== null);
    if (bad.length) add(field, `Argument "input.${field}": ${bad.join("; ")}`);
    return items;
  };
  const agencyCheck = (v: string) => (agencies.has(v) ? null : `unknown agency id ${JSON.stringify(v)}`);
  const coordinators = list("coordinators", input.coordinators ?? (isAdmin(who) ? [] : [who.agency]), agencyCheck);
  if (coordinators.length === 0) add("coordinators", `Argument "input.coordinators" is empty; a report has at least one coordinating agency`);
  const authors = list("authors", input.authors, agencyCheck);
  const lines = list("actionLines", input.actionLines, (v) => (actionLines.has(v) ? null : `unknown action-line code ${JSON.stringify(v)}`));
  const indicators = list("indicators", input.indicators, (v) => (CODE_FORMATS.indicator.pattern.test(v) ? null : `malformed indicator code ${JSON.stringify(v)}`));

  if (problems.length) {
    throw new BadUserInputError(problems.map((p) => p.message).join("; "), problems[0].field, { invalidArguments: [...new Set(problems.map((p) => p.field))] });
  }
  if (!isAdmin(who) && !coordinators.includes(who.agency)) {
    throw new ForbiddenError(`${who.agency} may only create reports it coordinates: include "${who.agency}" in input.coordinators`);
  }
  return { id, title, kind: input.kind, stakeholderGroup, economy, dueDate, note, coordinators, authors, actionLines: lines, indicators };
}

function checkNote(note: string | null | undefined): string | null {
  if (note == null) return null;
  const trimmed = note.trim();
  if (trimmed.length > MAX_NOTE_LENGTH) {
    throw new BadUserInputError(`Argument "note" has ${trimmed.length} characters; at most ${MAX_NOTE_LENGTH} are allowed`, "note");
  }
  return trimmed.length > 0 ? trimmed : null;
}
