import type { Caller } from "@wsis/shared";
import { canSee, isModerator, requireModerator, viewerOf } from "../src/entry/entry.authorization";
import { StocktakingEntryStatus } from "../src/entry/entry.enums";
import { allowedTransitions, assertTransition, TRANSITIONS } from "../src/entry/entry.workflow";

const caller = (agency: string, scopes: string[]): Caller => ({ agency, subject: "s", scopes });
const { SUBMITTED, UNDER_REVIEW, PUBLISHED, REJECTED } = StocktakingEntryStatus;

describe("moderation workflow", () => {
  it("allows exactly SUBMITTED → UNDER_REVIEW → PUBLISHED | REJECTED", () => {
    const allowed = Object.values(StocktakingEntryStatus).flatMap((from) =>
      Object.values(StocktakingEntryStatus)
        .filter((to) => TRANSITIONS[from].includes(to))
        .map((to) => `${from}>${to}`),
    );
    expect(allowed).toEqual([
      `${SUBMITTED}>${UNDER_REVIEW}`,
      `${UNDER_REVIEW}>${PUBLISHED}`,
      `${UNDER_REVIEW}>${REJECTED}`,
    ]);
    expect(allowedTransitions(PUBLISHED)).toEqual([]);
    expect(allowedTransitions(REJECTED)).toEqual([]);
  });

  it("refuses every other pair with INVALID_TRANSITION and the allowed steps", () => {
    for (const from of Object.values(StocktakingEntryStatus)) {
      for (const to of Object.values(StocktakingEntryStatus)) {
        if (TRANSITIONS[from].includes(to)) expect(() => assertTransition(from, to)).not.toThrow();
        else
          expect(() => assertTransition(from, to)).toThrow(
            expect.objectContaining({ extensions: expect.objectContaining({ code: "INVALID_TRANSITION", from, to }) }),
          );
      }
    }
  });
});

describe("who sees and who moderates", () => {
  it("moderation is ITU's (the platform's operator) with stocktaking:moderate, or an admin's", () => {
    expect(isModerator(caller("ITU", ["stocktaking:moderate"]))).toBe(true);
    expect(isModerator(caller("UNGIS", ["admin"]))).toBe(true);
    expect(isModerator(caller("UNDP", ["stocktaking:moderate"]))).toBe(false);
    expect(isModerator(caller("ITU", ["stocktaking:submit"]))).toBe(false);
    expect(isModerator(null)).toBe(false);
    expect(() => requireModerator(caller("UNDP", ["stocktaking:moderate"]), "x")).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: "FORBIDDEN" }) }),
    );
    expect(() => requireModerator(null, "x")).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: "UNAUTHENTICATED" }) }),
    );
  });

  it("the public sees published entries; a submitter also its agency's; a moderator all", () => {
    const draft = { status: SUBMITTED, submittedBy: "UNESCO" };
    const done = { status: PUBLISHED, submittedBy: "UNESCO" };
    expect([canSee(viewerOf(null), draft), canSee(viewerOf(null), done)]).toEqual([false, true]);
    expect(canSee(viewerOf(caller("UNESCO", ["stocktaking:submit"])), draft)).toBe(true);
    expect(canSee(viewerOf(caller("ITU", ["stocktaking:submit"])), draft)).toBe(false);
    expect(canSee(viewerOf(caller("UNESCO", ["events:write"])), draft)).toBe(false);
    expect(canSee(viewerOf(caller("ITU", ["stocktaking:moderate"])), draft)).toBe(true);
  });
});
