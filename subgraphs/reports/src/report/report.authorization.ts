import { UnauthenticatedError, type Caller } from "@wsis/shared";
import type { ReportStatus } from "./report.enums";
import type { Report } from "./report.entity";

/**
 * Decides whether `caller` may move `report` to `to`. Called by ReportService inside the transaction, after the report
 * row is locked and before the workflow rule is checked; it throws (UNAUTHENTICATED, FORBIDDEN) to refuse, and then
 * nothing is written. Returns the authenticated caller.
 */
export type TransitionAuthorizer = (caller: Caller | null, report: Report, to: ReportStatus) => Caller;

/** A write needs a caller forwarded (and signed) by the gateway; anonymous and tampered requests have none. */
export function authenticate(caller: Caller | null): Caller {
  if (!caller) {
    throw new UnauthenticatedError(
      "Changing a report needs an authenticated caller: send the request through the gateway with a bearer token",
    );
  }
  return caller;
}

/**
 * The authorization seam of the report workflow. For now: any authenticated caller may make any transition that the
 * workflow allows.
 *
 * SEAM for the publishing/authorization issue: add the scope checks (`reports:write`; `reports:publish` for
 * `to === PUBLISHED`) and the object-level check (the caller's agency coordinates the report: `report_agency` rows with
 * role COORDINATOR, to be loaded with the same transaction's manager) here, throwing ForbiddenError; or pass another
 * authorizer to `new ReportService(ds, { authorize })`.
 */
export const authorizeTransition: TransitionAuthorizer = (caller, _report, _to) => authenticate(caller);
