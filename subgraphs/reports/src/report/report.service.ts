import { BadUserInputError, NotFoundError, type Caller } from "@wsis/shared";
import type { DataSource, SelectQueryBuilder } from "typeorm";
import { checkCode } from "../codes";
import { authenticate, authorizeTransition, type TransitionAuthorizer } from "./report.authorization";
import {
  checkPageSize,
  decodeCursor,
  encodeCursor,
  ReportConnection,
  ReportPageInfo,
  type ReportFilter,
} from "./report.connection";
import type { ReportStatus } from "./report.enums";
import { Report } from "./report.entity";
import { assertTransition, stampsOf } from "./report.workflow";

export const MAX_NOTE_LENGTH = 2000;

export interface ReportServiceOptions {
  /** Who may make a transition; the default needs an authenticated caller (see report.authorization.ts). */
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
   * UTC day of the transaction). A history row records from, to, when, by whom and why. A refusal writes nothing.
   */
  async transition(caller: Caller | null, id: string, to: ReportStatus, note?: string | null): Promise<Report> {
    authenticate(caller); // before any statement: an anonymous request learns nothing and costs nothing
    const reportId = checkCode("report", id, "id");
    const why = checkNote(note);
    return this.ds.transaction(async (m) => {
      const report = await m.getRepository(Report).findOne({ where: { id: reportId }, lock: { mode: "pessimistic_write" } });
      if (!report) throw new NotFoundError(`No report has the id "${reportId}"`, { id: reportId });
      const who = this.authorize(caller, report, to);
      assertTransition(report.status, to);
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
      return m.getRepository(Report).findOneByOrFail({ id: reportId });
    });
  }
}

function checkNote(note: string | null | undefined): string | null {
  if (note == null) return null;
  const trimmed = note.trim();
  if (trimmed.length > MAX_NOTE_LENGTH) {
    throw new BadUserInputError(`Argument "note" has ${trimmed.length} characters; at most ${MAX_NOTE_LENGTH} are allowed`, "note");
  }
  return trimmed.length > 0 ? trimmed : null;
}
