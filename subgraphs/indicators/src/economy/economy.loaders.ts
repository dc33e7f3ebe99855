import { loaderByKey, loaderGroupedByKey, memoised } from "@wsis/shared";
import { In, type DataSource } from "typeorm";
import { EconomyMember } from "./economy-member.entity";
import { Economy } from "./economy.entity";

export const economyLoaders = (ds: DataSource) => ({
  /** Every economy (a bounded list of about 300); memoised for the request. */
  economyList: memoised(() => ds.getRepository(Economy).find({ order: { kind: "DESC", name: "ASC" } })),
  economyByCode: loaderByKey(
    (codes: readonly string[]) => ds.getRepository(Economy).findBy({ code: In([...codes]) }),
    (row) => row.code,
  ),
  economyByM49: loaderByKey(
    (codes: readonly string[]) => ds.getRepository(Economy).findBy({ m49: In([...codes]) }),
    (row) => row.m49,
  ),
  membersByAggregate: loaderGroupedByKey(
    (codes: readonly string[]) => ds.getRepository(EconomyMember).findBy({ aggregateCode: In([...codes]) }),
    (row) => row.aggregateCode,
  ),
  aggregatesByMember: loaderGroupedByKey(
    (codes: readonly string[]) => ds.getRepository(EconomyMember).findBy({ memberCode: In([...codes]) }),
    (row) => row.memberCode,
  ),
});
