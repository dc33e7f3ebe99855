import { loaderByKey, loaderGroupedByKey, memoised } from "@wsis/shared";
import { In, type DataSource } from "typeorm";
import { readEntities } from "../entity-reader";
import { EconomyMember } from "./economy-member.entity";
import { Economy } from "./economy.entity";

export const economyLoaders = (ds: DataSource) => ({
  /** Every economy (a bounded list of about 300); memoised for the request. */
  economyList: memoised(() => ds.getRepository(Economy).find({ order: { kind: "DESC", name: "ASC" } })),
  economyByCode: loaderByKey(
    (codes: readonly string[]) => readEntities(ds, Economy, "WHERE code = ANY($1)", [[...codes]]),
    (row) => row.code,
  ),
  /**
   * Economies by any of their codes — ISO3 (upper-case) or zero-padded M49 — in one statement for a mix of both. Each
   * row answers under each of its codes, so the entries carry the key they answer.
   */
  economyByAnyCode: loaderByKey(
    async (keys: readonly string[]) => {
      const rows = await readEntities(ds, Economy, "WHERE code = ANY($1) OR m49 = ANY($1)", [[...keys]]);
      return rows.flatMap((economy) => [...new Set([economy.code, economy.m49])].map((key) => ({ key, economy })));
    },
    (entry) => entry.key,
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
