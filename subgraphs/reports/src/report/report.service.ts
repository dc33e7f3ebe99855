import {
  BadUserInputError,
  ErrorCode,
  ForbiddenError,
  forbiddenControlCharacter,
  isAdmin,
  PublicError,
  NotFoundError,
  Problems,
  recordAudit,
  requireScope,
  textProblem,
  type Caller,
  type TextRule,
} from "@wsis/shared";
import type { DataSource, EntityManager, SelectQueryBuilder } from "typeorm";
import { checkCode, checkKnownCode, codeProblem, requireKnownCode } from "../codes";
import { knownCodes, type KnownKind } from "../known";
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

/** A title is one line; a note may have several. No other control character in either. */
const TITLE: TextRule = { max: MAX_TITLE_LENGTH };
const NOTE: TextRule = { max: MAX_NOTE_LENGTH, multiline: true };

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
    // A series is this subgraph's own: its existence is only worth a statement when nothing matched.
    if (rows.length === 0 && filter?.series != null) await this.requireSeries(checkCode("series", filter.series, "filter.series"));

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

  /**
   * Checks the filter's codes now, without a statement (BAD_USER_INPUT naming the field when malformed or unknown to
   * their owner), in their stored spelling, and returns how to apply it to a query.
   */
  private conditions(filter: ReportFilter): (qb: SelectQueryBuilder<Report>) => void {
    const known = (kind: KnownKind, value: string | null | undefined, field: string) =>
      value == null ? null : requireKnownCode(kind, value, `filter.${field}`);
    const agency = known("agency", filter.agency, "agency");
    const actionLine = known("actionLine", filter.actionLine, "actionLine");
    const economy = known("economy", filter.economy, "economy");
    const event = known("event", filter.event, "event");
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

  /** BAD_USER_INPUT naming filter.series when the catalogue has no such series. */
  private async requireSeries(id: string): Promise<void> {
    const [found] = await this.ds.query(`SELECT 1 FROM report_series WHERE id = $1`, [id]);
    if (!found) throw new BadUserInputError(`Argument "filter.series" names an unknown series id ${JSON.stringify(id)}`, "filter.series");
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

const EMPTY_HINT = "leave it out, or pass null";

/**
 * The problem with an optional text: null and a field left out are fine; an empty or blank string is refused rather
 * than taken for null; so are control characters and an excess of length.
 */
function optionalTextProblem(value: string | null | undefined, field: string, rule: TextRule): string | null {
  if (value == null) return null;
  const problem = textProblem(value, field, rule);
  return problem && value.trim() === "" && !forbiddenControlCharacter(value, rule) ? `${problem}; ${EMPTY_HINT}` : problem;
}

/**
 * Every check of a new report that needs no database, all problems at once; codes of other subgraphs are checked
 * against data/known-codes.json and returned as their owners spell them.
 */
function checkCreate(input: CreateReportInput, who: Caller): CheckedReport {
  const problems = new Problems();
  const add = (field: string, message: string | null) => problems.add(`input.${field}`, message);
  const text = (value: string | null | undefined) => (value == null ? null : value.trim());

  add("id", codeProblem("report", input.id, "input.id"));
  const id = input.id.trim().toLowerCase();
  add("title", textProblem(input.title, "input.title", TITLE));
  const title = input.title.trim();
  const stakeholderGroup = input.stakeholderGroup ?? null;
  if (input.kind === ReportKind.STAKEHOLDER_REPORT && !stakeholderGroup) add("stakeholderGroup", `Argument "input.stakeholderGroup" is required for a STAKEHOLDER_REPORT`);
  if (input.kind !== ReportKind.STAKEHOLDER_REPORT && stakeholderGroup) add("stakeholderGroup", `Argument "input.stakeholderGroup" is only for a STAKEHOLDER_REPORT`);

  let economy: string | null = null;
  if (input.economy != null) {
    const checked = input.economy.trim() === "" ? { code: null, problem: `Argument "input.economy" is empty; ${EMPTY_HINT}` } : checkKnownCode("economy", input.economy, "input.economy");
    add("economy", checked.problem);
    economy = checked.code;
  }
  if (input.kind === ReportKind.NATIONAL_REVIEW && input.economy == null) add("economy", `Argument "input.economy" is required for a NATIONAL_REVIEW`);

  const dueDate = text(input.dueDate);
  if (input.dueDate != null) {
    let valid = !forbiddenControlCharacter(input.dueDate) && PARTIAL_DATE.test(dueDate!);
    try {
      if (valid) ReportDate.parse(dueDate);
    } catch {
      valid = false;
    }
    if (dueDate === "") add("dueDate", `Argument "input.dueDate" is empty; ${EMPTY_HINT}`);
    else if (!valid) add("dueDate", `Argument "input.dueDate" has an invalid value ${JSON.stringify(input.dueDate)}; expected a date yyyy, yyyy-mm or yyyy-mm-dd`);
  }
  add("note", optionalTextProblem(input.note, "input.note", NOTE));
  const note = text(input.note);

  const list = (field: string, kind: KnownKind, values: readonly string[] | null | undefined): string[] => {
    const items = values ?? [];
    if (items.length > MAX_LINKS) add(field, `Argument "input.${field}" has ${items.length} items; at most ${MAX_LINKS} are allowed`);
    const codes = items.map((v, i) => {
      const checked = checkKnownCode(kind, v, `input.${field}[${i}]`);
      add(field, checked.problem);
      return checked.code ?? v.trim();
    });
    const repeated = codes.filter((v, i) => codes.indexOf(v) !== i);
    if (repeated.length) add(field, `Argument "input.${field}" names ${[...new Set(repeated)].map((v) => JSON.stringify(v)).join(", ")} more than once`);
    return codes;
  };
  const coordinators = list("coordinators", "agency", input.coordinators ?? (isAdmin(who) ? [] : [who.agency]));
  if (coordinators.length === 0) add("coordinators", `Argument "input.coordinators" is empty; a report has at least one coordinating agency`);
  const authors = list("authors", "agency", input.authors);
  const lines = list("actionLines", "actionLine", input.actionLines);
  const indicators = list("indicators", "indicator", input.indicators);

  problems.throwIfAny();
  if (!isAdmin(who) && !coordinators.includes(who.agency)) {
    throw new ForbiddenError(`${who.agency} may only create reports it coordinates: include "${who.agency}" in input.coordinators`);
  }
  return { id, title, kind: input.kind, stakeholderGroup, economy, dueDate, note, coordinators, authors, actionLines: lines, indicators };
}

/** The note of a transition: optional (null: none), multi-line, never empty. */
function checkNote(note: string | null | undefined): string | null {
  const problem = optionalTextProblem(note, "note", NOTE);
  if (problem) throw new BadUserInputError(problem, "note");
  return note == null ? null : note.trim();
}
