import { ForbiddenError, hasScope, isAdmin, requireCaller, type Caller, type Scope } from "@wsis/shared";
import { ReportStatus } from "./report.enums";
import type { Report } from "./report.entity";

/**
 * Decides whether `caller` may move `report` to `to`. Called by ReportService inside the transaction, after the report
 * row is locked and its coordinators read with the same transaction, and before the workflow rule is checked; it
 * throws (UNAUTHENTICATED, FORBIDDEN) to refuse, and then nothing is written. Returns the authenticated caller.
 */
export type TransitionAuthorizer = (
  caller: Caller | null,
  report: Report,
  to: ReportStatus,
  coordinators: readonly string[],
) => Caller;

/** A write needs a caller forwarded (and signed) by the gateway; anonymous and tampered requests have none. */
export function authenticate(caller: Caller | null): Caller {
  return requireCaller(caller, "Changing a report");
}

/** The scope a transition needs: publishing needs `reports:publish`, every other step `reports:write`. */
export function scopeFor(to: ReportStatus): Scope {
  return to === ReportStatus.PUBLISHED ? "reports:publish" : "reports:write";
}

/**
 * The scope check alone (no database): run before the transaction, so a caller without the scope costs nothing and
 * learns nothing about the report.
 */
export function authorizeScope(caller: Caller | null, to: ReportStatus): Caller {
  const who = authenticate(caller);
  const scope = scopeFor(to);
  if (!hasScope(who, scope)) {
    throw new ForbiddenError(
      to === ReportStatus.PUBLISHED
        ? `Publishing a report needs the scope "reports:publish"; the caller's token does not grant it`
        : `Moving a report to ${to} needs the scope "reports:write"; the caller's token does not grant it`,
    );
  }
  return who;
}

/**
 * The authorization of the report workflow: the scope of the step (`reports:publish` to publish, `reports:write`
 * otherwise; `admin` implies both), and the object-level rule — only an agency that coordinates the report (a
 * `report_agency` row with role COORDINATOR) may move it; `admin` may move any report.
 */
export const authorizeTransition: TransitionAuthorizer = (caller, report, to, coordinators) => {
  const who = authorizeScope(caller, to);
  if (isAdmin(who) || coordinators.includes(who.agency)) return who;
  throw new ForbiddenError(
    coordinators.length === 0
      ? `The report "${report.id}" has no coordinating agency; only an administrator may move it`
      : `${who.agency} does not coordinate the report "${report.id}" (coordinators: ${coordinators.join(", ")}); only they may move it`,
  );
};
