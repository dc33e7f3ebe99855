import { loaderByKey, loaderGroupedByKey, memoised } from "@wsis/shared";
import { In, type DataSource } from "typeorm";
import { SdgGoal } from "./sdg-goal.entity";
import { SdgIndicator } from "./sdg-indicator.entity";
import { SdgTarget } from "./sdg-target.entity";

export const sdgLoaders = (ds: DataSource) => ({
  sdgGoalList: memoised(() => ds.getRepository(SdgGoal).find({ order: { sortOrder: "ASC" } })),
  sdgGoalByCode: loaderByKey(
    (codes: readonly string[]) => ds.getRepository(SdgGoal).findBy({ code: In([...codes]) }),
    (row) => row.code,
  ),
  sdgTargetByCode: loaderByKey(
    (codes: readonly string[]) => ds.getRepository(SdgTarget).findBy({ code: In([...codes]) }),
    (row) => row.code,
  ),
  sdgIndicatorByCode: loaderByKey(
    (codes: readonly string[]) => ds.getRepository(SdgIndicator).findBy({ code: In([...codes]) }),
    (row) => row.code,
  ),
  sdgTargetsByGoal: loaderGroupedByKey(
    (codes: readonly string[]) =>
      ds.getRepository(SdgTarget).find({ where: { goalCode: In([...codes]) }, order: { sortOrder: "ASC" } }),
    (row) => row.goalCode,
  ),
  sdgIndicatorsByTarget: loaderGroupedByKey(
    (codes: readonly string[]) =>
      ds.getRepository(SdgIndicator).find({ where: { targetCode: In([...codes]) }, order: { sortOrder: "ASC" } }),
    (row) => row.targetCode,
  ),
});
