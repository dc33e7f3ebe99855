import { upsertRows, upsertSources } from "@wsis/shared";
import type { DataSource, EntityManager } from "typeorm";
import { readPrizeRows } from "./prizes";

export interface SeedCounts {
  cycles: number;
  phases: number;
  categories: number;
  figures: number;
  /** Stocktaking entries seeded: none (no open dataset of the platform's entries exists). */
  entries: number;
  /** Rows inserted or changed by this run (0 on a second run). */
  written: number;
}

/** Reads the shipped data files into rows, checking every code, date, flag and source. */
export function readSeedRows() {
  return readPrizeRows();
}

/**
 * Loads the WSIS Prizes of the research's files, idempotently, in one transaction: a second run writes nothing. A cycle
 * the moderator changed through the hub (edited_at set) is left as the moderator left it, with its phases and figures.
 * No Stocktaking entry and no award is seeded.
 */
export async function seed(dataSource: DataSource): Promise<SeedCounts> {
  const all = readSeedRows();
  const written = await dataSource.transaction(async (m: EntityManager) => {
    const edited = new Set(
      ((await m.query(`SELECT year FROM prize_cycle WHERE edited_at IS NOT NULL`)) as Array<{ year: number }>).map(
        (r) => r.year,
      ),
    );
    const kept = <R extends { cycleYear: number }>(rows: R[]) => rows.filter((r) => !edited.has(r.cycleYear));
    let n = await upsertSources(m, all.sources);
    n += await upsertRows(m, {
      table: "prize_cycle",
      columns: ["year", "title", "verified", "note", "source_id"],
      key: ["year"],
      rows: all.cycles.filter((c) => !edited.has(c.year)),
      values: (r) => [r.year, r.title, r.verified, r.note, r.sourceId],
    });
    n += await upsertRows(m, {
      table: "prize_phase",
      columns: [
        "cycle_year",
        "position",
        "phase",
        "label",
        "start_date",
        "end_date",
        "event_id",
        "place",
        "verified",
        "quote",
        "note",
        "source_id",
      ],
      key: ["cycle_year", "position"],
      rows: kept(all.phases),
      values: (r) => [
        r.cycleYear,
        r.position,
        r.phase,
        r.label,
        r.startDate,
        r.endDate,
        r.eventId,
        r.place,
        r.verified,
        r.quote,
        r.note,
        r.sourceId,
      ],
    });
    n += await upsertRows(m, {
      table: "prize_category",
      columns: [
        "cycle_year",
        "category_key",
        "position",
        "name",
        "name_verified",
        "name_source_id",
        "verified",
        "note",
        "source_id",
      ],
      key: ["cycle_year", "category_key"],
      rows: all.categories,
      values: (r) => [
        r.cycleYear,
        r.key,
        r.position,
        r.name,
        r.nameVerified,
        r.nameSourceId,
        r.verified,
        r.note,
        r.sourceId,
      ],
    });
    n += await upsertRows(m, {
      table: "prize_figure",
      columns: [
        "cycle_year",
        "position",
        "kind",
        "value",
        "qualifier",
        "planned",
        "verified",
        "quote",
        "note",
        "source_id",
      ],
      key: ["cycle_year", "position"],
      rows: kept(all.figures),
      values: (r) => [
        r.cycleYear,
        r.position,
        r.kind,
        r.value,
        r.qualifier,
        r.planned,
        r.verified,
        r.quote,
        r.note,
        r.sourceId,
      ],
    });
    return n;
  });
  return {
    cycles: all.cycles.length,
    phases: all.phases.length,
    categories: all.categories.length,
    figures: all.figures.length,
    entries: 0,
    written,
  };
}
