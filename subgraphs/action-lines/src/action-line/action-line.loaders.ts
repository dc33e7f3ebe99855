import { loaderByKey, loaderGroupedByKey, memoised } from "@wsis/shared";
import { In, type DataSource } from "typeorm";
import { ActionLine } from "./action-line.entity";
import { Facilitation } from "./facilitation.entity";

export const actionLineLoaders = (ds: DataSource) => ({
  actionLineList: memoised(() => ds.getRepository(ActionLine).find({ order: { sortOrder: "ASC" } })),
  actionLineByCode: loaderByKey(
    (codes: readonly string[]) => ds.getRepository(ActionLine).findBy({ code: In([...codes]) }),
    (row) => row.code,
  ),
  actionLinesByParent: loaderGroupedByKey(
    (codes: readonly string[]) =>
      ds.getRepository(ActionLine).find({ where: { parentCode: In([...codes]) }, order: { sortOrder: "ASC" } }),
    (row) => row.parentCode ?? "",
  ),
  facilitationsByActionLine: loaderGroupedByKey(
    (codes: readonly string[]) =>
      ds.getRepository(Facilitation).find({ where: { actionLineCode: In([...codes]) }, order: { position: "ASC" } }),
    (row) => row.actionLineCode,
  ),
  facilitationsByAgency: loaderGroupedByKey(
    (ids: readonly string[]) =>
      ds.getRepository(Facilitation).find({ where: { agencyId: In([...ids]) }, order: { actionLineCode: "ASC" } }),
    (row) => row.agencyId,
  ),
});
