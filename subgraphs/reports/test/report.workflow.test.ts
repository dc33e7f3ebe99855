import { ErrorCode, PublicError } from "@wsis/shared";
import { ReportStatus } from "../src/report/report.enums";
import {
  allowedTransitions,
  assertTransition,
  canTransition,
  isFinal,
  stampsOf,
  TRANSITIONS,
} from "../src/report/report.workflow";

const { PLANNED, DRAFTING, SUBMITTED, PUBLISHED, WITHDRAWN } = ReportStatus;
const ALL = [PLANNED, DRAFTING, SUBMITTED, PUBLISHED, WITHDRAWN];

/** The workflow as the issue states it, written out independently of the table under test. */
const ALLOWED = new Set([
  `${PLANNED}->${DRAFTING}`,
  `${DRAFTING}->${SUBMITTED}`,
  `${SUBMITTED}->${PUBLISHED}`,
  `${SUBMITTED}->${DRAFTING}`,
  `${PLANNED}->${WITHDRAWN}`,
  `${DRAFTING}->${WITHDRAWN}`,
  `${SUBMITTED}->${WITHDRAWN}`,
]);
const pairs = ALL.flatMap((from) => ALL.map((to) => [from, to] as const));

describe("report workflow table", () => {
  it("covers every state and all 25 pairs", () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ALL].sort());
    expect(pairs).toHaveLength(25);
    expect(pairs.filter(([from, to]) => ALLOWED.has(`${from}->${to}`))).toHaveLength(7);
  });

  it.each(pairs.filter(([from, to]) => ALLOWED.has(`${from}->${to}`)))("allows %s → %s", (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(allowedTransitions(from)).toContain(to);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(pairs.filter(([from, to]) => !ALLOWED.has(`${from}->${to}`)))(
    "refuses %s → %s with INVALID_TRANSITION",
    (from, to) => {
      expect(canTransition(from, to)).toBe(false);
      expect(allowedTransitions(from)).not.toContain(to);
      let error: unknown;
      try {
        assertTransition(from, to);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PublicError);
      const { extensions, message } = error as PublicError;
      const { allowed, ...rest } = extensions as { allowed: ReportStatus[] };
      expect(rest).toEqual({ code: ErrorCode.INVALID_TRANSITION, from, to });
      expect([...allowed].sort()).toEqual(ALL.filter((s) => ALLOWED.has(`${from}->${s}`)).sort());
      expect(message).toContain(`from ${from} to ${to}`);
    },
  );

  it("has exactly PUBLISHED and WITHDRAWN as final states", () => {
    expect(ALL.filter(isFinal)).toEqual([PUBLISHED, WITHDRAWN]);
    expect(() => assertTransition(PUBLISHED, WITHDRAWN)).toThrow("PUBLISHED is a final state");
  });

  it("stamps submittedDate on entering SUBMITTED and publishedDate on entering PUBLISHED, nothing else", () => {
    for (const to of ALL) {
      expect(stampsOf(to)).toEqual({ submittedDate: to === SUBMITTED, publishedDate: to === PUBLISHED });
    }
  });

  it("cannot be changed at run time", () => {
    expect(() => (TRANSITIONS[PUBLISHED] as ReportStatus[]).push(DRAFTING)).toThrow();
    expect(canTransition(PUBLISHED, DRAFTING)).toBe(false);
  });
});
