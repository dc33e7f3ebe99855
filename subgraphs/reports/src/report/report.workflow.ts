import { ErrorCode, PublicError } from "@wsis/shared";
import { ReportStatus } from "./report.enums";

const { PLANNED, DRAFTING, SUBMITTED, PUBLISHED, WITHDRAWN } = ReportStatus;

/**
 * The report workflow, as a table: from each state, the states a report may move to. Everything not listed is refused.
 * PLANNED → DRAFTING → SUBMITTED → PUBLISHED; SUBMITTED → DRAFTING (returned for revision); any non-final state →
 * WITHDRAWN. PUBLISHED and WITHDRAWN are final.
 */
export const TRANSITIONS: Readonly<Record<ReportStatus, readonly ReportStatus[]>> = Object.freeze({
  [PLANNED]: Object.freeze([DRAFTING, WITHDRAWN]),
  [DRAFTING]: Object.freeze([SUBMITTED, WITHDRAWN]),
  [SUBMITTED]: Object.freeze([PUBLISHED, DRAFTING, WITHDRAWN]),
  [PUBLISHED]: Object.freeze([]),
  [WITHDRAWN]: Object.freeze([]),
});

/** The states a report in `from` may move to (empty for a final state). */
export function allowedTransitions(from: ReportStatus): readonly ReportStatus[] {
  return TRANSITIONS[from];
}

export function isFinal(status: ReportStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

export function canTransition(from: ReportStatus, to: ReportStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Refuses a transition the workflow does not allow, with code INVALID_TRANSITION and the allowed targets. */
export function assertTransition(from: ReportStatus, to: ReportStatus): void {
  if (canTransition(from, to)) return;
  const allowed = [...allowedTransitions(from)];
  const why = isFinal(from)
    ? `${from} is a final state`
    : `from ${from} a report may move only to ${allowed.join(" or ")}`;
  throw new PublicError(`A report cannot move from ${from} to ${to}: ${why}`, ErrorCode.INVALID_TRANSITION, {
    from,
    to,
    allowed,
  });
}

/** The date stamps a transition sets (to today, day precision): entering SUBMITTED or PUBLISHED. */
export function stampsOf(to: ReportStatus): { submittedDate: boolean; publishedDate: boolean } {
  return { submittedDate: to === SUBMITTED, publishedDate: to === PUBLISHED };
}
