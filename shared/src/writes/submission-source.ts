import type { EntityManager } from "typeorm";

/**
 * What an agency enters through the hub is attributed to its submission source, `hub-submission-<agency>`, made on its
 * first write (in the write's transaction) in the subgraph's `source` table. Who and when are in the audit log.
 */
export function submissionSourceId(agency: string): string {
  return `hub-submission-${agency.toLowerCase()}`;
}

/**
 * Makes the agency's submission source if it does not exist yet (one statement) and returns its id. `agencyName` is
 * the agency's name where the subgraph knows it (its known codes); `auditField` names the subgraph's field of
 * `auditLog`, where the writes attributed to the source are found.
 */
export async function ensureSubmissionSource(
  m: EntityManager,
  agency: string,
  options: { agencyName?: string | null; auditField: string },
): Promise<string> {
  const id = submissionSourceId(agency);
  const name = options.agencyName ?? null;
  await m.query(
    `INSERT INTO source (id, title, publisher, url, licence, note) VALUES ($1, $2, $3, NULL, 'none declared', $4)
     ON CONFLICT (id) DO NOTHING`,
    [
      id,
      `Submitted to the WSIS Hub by ${name ? `${name} (${agency})` : agency}`,
      name ?? agency,
      `Entered through the hub's publishing API by an authenticated user of the agency; who and when are in the audit log (auditLog.${options.auditField})`,
    ],
  );
  return id;
}
