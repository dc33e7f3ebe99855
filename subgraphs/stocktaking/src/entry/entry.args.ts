import {
  checkPageSize,
  connectionArgs,
  cursorCodec,
  PAGE_SIZE,
  PARTIAL_DATE_YEARS,
  Problems,
  textProblem,
} from "@wsis/shared";
import { ArgsType, Field, Int } from "type-graphql";
import { checkKnownCode } from "../known/codes";
import type { KnownKind } from "../known/known-codes";
import { StocktakingEntryFilter } from "./entry-filter.input";
import type { StocktakingEntry } from "./entry.entity";
import type { EntryCriteria } from "./entry.queries";

/** The read side's argument checks: the filter, pages and cursors of the entries, turned into criteria. */

/** The page size of `stocktakingEntries` and of the reverse lists: the shared rule (0 to 100, 20 by default). */
export const ENTRY_PAGE = PAGE_SIZE;

/** `stocktakingEntries(filter, first, after)`. */
export const EntriesArgs = connectionArgs(StocktakingEntryFilter, ENTRY_PAGE, {
  after: "The endCursor of the previous page",
});

/** `stocktakingStatistics(filter)`. */
@ArgsType()
export class StatisticsArgs {
  @Field(() => StocktakingEntryFilter, { nullable: true })
  filter?: StocktakingEntryFilter | null;
}

/** `first` of a reverse list (ActionLine.stocktakingEntries ...): newest first, at most 100. */
@ArgsType()
export class ReverseListArgs {
  @Field(() => Int, {
    defaultValue: ENTRY_PAGE.default,
    description: `How many entries, newest first (${ENTRY_PAGE.min} to ${ENTRY_PAGE.max})`,
  })
  first: number;
}

export const checkReverseFirst = (first: number) => checkPageSize(first, ENTRY_PAGE);

const TEXT = { max: 200 };

/**
 * Checks a filter and turns it into criteria: codes known to their owners (data/known-codes.json, no statement), a
 * year of four digits, search text without control characters. Every problem at once: BAD_USER_INPUT naming each.
 */
export function criteriaFromFilter(filter: StocktakingEntryFilter | null | undefined): EntryCriteria {
  const criteria: EntryCriteria = {};
  if (!filter) return criteria;
  const problems = new Problems();
  if (filter.text != null) {
    const problem = textProblem(filter.text, "filter.text", TEXT);
    problems.add("filter.text", problem);
    if (!problem) criteria.text = filter.text.trim();
  }
  const known = (kind: KnownKind, field: "actionLine" | "sdgGoal" | "economy", value: string | null | undefined) => {
    if (value == null) return undefined;
    const checked = checkKnownCode(kind, value, `filter.${field}`);
    problems.add(`filter.${field}`, checked.problem);
    return checked.code ?? undefined;
  };
  criteria.actionLine = known("actionLine", "actionLine", filter.actionLine);
  criteria.sdgGoal = known("sdgGoal", "sdgGoal", filter.sdgGoal);
  criteria.economy = known("economy", "economy", filter.economy);
  if (filter.year != null) {
    if (Number.isInteger(filter.year) && filter.year >= PARTIAL_DATE_YEARS.min && filter.year <= PARTIAL_DATE_YEARS.max)
      criteria.year = filter.year;
    else
      problems.add(
        "filter.year",
        `Argument "filter.year" has an invalid value ${filter.year}; expected a year of four digits`,
      );
  }
  if (filter.stakeholderType != null) criteria.stakeholderType = filter.stakeholderType;
  if (filter.status != null) criteria.status = filter.status;
  problems.throwIfAny();
  return criteria;
}

/** Opaque cursors: the id of the last entry of a page (newest first), validated on the way in. */
const ENTRY_CURSOR = cursorCodec("stocktaking", [{ kind: "bigint" }]);

export const entryCursor = (entry: Pick<StocktakingEntry, "id">): string => ENTRY_CURSOR.encode([String(entry.id)]);

export function decodeEntryCursor(cursor: string): string {
  return ENTRY_CURSOR.decode(cursor, "after", "pass the endCursor of the previous page (of the same filter)")[0];
}
