import {
  auditedRecord,
  BadUserInputError,
  ensureSubmissionSource,
  ErrorCode,
  jsonList,
  NotFoundError,
  PublicError,
  recordAudit,
  textProblem,
  type Caller,
} from "@wsis/shared";
import type { DataSource, EntityManager } from "typeorm";
import { requireModerator } from "../entry/entry.authorization";
import { knownCodes } from "../known/known-codes";
import { idempotent } from "../writes/idempotency";
import { PrizeAward } from "./prize-award.entity";
import { PrizeCycle } from "./prize-cycle.entity";
import type { AwardPrizeInput, SavePrizeCycleInput } from "./prize-write.input";
import { checkAward, checkCycle, REMOVAL_REASON } from "./prize-write.args";

/** A cycle with its phases and figures, as the audit trail keeps it. */
const CYCLE_AUDIT = auditedRecord<Record<string, unknown>>(
  "PrizeCycle",
  `SELECT c.year::text AS year, c.title, c.note, c.verified, c.source_id AS "sourceId",
          ${jsonList("json_build_object('phase', p.phase, 'label', p.label, 'start', p.start_date, 'end', p.end_date, 'event', p.event_id, 'place', p.place)", "prize_phase p", "p.cycle_year = c.year", "p.position")} AS phases,
          ${jsonList("json_build_object('kind', f.kind, 'value', f.value, 'qualifier', f.qualifier, 'planned', f.planned)", "prize_figure f", "f.cycle_year = c.year", "f.position")} AS figures
     FROM prize_cycle c WHERE c.year = $1::int`,
);

/** An award, as the audit trail keeps it. */
const AWARD_AUDIT = auditedRecord<Record<string, unknown>>(
  "PrizeAward",
  `SELECT a.id::text AS id, a.cycle_year AS cycle, a.category_key AS category, a.rank, a.entry_id::text AS entry, a.verified,
          a.announcement_url AS "announcementUrl", a.note, a.source_id AS "sourceId"
     FROM prize_award a WHERE a.id = $1::bigint`,
);

function submissionSource(m: EntityManager, agency: string): Promise<string> {
  return ensureSubmissionSource(m, agency, {
    agencyName: knownCodes.name("agency", agency),
    auditField: "stocktaking",
  });
}

/**
 * The prize writes, by the platform's moderator (ITU, which runs the contest, or an administrator): a cycle's phases
 * and figures, and its awards. What the moderator records is the operator's own record: verified, attributed to its
 * submission to the hub. Each write and its audit entry in one transaction; a refusal writes nothing.
 */
export class PrizeService {
  constructor(private readonly ds: DataSource) {}

  async saveCycle(caller: Caller | null, input: SavePrizeCycleInput): Promise<PrizeCycle> {
    const who = requireModerator(caller, "Recording a prize cycle");
    const cycle = checkCycle(input);
    return this.ds.transaction(async (m) => {
      const source = await submissionSource(m, who.agency);
      const [existing]: Array<{ year: number }> = await m.query(
        `SELECT year FROM prize_cycle WHERE year = $1 FOR UPDATE`,
        [input.year],
      );
      const before = existing ? await CYCLE_AUDIT.snapshot(m, String(input.year)) : null;
      await m.query(
        `INSERT INTO prize_cycle (year, title, verified, note, source_id, edited_at) VALUES ($1, $2, true, $3, $4, now())
         ON CONFLICT (year) DO UPDATE SET title = EXCLUDED.title, note = EXCLUDED.note, edited_at = now()`,
        [input.year, cycle.title, cycle.note, source],
      );
      if (!existing) {
        // A new cycle has the categories of the latest one (one per action-line key), as the moderator's record.
        await m.query(
          `INSERT INTO prize_category (cycle_year, category_key, position, name, name_verified, name_source_id, verified, note, source_id)
           SELECT $1, category_key, position, name, name_verified, name_source_id, true, NULL, $2 FROM prize_category
            WHERE cycle_year = (SELECT max(cycle_year) FROM prize_category WHERE cycle_year <> $1)`,
          [input.year, source],
        );
      }
      await m.query(`DELETE FROM prize_phase WHERE cycle_year = $1`, [input.year]);
      await m.query(`DELETE FROM prize_figure WHERE cycle_year = $1`, [input.year]);
      const phases = cycle.phases;
      if (phases.length) {
        await m.query(
          `INSERT INTO prize_phase (cycle_year, position, phase, label, start_date, end_date, event_id, place, verified, source_id)
           SELECT $1, t.position, t.phase, t.label, t.start_date, t.end_date, t.event_id, t.place, true, $2
             FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS t(position, phase, label, start_date, end_date, event_id, place)`,
          [
            input.year,
            source,
            phases.map((_, i) => i + 1),
            phases.map((p) => p.phase),
            phases.map((p) => p.label),
            phases.map((p) => p.startDate),
            phases.map((p) => p.endDate),
            phases.map((p) => p.eventId),
            phases.map((p) => p.place),
          ],
        );
      }
      const figures = input.figures;
      if (figures.length) {
        await m.query(
          `INSERT INTO prize_figure (cycle_year, position, kind, value, qualifier, planned, verified, source_id)
           SELECT $1, t.position, t.kind, t.value, t.qualifier, t.planned, true, $2
             FROM unnest($3::int[], $4::text[], $5::int[], $6::text[], $7::boolean[]) AS t(position, kind, value, qualifier, planned)`,
          [
            input.year,
            source,
            figures.map((_, i) => i + 1),
            figures.map((f) => f.kind),
            figures.map((f) => f.value),
            figures.map((f) => f.qualifier),
            figures.map((f) => f.planned),
          ],
        );
      }
      await CYCLE_AUDIT.recordChange(m, { operation: "savePrizeCycle", id: String(input.year), before, caller: who });
      return m.getRepository(PrizeCycle).findOneByOrFail({ year: input.year });
    });
  }

