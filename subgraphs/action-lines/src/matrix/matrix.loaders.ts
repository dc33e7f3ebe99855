import { loaderGroupedByKey } from "@wsis/shared";
import { In, type DataSource } from "typeorm";
import { MatrixLink } from "./matrix-link.entity";

const byOrder = { sortOrder: "ASC" } as const;

export const matrixLoaders = (ds: DataSource) => ({
  matrixLinksByActionLine: loaderGroupedByKey(
    (codes: readonly string[]) =>
      ds.getRepository(MatrixLink).find({ where: { actionLineCode: In([...codes]) }, order: byOrder }),
    (row) => row.actionLineCode,
  ),
  matrixLinksByGoal: loaderGroupedByKey(
    (codes: readonly string[]) =>
      ds.getRepository(MatrixLink).find({ where: { goalCode: In([...codes]) }, order: byOrder }),
    (row) => row.goalCode,
  ),
  matrixLinksByTarget: loaderGroupedByKey(
    (codes: readonly string[]) =>
      ds.getRepository(MatrixLink).find({ where: { targetCode: In([...codes]) }, order: byOrder }),
    (row) => row.targetCode ?? "",
  ),
});
