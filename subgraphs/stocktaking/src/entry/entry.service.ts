import { ensureSubmissionSource, NotFoundError, Problems, requireScope, textProblem, type Caller } from "@wsis/shared";
import type { DataSource } from "typeorm";
import { checkCode, codeProblem } from "../known/codes";
import { knownCodes } from "../known/known-codes";
import { idempotencyKeyProblem, idempotent } from "../writes/idempotency";
import { requireModerator } from "./entry.authorization";
import type { StocktakingEntry } from "./entry.entity";
import { StocktakingEntryStatus } from "./entry.enums";
import type { SubmitStocktakingEntryInput } from "./entry-write.input";
import { checkEntry, INPUT_NAMES, RULES } from "./entry-write.args";
import { auditEntries, insertEntries, readEntries, snapshots } from "./entry.store";
import { assertTransition } from "./entry.workflow";

/**
 * The writes of one entry: a submission and its moderation. Each checks the caller first (no statement before),
 * then every field (BAD_USER_INPUT naming each, no statement before either), then writes the entry and its audit entry
 * in one transaction, with the idempotency key if one is given. A refusal writes nothing.
 */
export class EntryService {
  constructor(private readonly ds: DataSource) {}

  async submit(caller: Caller | null, input: SubmitStocktakingEntryInput): Promise<StocktakingEntry> {
    const who = requireScope(caller, "stocktaking:submit", "Submitting a Stocktaking entry");
    const problems = new Problems();
    const fields = checkEntry(
      {
        ...input,
        economies: input.economies ?? [],
        sdgGoals: input.sdgGoals ?? [],
        start: input.start ?? null,
        end: input.end ?? null,
        url: input.url ?? null,
      },
      INPUT_NAMES,
      (name, message) => problems.add(name, message),
    );
    problems.add("input.idempotencyKey", idempotencyKeyProblem(input.idempotencyKey, "input.idempotencyKey"));
    problems.throwIfAny();
    return this.ds.transaction(async (m) => {
      const source = await ensureSubmissionSource(m, who.agency, {
        agencyName: knownCodes.name("agency", who.agency),
        auditField: "stocktaking",
      });
      const { result } = await idempotent(m, {
        caller: who,
        key: input.idempotencyKey ?? null,
        argumentName: "input.idempotencyKey",
        operation: "submitStocktakingEntry",
        payload: fields,
        run: async () => {
          const [id] = await insertEntries(m, who, [fields!], source);
          await auditEntries(m, "submitStocktakingEntry", who, [id]);
          return id;
        },
        keep: (id) => ({ id }),
        replay: async (kept) => (kept as { id: string }).id,
      });
      return (await readEntries(m, [result]))[0];
    });
  }

  /**
   * Moves an entry through moderation (entry.workflow.ts), by a moderator: ITU, which runs the platform, or an
   * administrator. Entering UNDER_REVIEW, PUBLISHED or REJECTED stamps the time; a rejection needs its reason. The row
   * is locked, so concurrent steps on one entry run one after the other, each checked against the state the last left.
   */
  async moderate(
    caller: Caller | null,
    rawId: string,
    to: StocktakingEntryStatus,
    reason: string | null | undefined,
    key: string | null | undefined,
  ): Promise<StocktakingEntry> {
    const who = requireModerator(caller, "Moderating a Stocktaking entry");
    const problems = new Problems();
    problems.add("id", codeProblem("entry", rawId, "id"));
    if (to === StocktakingEntryStatus.REJECTED)
      problems.add("reason", textProblem(reason ?? "", "reason", RULES.reason));
    else if (reason != null)
      problems.add("reason", `Argument "reason" is for a rejection only; leave it out to move the entry to ${to}`);
    problems.add("idempotencyKey", idempotencyKeyProblem(key, "idempotencyKey"));
    problems.throwIfAny();
    const id = checkCode("entry", rawId, "id");
    const why = to === StocktakingEntryStatus.REJECTED ? reason!.trim() : null;
    return this.ds.transaction(async (m) => {
      const { result } = await idempotent(m, {
        caller: who,
        key: key ?? null,
        argumentName: "idempotencyKey",
        operation: "moderateStocktakingEntry",
        payload: { id, to, why },
        run: async () => {
          const [row]: Array<{ status: StocktakingEntryStatus }> = await m.query(
            `SELECT status FROM stocktaking_entry WHERE id = $1 FOR UPDATE`,
            [id],
          );
          if (!row) throw new NotFoundError(`No Stocktaking entry has the id ${id}`, { id });
          assertTransition(row.status, to);
          const [before] = await snapshots(m, [id]);
          await m.query(
            `UPDATE stocktaking_entry SET status = $2,
                    review_started_at = CASE WHEN $2 = 'UNDER_REVIEW' THEN now() ELSE review_started_at END,
                    published_at = CASE WHEN $2 = 'PUBLISHED' THEN now() ELSE published_at END,
                    rejected_at = CASE WHEN $2 = 'REJECTED' THEN now() ELSE rejected_at END,
                    rejection_reason = $3
              WHERE id = $1`,
            [id, to, why],
          );
          await auditEntries(m, "moderateStocktakingEntry", who, [id], new Map([[id, before]]));
          return id;
        },
        keep: (done) => ({ id: done }),
        replay: async (kept) => (kept as { id: string }).id,
      });
      return (await readEntries(m, [result]))[0];
    });
  }
}
