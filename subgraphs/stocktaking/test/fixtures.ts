import { callerAs, type GraphQLResponse, type TestSubgraph } from "@wsis/shared/testing";
import type { SeedCounts } from "../src/seed/seed";

/**
 * TEST FIXTURES. No open dataset of Stocktaking entries exists, so the tests make their own, in their own databases
 * only: every title starts with "TEST FIXTURE" and describes no real project.
 */

export const AS = {
  itu: callerAs("ITU", ["stocktaking:submit"]),
  unesco: callerAs("UNESCO", ["stocktaking:submit"]),
  moderator: callerAs("ITU", ["stocktaking:moderate"], "itu-moderator"),
  admin: callerAs("UNGIS", ["admin"], "hub-admin"),
  /** An agency other than the platform's operator, with the moderation scope. */
  undpModerator: callerAs("UNDP", ["stocktaking:moderate"]),
  otherScopes: callerAs("ITU", ["events:write", "reports:write"]),
};

export interface EntryInput {
  title?: string;
  description?: string;
  organisation?: string;
  stakeholderType?: string;
  actionLines?: string[];
  economies?: string[] | null;
  sdgGoals?: string[] | null;
  start?: string | null;
  end?: string | null;
  url?: string | null;
  idempotencyKey?: string | null;
}

let made = 0;

/** A fixture entry's input: a made-up activity, clearly marked. */
export function fixture(overrides: EntryInput = {}): EntryInput {
  made += 1;
  return {
    title: `TEST FIXTURE ${made}: telemedicine for rural clinics`,
    description: "A test fixture of the hub's tests: teleconsultations between rural clinics and district hospitals.",
    organisation: "Test fixture organisation",
    stakeholderType: "GOVERNMENT",
    actionLines: ["C7.e-health"],
    economies: ["KEN"],
    sdgGoals: ["3"],
    start: "2021-03",
    ...overrides,
  };
}

export const ENTRY_FIELDS = `id title status organisation stakeholderType submittedBy rejectionReason
  actionLines { code } economies { code } sdgGoals { code } start { value } end { value } publishedAt source { id }`;

export interface ServedEntry {
  id: string;
  title: string;
  status: string;
  organisation: string;
  stakeholderType: string;
  submittedBy: string;
  rejectionReason: string | null;
  actionLines: Array<{ code: string }>;
  economies: Array<{ code: string }>;
  sdgGoals: Array<{ code: string }>;
  start: { value: string } | null;
  end: { value: string } | null;
  publishedAt: string | null;
  source: { id: string };
}

export const SUBMIT = `mutation($input: SubmitStocktakingEntryInput!) { submitStocktakingEntry(input: $input) { ${ENTRY_FIELDS} } }`;
export const MODERATE = `mutation($id: ID!, $to: StocktakingEntryStatus!, $reason: String, $key: String) {
  moderateStocktakingEntry(id: $id, to: $to, reason: $reason, idempotencyKey: $key) { ${ENTRY_FIELDS} } }`;

type Sg = TestSubgraph<SeedCounts>;

export async function submit(
  sg: Sg,
  input: EntryInput,
  headers: Record<string, string> = AS.itu,
): Promise<ServedEntry> {
  const res = await sg.query<{ submitStocktakingEntry: ServedEntry }>(SUBMIT, { input }, headers);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.submitStocktakingEntry;
}

export function moderate(
  sg: Sg,
  id: string,
  to: string,
  headers: Record<string, string> = AS.moderator,
  reason?: string,
  key?: string,
): Promise<GraphQLResponse<{ moderateStocktakingEntry: ServedEntry }>> {
  return sg.query<{ moderateStocktakingEntry: ServedEntry }>(MODERATE, { id, to, reason, key }, headers);
}

/** Submits a fixture and has the moderator publish it. */
export async function published(
  sg: Sg,
  input: EntryInput,
  headers: Record<string, string> = AS.itu,
): Promise<ServedEntry> {
  const entry = await submit(sg, input, headers);
  for (const to of ["UNDER_REVIEW", "PUBLISHED"]) {
    const res = await moderate(sg, entry.id, to);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
  }
  return { ...entry, status: "PUBLISHED" };
}

/** The rows of the entries' tables and of the audit trail, to prove that a refusal wrote nothing. */
export async function tableCounts(sg: Sg): Promise<Record<string, unknown>> {
  const [row] = await sg.dataSource.query(`SELECT
    (SELECT count(*) FROM stocktaking_entry)::int AS entries, (SELECT count(*) FROM stocktaking_entry_action_line)::int AS "actionLines",
    (SELECT count(*) FROM stocktaking_entry_economy)::int AS economies, (SELECT count(*) FROM stocktaking_entry_sdg_goal)::int AS goals,
    (SELECT count(*) FROM audit_log)::int AS audits, (SELECT count(*) FROM write_request)::int AS keys,
    (SELECT count(*) FROM prize_award)::int AS awards, (SELECT string_agg(status, ',' ORDER BY id) FROM stocktaking_entry) AS statuses`);
  return row;
}
