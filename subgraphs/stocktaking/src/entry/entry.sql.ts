import type { Viewer } from "./entry.authorization";
import { StocktakingEntry } from "./entry.entity";

/** SQL shared by the entries' set-based reads (entry.queries.ts) and loaders (entry.loaders.ts). */

/** The columns of an entry, as the entity's properties (alias `e`). */
export const ENTRY_COLUMNS = `e.id, e.title, e.description, e.organisation, e.stakeholder_type AS "stakeholderType",
  e.start_date AS "startDate", e.end_date AS "endDate", e.status, e.rejection_reason AS "rejectionReason", e.url,
  e.submitted_by_agency AS "submittedBy", e.submitted_by_subject AS "submittedBySubject", e.submitted_at AS "submittedAt",
  e.review_started_at AS "reviewStartedAt", e.published_at AS "publishedAt", e.rejected_at AS "rejectedAt",
  e.source_id AS "sourceId"`;

export const toEntry = (row: object): StocktakingEntry => Object.assign(new StocktakingEntry(), row);

/** Collects the parameters of one statement: `add(value)` is its placeholder. */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The condition of what `viewer` may see of entry `e`: published entries, the agency's own, or all. */
export function visibleTo(viewer: Viewer, params: Params): string {
  if (viewer.kind === "moderator") return "TRUE";
  if (viewer.kind === "agency")
    return `(e.status = 'PUBLISHED' OR e.submitted_by_agency = ${params.add(viewer.agency)})`;
  return "e.status = 'PUBLISHED'";
}
