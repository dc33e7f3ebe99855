import { optionalTextProblem, parsePartialDate, partialDateProblem, Problems, type TextRule } from "@wsis/shared";
import { checkKnownCode, codeProblem } from "../known/codes";
import { idempotencyKeyProblem } from "../writes/idempotency";
import { urlProblem } from "../writes/url";
import type { AwardPrizeInput, SavePrizeCycleInput } from "./prize-write.input";

/** The checks of the prize writes' input that need no database: every problem at once, naming each field. */

const TEXT = {
  title: { max: 200 },
  label: { max: 200 },
  place: { max: 300 },
  note: { max: 2000, multiline: true },
} satisfies Record<string, TextRule>;
const MAX_PHASES = 20;
const MAX_FIGURES = 50;

export interface CheckedPhase {
  phase: string;
  label: string;
  startDate: string | null;
  endDate: string | null;
  eventId: string | null;
  place: string | null;
}

const trimmed = (value: string | null | undefined) => (value == null ? null : value.trim());

export function checkCycle(input: SavePrizeCycleInput): { title: string; note: string | null; phases: CheckedPhase[] } {
  const problems = new Problems();
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 9999) {
    problems.add("input.year", `Argument "input.year" has an invalid value ${input.year}; expected 2000 to 9999`);
  }
  problems.add("input.title", optionalTextProblem(input.title, "input.title", TEXT.title));
  problems.add("input.note", optionalTextProblem(input.note, "input.note", TEXT.note));
  if (input.phases.length > MAX_PHASES)
    problems.add("input.phases", `Argument "input.phases" has ${input.phases.length} phases; at most ${MAX_PHASES}`);
  if (input.figures.length > MAX_FIGURES)
    problems.add(
      "input.figures",
      `Argument "input.figures" has ${input.figures.length} figures; at most ${MAX_FIGURES}`,
    );
  const phases = input.phases.map((p, i) => {
    const name = (field: string) => `input.phases[${i}].${field}`;
    problems.add(name("label"), optionalTextProblem(p.label, name("label"), TEXT.label));
    problems.add(name("place"), optionalTextProblem(p.place, name("place"), TEXT.place));
    const date = (field: "start" | "end") => {
      const value = p[field];
      if (value == null) return null;
      const problem = partialDateProblem(value, name(field));
      problems.add(name(field), problem);
      return problem ? null : parsePartialDate(value.trim());
    };
    const start = date("start");
    const end = date("end");
    if (p.end != null && p.start == null)
      problems.add(name("end"), `Argument "${name("end")}" is given without "${name("start")}"`);
    if (start && end && end.lastDay < start.firstDay)
      problems.add(name("end"), `Argument "${name("end")}" is before "${name("start")}"`);
    let eventId: string | null = null;
    if (p.event != null) {
      const checked = checkKnownCode("event", p.event, name("event"));
      problems.add(name("event"), checked.problem);
      eventId = checked.code;
    }
    return {
      phase: p.phase,
      label: trimmed(p.label) ?? p.phase.toLowerCase().replace(/_/g, " "),
      startDate: start?.value ?? null,
      endDate: end?.value ?? null,
      eventId,
      place: trimmed(p.place),
    };
  });
  input.figures.forEach((f, i) => {
    if (!Number.isInteger(f.value) || f.value < 0)
      problems.add(`input.figures[${i}].value`, `Argument "input.figures[${i}].value" must be 0 or more`);
  });
  problems.throwIfAny();
  return { title: trimmed(input.title) ?? `WSIS Prizes ${input.year}`, note: trimmed(input.note), phases };
}

export function checkAward(input: AwardPrizeInput): {
  category: string;
  entry: string;
  announcementUrl: string | null;
  note: string | null;
} {
  const problems = new Problems();
  if (!Number.isInteger(input.cycle) || input.cycle < 2000 || input.cycle > 9999)
    problems.add("input.cycle", `Argument "input.cycle" has an invalid value ${input.cycle}; expected a cycle's year`);
  const category = checkKnownCode("actionLine", input.category, "input.category");
  problems.add("input.category", category.problem);
  problems.add("input.entry", codeProblem("entry", input.entry, "input.entry"));
  problems.add("input.announcementUrl", urlProblem(input.announcementUrl, "input.announcementUrl"));
  problems.add("input.note", optionalTextProblem(input.note, "input.note", TEXT.note));
  problems.add("input.idempotencyKey", idempotencyKeyProblem(input.idempotencyKey, "input.idempotencyKey"));
  problems.throwIfAny();
  return {
    category: category.code!,
    entry: input.entry.trim(),
    announcementUrl: trimmed(input.announcementUrl),
    note: trimmed(input.note),
  };
}

export const REMOVAL_REASON = TEXT.note;