  async award(caller: Caller | null, input: AwardPrizeInput): Promise<PrizeAward> {
    const who = requireModerator(caller, "Recording a prize award");
    const award = checkAward(input);
    return this.ds.transaction(async (m) => {
      const source = await submissionSource(m, who.agency);
      const { result } = await idempotent(m, {
        caller: who,
        key: input.idempotencyKey ?? null,
        argumentName: "input.idempotencyKey",
        operation: "awardPrize",
        payload: { cycle: input.cycle, rank: input.rank, ...award },
        run: async () => {
          await this.checkAwardable(m, input.cycle, award.category, award.entry);
          const inserted: Array<{ id: string }> = await m.query(
            `INSERT INTO prize_award (cycle_year, category_key, rank, entry_id, verified, announcement_url, note, source_id)
             VALUES ($1, $2, $3, $4, true, $5, $6, $7) ON CONFLICT (cycle_year, category_key, entry_id) DO NOTHING RETURNING id::text AS id`,
            [input.cycle, award.category, input.rank, award.entry, award.announcementUrl, award.note, source],
          );
          if (inserted.length === 0) {
            throw new PublicError(
              `Entry ${award.entry} already has an award in ${award.category} of ${input.cycle}`,
              ErrorCode.CONFLICT,
              { argumentName: "input.entry" },
            );
          }
          await AWARD_AUDIT.recordChange(m, { operation: "awardPrize", id: inserted[0].id, before: null, caller: who });
          return inserted[0].id;
        },
        keep: (id) => ({ id }),
        replay: async (kept) => (kept as { id: string }).id,
      });
      return m.getRepository(PrizeAward).findOneByOrFail({ id: result });
    });
  }

  /** The cycle, its category and a published entry must exist: BAD_USER_INPUT naming each that does not. */
  private async checkAwardable(m: EntityManager, cycle: number, category: string, entry: string): Promise<void> {
    const [row]: Array<{ cycle: boolean; category: boolean; status: string | null }> = await m.query(
      `SELECT EXISTS (SELECT 1 FROM prize_cycle WHERE year = $1) AS cycle,
              EXISTS (SELECT 1 FROM prize_category WHERE cycle_year = $1 AND category_key = $2) AS category,
              (SELECT status FROM stocktaking_entry WHERE id = $3::bigint) AS status`,
      [cycle, category, entry],
    );
    const problems: Array<[string, string]> = [];
    if (!row.cycle)
      problems.push([
        "input.cycle",
        `Argument "input.cycle" names no prize cycle the hub has (${cycle}); record it first (savePrizeCycle)`,
      ]);
    else if (!row.category)
      problems.push(["input.category", `Argument "input.category": the ${cycle} cycle has no category ${category}`]);
    if (row.status === null)
      problems.push(["input.entry", `Argument "input.entry" names no Stocktaking entry (${entry})`]);
    else if (row.status !== "PUBLISHED")
      problems.push([
        "input.entry",
        `Argument "input.entry": entry ${entry} is ${row.status}; only a PUBLISHED entry can be awarded`,
      ]);
    if (problems.length) {
      throw new BadUserInputError(problems.map((p) => p[1]).join("; "), problems[0][0], {
        invalidArguments: problems.map((p) => p[0]),
      });
    }
  }

  async removeAward(caller: Caller | null, rawId: string, reason: string): Promise<PrizeAward> {
    const who = requireModerator(caller, "Removing a prize award");
    const problem = textProblem(reason, "reason", REMOVAL_REASON);
    if (problem) throw new BadUserInputError(problem, "reason");
    if (!/^[1-9][0-9]{0,17}$/.test(rawId.trim()))
      throw new BadUserInputError(
        `Argument "id" has an invalid value ${JSON.stringify(rawId)}; expected an award's id`,
        "id",
      );
    const id = rawId.trim();
    return this.ds.transaction(async (m) => {
      const award = await m.getRepository(PrizeAward).findOne({ where: { id }, lock: { mode: "pessimistic_write" } });
      if (!award) throw new NotFoundError(`No prize award has the id ${id}`, { id });
      const before = await AWARD_AUDIT.snapshot(m, id);
      await m.query(`DELETE FROM prize_award WHERE id = $1`, [id]);
      await recordAudit(m, {
        operation: "removePrizeAward",
        entityType: "PrizeAward",
        entityId: id,
        before,
        after: { removed: true, reason: reason.trim() },
        caller: who,
      });
      return award;
    });
  }
}
