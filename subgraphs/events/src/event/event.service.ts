import { BadUserInputError } from "@wsis/shared";
import { DatePrecision, firstDayOf, lastDayOf, parsePartialDate } from "../dates";
import { codeProblem } from "../codes";
import type { Context } from "../loaders";
import type { EventFilter } from "./event-filter.input";
import type { EventCriteria, EventPosition } from "./event.loaders";

export const MIN_YEAR = 1000;
export const MAX_YEAR = 9999;
export const MAX_PAGE_SIZE = 100;

/** Collects every problem of a request's arguments, then reports them in one BAD_USER_INPUT error. */
class Problems {
  private readonly items: Array<{ argumentName: string; message: string }> = [];

  add(argumentName: string, message: string | null): void {
    if (message) this.items.push({ argumentName, message });
  }

  throwIfAny(): void {
    if (this.items.length === 0) return;
    throw new BadUserInputError(this.items.map((p) => p.message).join("; "), this.items[0].argumentName, {
      invalidArguments: this.items.map((p) => p.argumentName),
    });
  }
}

function yearProblem(year: number, argumentName: string): string | null {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR
    ? null
    : `Argument "${argumentName}" has an invalid value ${year}; expected a year between ${MIN_YEAR} and ${MAX_YEAR}`;
}

const later = (a: string | undefined, b: string) => (a === undefined || b > a ? b : a);
const earlier = (a: string | undefined, b: string) => (a === undefined || b < a ? b : a);

/**
 * Checks a filter and turns it into criteria. Malformed values (a code of the wrong shape, an impossible date, a year
 * out of range) and unknown codes (an agency, action line or track the hub has no record of) are all reported, at
 * once, as BAD_USER_INPUT naming each argument; so is `from` after `to`.
 */
export async function criteriaFromFilter(filter: EventFilter | null | undefined, ctx: Context, name = "filter"): Promise<EventCriteria> {
  const criteria: EventCriteria = {};
  if (!filter) return criteria;
  const problems = new Problems();
  const arg = (field: string) => `${name}.${field}`;

  if (filter.kind) criteria.kind = filter.kind;
  if (filter.year !== null && filter.year !== undefined) {
    const problem = yearProblem(filter.year, arg("year"));
    problems.add(arg("year"), problem);
    if (!problem) {
      criteria.fromDay = `${filter.year}-01-01`;
      criteria.toDay = `${filter.year}-12-31`;
    }
  }
  const dates: { from?: string; to?: string } = {};
  for (const field of ["from", "to"] as const) {
    const value = filter[field];
    if (value === null || value === undefined) continue;
    const parsed = parsePartialDate(value.trim());
    if (!parsed) {
      problems.add(
        arg(field),
        `Argument "${arg(field)}" has an invalid value ${JSON.stringify(value)}; expected a date yyyy, yyyy-mm or yyyy-mm-dd, e.g. "2025-07-07"`,
      );
      continue;
    }
    dates[field] = field === "from" ? firstDayOf(parsed) : lastDayOf(parsed);
  }
  if (dates.from && dates.to && dates.from > dates.to) {
    problems.add(
      arg("from"),
      `Argument "${arg("from")}" (${filter.from}) is after "${arg("to")}" (${filter.to}); nothing can match`,
    );
  }
  if (dates.from) criteria.fromDay = later(criteria.fromDay, dates.from);
  if (dates.to) criteria.toDay = earlier(criteria.toDay, dates.to);

  const codes = [
    { field: "organiser", kind: "agency", value: filter.organiser, what: "agency id", set: (v: string) => (criteria.agencyId = v) },
    { field: "actionLine", kind: "actionLine", value: filter.actionLine, what: "action-line code", set: (v: string) => (criteria.actionLineCode = v) },
    { field: "track", kind: "track", value: filter.track, what: "roadmap track id", set: (v: string) => (criteria.trackId = v) },
  ] as const;
  const wellFormed = codes.filter((c) => {
    if (c.value === null || c.value === undefined) return false;
    const problem = codeProblem(c.kind, c.value, arg(c.field));
    problems.add(arg(c.field), problem);
    return !problem;
  });
  // Existence checks run together: one statement per kind of code at most, batched by the loaders.
  const known = await Promise.all(
    wellFormed.map(async (c) => {
      const value = (c.value as string).trim();
      const record =
        c.kind === "agency"
          ? await ctx.loaders.knownAgencyById.load(value)
          : c.kind === "actionLine"
            ? await ctx.loaders.knownActionLineByCode.load(value)
            : await ctx.loaders.trackById.load(value);
      return { c, value, known: record !== null };
    }),
  );
  for (const { c, value, known: isKnown } of known) {
    if (isKnown) c.set(value);
    else problems.add(arg(c.field), `Argument "${arg(c.field)}" names an unknown ${c.what} ${JSON.stringify(value)}`);
  }
  problems.throwIfAny();
  return criteria;
}

/** Checks the year range of `timeline`; defaults to the roadmap's years when open. */
export function timelineYears(fromYear: number | null | undefined, toYear: number | null | undefined): { from: number; to: number } {
  const problems = new Problems();
  const from = fromYear ?? MIN_YEAR;
  const to = toYear ?? MAX_YEAR;
  if (fromYear !== null && fromYear !== undefined) problems.add("fromYear", yearProblem(fromYear, "fromYear"));
  if (toYear !== null && toYear !== undefined) problems.add("toYear", yearProblem(toYear, "toYear"));
  if (from > to) problems.add("fromYear", `Argument "fromYear" (${from}) is after "toYear" (${to})`);
  problems.throwIfAny();
  return { from, to };
}

export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`Argument "first" has an invalid value ${first}; expected 1 to ${MAX_PAGE_SIZE}`, "first");
  }
  return first;
}

/** Opaque cursors: the position of an event in date order. */
export function encodeCursor(position: EventPosition): string {
  return Buffer.from(JSON.stringify([position.spanStart, position.sortOrder]), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): EventPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === "string" &&
      parsePartialDate(value[0])?.precision === DatePrecision.DAY &&
      Number.isInteger(value[1])
    ) {
      return { spanStart: value[0], sortOrder: value[1] as number };
    }
  } catch {
    // fall through
  }
  throw new BadUserInputError(`Argument "after" is not a cursor returned by this API`, "after");
}
