import { parsePartialDate, partialDateProblem, textProblem, type TextRule } from "@wsis/shared";
import { checkKnownCode } from "../known/codes";
import type { KnownKind } from "../known/known-codes";
import { urlProblem } from "../writes/url";
import { StakeholderType } from "./entry.enums";

/** The checks of an entry's fields that need no database, shared by a submission and each row of an import. */

export const RULES = {
  title: { max: 300 },
  description: { max: 10_000, multiline: true },
  organisation: { max: 300 },
  reason: { max: 2000, multiline: true },
} satisfies Record<string, TextRule>;

/** How many codes an entry may name of each kind. */
export const LIMITS = {
  actionLines: { min: 1, max: 19 },
  economies: { min: 0, max: 100 },
  sdgGoals: { min: 0, max: 17 },
};

/** An entry's fields as given (a submission's input, or a CSV row split into lists). */
export interface RawEntry {
  title: string;
  description: string;
  organisation: string;
  stakeholderType: string;
  actionLines: readonly string[];
  economies: readonly string[];
  sdgGoals: readonly string[];
  start: string | null;
  end: string | null;
  url: string | null;
}

/** An entry's checked fields, codes in their owners' spelling. */
export interface EntryFields {
  title: string;
  description: string;
  organisation: string;
  stakeholderType: StakeholderType;
  actionLines: string[];
  economies: string[];
  sdgGoals: string[];
  startDate: string | null;
  endDate: string | null;
  url: string | null;
}

/** Where the fields are named: `input.title` for a submission, the CSV column (`action_lines`) for an import. */
export type FieldNames = Record<keyof RawEntry, string>;

export const INPUT_NAMES: FieldNames = {
  title: "input.title",
  description: "input.description",
  organisation: "input.organisation",
  stakeholderType: "input.stakeholderType",
  actionLines: "input.actionLines",
  economies: "input.economies",
  sdgGoals: "input.sdgGoals",
  start: "input.start",
  end: "input.end",
  url: "input.url",
};

function codes(
  kind: KnownKind,
  values: readonly string[],
  name: string,
  limits: { min: number; max: number },
  report: (n: string, m: string) => void,
): string[] {
  if (values.length < limits.min || values.length > limits.max) {
    report(name, `Argument "${name}" has ${values.length} codes; ${limits.min} to ${limits.max} are allowed`);
    return [];
  }
  const checked = values.map((v) => checkKnownCode(kind, v, name));
  const problems = checked.flatMap((c) => (c.problem === null ? [] : [c.problem]));
  if (problems.length) report(name, problems.join("; "));
  const found = checked.flatMap((c) => (c.code === null ? [] : [c.code]));
  const twice = found.filter((c, i) => found.indexOf(c) !== i);
  if (twice.length) report(name, `Argument "${name}" names ${[...new Set(twice)].join(", ")} more than once`);
  return found;
}

/** The stakeholder type of a CSV cell: the enum's value in any case, with spaces or hyphens for underscores. */
export function stakeholderTypeOf(value: string): StakeholderType | null {
  const normal = value
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_");
  return (Object.values(StakeholderType) as string[]).includes(normal) ? (normal as StakeholderType) : null;
}

/**
 * Checks an entry's fields: every problem is reported (`report(field, message)`), and the checked fields are returned
 * when there was none. No statement is sent: codes are checked against data/known-codes.json.
 */
export function checkEntry(
  raw: RawEntry,
  names: FieldNames,
  report: (name: string, message: string) => void,
): EntryFields | null {
  let failed = false;
  const problem = (name: string, message: string | null) => {
    if (message === null) return;
    failed = true;
    report(name, message);
  };
  problem(names.title, textProblem(raw.title, names.title, RULES.title));
  problem(names.description, textProblem(raw.description, names.description, RULES.description));
  problem(names.organisation, textProblem(raw.organisation, names.organisation, RULES.organisation));
  const stakeholderType = stakeholderTypeOf(raw.stakeholderType);
  if (!stakeholderType) {
    problem(
      names.stakeholderType,
      `Argument "${names.stakeholderType}" has an invalid value ${JSON.stringify(raw.stakeholderType)}; expected one of ${Object.values(StakeholderType).join(", ")}`,
    );
  }
  const list = (kind: KnownKind, key: "actionLines" | "economies" | "sdgGoals") =>
    codes(kind, raw[key], names[key], LIMITS[key], problem);
  const actionLines = list("actionLine", "actionLines");
  const economies = list("economy", "economies");
  const sdgGoals = list("sdgGoal", "sdgGoals");
  const date = (key: "start" | "end") => {
    const value = raw[key];
    if (value == null) return null;
    const message = partialDateProblem(value, names[key], "2021-03");
    problem(names[key], message);
    return message ? null : parsePartialDate(value.trim());
  };
  const start = date("start");
  const end = date("end");
  if (raw.end != null && raw.start == null)
    problem(names.end, `Argument "${names.end}" is given without "${names.start}"`);
  if (start && end && end.lastDay < start.firstDay)
    problem(names.end, `Argument "${names.end}" (${end.value}) is before "${names.start}" (${start.value})`);
  problem(names.url, urlProblem(raw.url, names.url));
  if (failed || !stakeholderType) return null;
  return {
    title: raw.title.trim(),
    description: raw.description.trim(),
    organisation: raw.organisation.trim(),
    stakeholderType,
    actionLines,
    economies,
    sdgGoals,
    startDate: start?.value ?? null,
    endDate: end?.value ?? null,
    url: raw.url == null ? null : raw.url.trim(),
  };
}
