import { loaderByKey, loaderGroupedByKey } from "@wsis/shared";
import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { viewerFromKey, viewerKey, type Viewer } from "./entry.authorization";
import { EntryActionLine, EntryEconomy, EntrySdgGoal } from "./entry-link.entity";
import type { StocktakingEntry } from "./entry.entity";
import { ENTRY_COLUMNS, Params, toEntry, visibleTo } from "./entry.sql";

/** The links a reverse list follows: an action line includes its sub-lines ("C7" lists the entries of "C7.e-health"). */
const REVERSE = {
  actionLine: "l.action_line_code = k.code OR l.action_line_code LIKE k.code || '.%'",
  economy: "l.economy_code = k.code",
  sdgGoal: "l.goal_code = k.code",
} as const;
const LINK_TABLE = {
  actionLine: "stocktaking_entry_action_line",
  economy: "stocktaking_entry_economy",
  sdgGoal: "stocktaking_entry_sdg_goal",
};

/** The key of a reverse list: who sees it, how many, of which code. */
export const reverseKey = (viewer: Viewer, first: number, code: string) => `${viewerKey(viewer)}|${first}|${code}`;

/**
 * The newest `first` entries `viewer` may see for each code: one statement for every code asked for in a tick (a
 * LATERAL join of the codes with their entries, LIMIT per code). Keys are `reverseKey`s; a request has one viewer,
 * and usually one `first`, so one statement.
 */
function reverseLoader(ds: DataSource, link: keyof typeof REVERSE): DataLoader<string, StocktakingEntry[]> {
  return new DataLoader<string, StocktakingEntry[]>(async (keys) => {
    const groups = new Map<string, { viewer: Viewer; first: number; codes: string[] }>();
    for (const key of keys) {
      const [viewer, first, code] = key.split("|");
      const group = groups.get(`${viewer}|${first}`) ?? {
        viewer: viewerFromKey(viewer),
        first: Number(first),
        codes: [],
      };
      group.codes.push(code);
      groups.set(`${viewer}|${first}`, group);
    }
    const found = new Map<string, StocktakingEntry[]>();
    for (const [prefix, group] of groups) {
      const p = new Params();
      const rows: Array<{ code: string }> = await ds.query(
        `SELECT k.code, e.* FROM unnest(${p.add(group.codes)}::text[]) AS k(code)
         CROSS JOIN LATERAL (
           SELECT ${ENTRY_COLUMNS} FROM stocktaking_entry e
            WHERE ${visibleTo(group.viewer, p)}
              AND EXISTS (SELECT 1 FROM ${LINK_TABLE[link]} l WHERE l.entry_id = e.id AND (${REVERSE[link]}))
            ORDER BY e.id DESC LIMIT ${p.add(group.first)}
         ) e`,
        p.values,
      );
      for (const { code, ...row } of rows) {
        const list = found.get(`${prefix}|${code}`) ?? [];
        list.push(toEntry(row));
        found.set(`${prefix}|${code}`, list);
      }
    }
    return keys.map((key) => found.get(key) ?? []);
  });
}

/** The entries' DataLoaders: keyed batch reads, results in key order (pages and counts are in entry.queries.ts). */
export const entryLoaders = (ds: DataSource) => ({
  /** Entries by id, whoever may see them: the resolvers check what the caller may see. */
  entryById: loaderByKey(
    async (ids: readonly string[]) =>
      (
        (await ds.query(`SELECT ${ENTRY_COLUMNS} FROM stocktaking_entry e WHERE e.id = ANY($1::bigint[])`, [
          ids,
        ])) as object[]
      ).map(toEntry),
    (row) => String(row.id),
  ),
  actionLinesByEntry: loaderGroupedByKey(
    (ids: readonly string[]) =>
      ds.getRepository(EntryActionLine).find({ where: { entryId: In([...ids]) }, order: { position: "ASC" } }),
    (row) => String(row.entryId),
  ),
  economiesByEntry: loaderGroupedByKey(
    (ids: readonly string[]) =>
      ds.getRepository(EntryEconomy).find({ where: { entryId: In([...ids]) }, order: { position: "ASC" } }),
    (row) => String(row.entryId),
  ),
  sdgGoalsByEntry: loaderGroupedByKey(
    (ids: readonly string[]) =>
      ds.getRepository(EntrySdgGoal).find({ where: { entryId: In([...ids]) }, order: { position: "ASC" } }),
    (row) => String(row.entryId),
  ),
  entriesByActionLine: reverseLoader(ds, "actionLine"),
  entriesByEconomy: reverseLoader(ds, "economy"),
  entriesBySdgGoal: reverseLoader(ds, "sdgGoal"),
});
