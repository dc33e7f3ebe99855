import { ErrorCode, PublicError } from "@wsis/shared";
import { StocktakingEntryStatus } from "./entry.enums";

const { SUBMITTED, UNDER_REVIEW, PUBLISHED, REJECTED } = StocktakingEntryStatus;

/**
 * Moderation, as a table: from each state, the states an entry may move to. SUBMITTED → UNDER_REVIEW → PUBLISHED or
 * REJECTED; PUBLISHED and REJECTED are final. Everything not listed is refused.
 */
export const TRANSITIONS: Readonly<Record<StocktakingEntryStatus, readonly StocktakingEntryStatus[]>> = Object.freeze({
  [SUBMITTED]: Object.freeze([UNDER_REVIEW]),
  [UNDER_REVIEW]: Object.freeze([PUBLISHED, REJECTED]),
  [PUBLISHED]: Object.freeze([]),
  [REJECTED]: Object.freeze([]),
});

export function allowedTransitions(from: StocktakingEntryStatus): readonly StocktakingEntryStatus[] {
  return TRANSITIONS[from];
}

/** Refuses a step the workflow does not allow: INVALID_TRANSITION with `from`, `to` and the `allowed` steps. */
export function assertTransition(from: StocktakingEntryStatus, to: StocktakingEntryStatus): void {
  const allowed = TRANSITIONS[from];
  if (allowed.includes(to)) return;
  const why =
    allowed.length === 0 ? `${from} is final` : `from ${from} an entry may move only to ${allowed.join(" or ")}`;
  throw new PublicError(`A Stocktaking entry cannot move from ${from} to ${to}: ${why}`, ErrorCode.INVALID_TRANSITION, {
    from,
    to,
    allowed: [...allowed],
  });
}
