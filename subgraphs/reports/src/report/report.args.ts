import { connectionArgs, cursorCodec, PAGE_SIZE } from "@wsis/shared";
import { checkCode, requireKnownCode } from "../known/codes";
import type { KnownKind } from "../known/known-codes";
import { ReportFilter } from "./report-filter.input";
import type { Report } from "./report.entity";
import type { ReportCriteria, ReportPosition } from "./report.queries";

/** The read side's argument checks: the filter, the page and the cursor of `reports`. */

/** The page size of `reports`: the shared rule (0 to 100, 20 by default). */
export const REPORT_PAGE = PAGE_SIZE;

/** `reports(filter, first, after)`. */
export const ReportsArgs = connectionArgs(ReportFilter, REPORT_PAGE, {
  first: `How many reports (${REPORT_PAGE.min} to ${REPORT_PAGE.max})`,
  after: "An endCursor or edge cursor of a previous page",
});

/**
 * Checks the filter's codes without a statement (BAD_USER_INPUT naming the field when malformed or unknown to their
 * owner) and returns them in their stored spelling.
 */
export function criteriaFromFilter(filter: ReportFilter | null | undefined): ReportCriteria {
  const f = filter ?? {};
  const known = (kind: KnownKind, value: string | null | undefined, field: string) =>
    value == null ? null : requireKnownCode(kind, value, `filter.${field}`);
  return {
    kind: f.kind,
    status: f.status,
    stakeholderGroup: f.stakeholderGroup,
    agency: known("agency", f.agency, "agency"),
    actionLine: known("actionLine", f.actionLine, "actionLine"),
    economy: known("economy", f.economy, "economy"),
    event: known("event", f.event, "event"),
    series: f.series != null ? checkCode("series", f.series, "filter.series") : null,
  };
}

/**
 * Opaque cursors: the position of a report in catalogue order (its order, its id), validated on the way in: an order
 * PostgreSQL's integer refuses, or an id with a control character, never reaches SQL. (Cursors of the earlier, untagged
 * encoding are refused: page tokens are short-lived.)
 */
const REPORT_CURSOR = cursorCodec("reports", [{ kind: "int" }, { kind: "text", max: 100 }]);

export function encodeCursor(report: Pick<Report, "sortOrder" | "id">): string {
  return REPORT_CURSOR.encode([report.sortOrder, report.id]);
}

export function decodeCursor(cursor: string, argumentName: string): ReportPosition {
  const [sortOrder, id] = REPORT_CURSOR.decode(cursor, argumentName, "pass an endCursor or edge cursor as given");
  return { sortOrder, id };
}
