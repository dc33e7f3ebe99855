import { BadUserInputError, cursorCodec } from "@wsis/shared";
import { Field, InputType, ObjectType } from "type-graphql";
import { ReportKind, ReportStakeholderGroup, ReportStatus } from "./report.enums";
import { Report } from "./report.entity";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@InputType({
  description:
    "Conditions a report must all meet. Codes are those of the owning subgraphs, case-insensitive; a malformed code, " +
    "or one its owner does not know, is BAD_USER_INPUT naming it and the argument; a known code that no report " +
    "references matches nothing.",
})
export class ReportFilter {
  @Field(() => ReportKind, { nullable: true })
  kind?: ReportKind | null;

  @Field(() => ReportStatus, { nullable: true })
  status?: ReportStatus | null;

  @Field(() => String, { nullable: true, description: 'An agency that coordinates or authors the report, e.g. "ITU"' })
  agency?: string | null;

  @Field(() => String, { nullable: true, description: 'An action line the report covers, e.g. "C5" or "C7.e-health" (that line itself, not its sub-lines)' })
  actionLine?: string | null;

  @Field(() => String, { nullable: true, description: 'The economy the report is about, e.g. "KEN" (or its M49 code, "404")' })
  economy?: string | null;

  @Field(() => String, { nullable: true, description: 'An event of the roadmap the report is linked to in any role, e.g. "wsis-forum-2022"' })
  event?: string | null;

  @Field(() => String, { nullable: true, description: 'A series (catalogue line), e.g. "wsis20-action-line-reviews"' })
  series?: string | null;

  @Field(() => ReportStakeholderGroup, { nullable: true })
  stakeholderGroup?: ReportStakeholderGroup | null;
}

@ObjectType({ description: "A report and the cursor to resume after it" })
export class ReportEdge {
  @Field({ description: "Opaque; pass as `after` to get the reports that follow" })
  cursor: string;

  @Field(() => Report)
  node: Report;
}

@ObjectType({ description: "Where a page of reports ends" })
export class ReportPageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the last edge; null for an empty page" })
  endCursor: string | null;
}

@ObjectType({ description: "A page of reports in catalogue order, with the number of reports matching the filter" })
export class ReportConnection {
  @Field(() => [ReportEdge])
  edges: ReportEdge[];

  @Field(() => ReportPageInfo)
  pageInfo: ReportPageInfo;

  /** Counts the matches when (and only when) a client asks for `totalCount`. */
  count: () => Promise<number>;
}

interface CursorPosition {
  sortOrder: number;
  id: string;
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

export function decodeCursor(cursor: string, argumentName: string): CursorPosition {
  const [sortOrder, id] = REPORT_CURSOR.decode(cursor, argumentName, "pass an endCursor or edge cursor as given");
  return { sortOrder, id };
}

export function checkPageSize(first: number, argumentName = "first"): number {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(
      `Argument "${argumentName}" must be between 0 and ${MAX_PAGE_SIZE}; got ${first}`,
      argumentName,
      { max: MAX_PAGE_SIZE },
    );
  }
  return first;
}
