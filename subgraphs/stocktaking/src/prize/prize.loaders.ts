import { loaderByKey, loaderGroupedByKey, memoised } from "@wsis/shared";
import { In, type DataSource } from "typeorm";
import { PrizeAward } from "./prize-award.entity";
import { PrizeCategory } from "./prize-category.entity";
import { PrizeCycle } from "./prize-cycle.entity";
import { PrizeFigure } from "./prize-figure.entity";
import { PrizePhase } from "./prize-phase.entity";

/** A category's key among those of every cycle: `<year>|<action-line code>`. */
export const categoryKey = (year: number, key: string) => `${year}|${key}`;

/** The prizes' DataLoaders: keyed batch reads, results in key order, and the (small, bounded) list of cycles. */
export const prizeLoaders = (ds: DataSource) => ({
  cycleList: memoised(() => ds.getRepository(PrizeCycle).find({ order: { year: "ASC" } })),
  cycleByYear: loaderByKey(
    (years: readonly number[]) => ds.getRepository(PrizeCycle).findBy({ year: In([...years]) }),
    (row) => row.year,
  ),
  phasesByCycle: loaderGroupedByKey(
    (years: readonly number[]) =>
      ds.getRepository(PrizePhase).find({ where: { cycleYear: In([...years]) }, order: { position: "ASC" } }),
    (row) => row.cycleYear,
  ),
  categoriesByCycle: loaderGroupedByKey(
    (years: readonly number[]) =>
      ds.getRepository(PrizeCategory).find({ where: { cycleYear: In([...years]) }, order: { position: "ASC" } }),
    (row) => row.cycleYear,
  ),
  categoryByCycleKey: loaderByKey(
    (keys: readonly string[]) =>
      ds
        .getRepository(PrizeCategory)
        .createQueryBuilder("c")
        .where("(c.cycle_year::text || '|' || c.category_key) = ANY(:keys)", { keys: [...keys] })
        .getMany(),
    (row) => categoryKey(row.cycleYear, row.key),
  ),
  figuresByCycle: loaderGroupedByKey(
    (years: readonly number[]) =>
      ds.getRepository(PrizeFigure).find({ where: { cycleYear: In([...years]) }, order: { position: "ASC" } }),
    (row) => row.cycleYear,
  ),
  awardsByCycle: loaderGroupedByKey(
    (years: readonly number[]) =>
      ds
        .getRepository(PrizeAward)
        .find({ where: { cycleYear: In([...years]) }, order: { categoryKey: "ASC", rank: "DESC", id: "ASC" } }),
    (row) => row.cycleYear,
  ),
  awardsByEntry: loaderGroupedByKey(
    (ids: readonly string[]) =>
      ds.getRepository(PrizeAward).find({ where: { entryId: In([...ids]) }, order: { cycleYear: "DESC", id: "ASC" } }),
    (row) => String(row.entryId),
  ),
});
