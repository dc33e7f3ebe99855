import { loaderByKey, memoised } from "@wsis/shared";
import { In, type DataSource } from "typeorm";
import { Agency } from "./agency.entity";

export const agencyLoaders = (ds: DataSource) => ({
  /** The whole (small, bounded) list of agencies; memoised for the request. */
  agencyList: memoised(() => ds.getRepository(Agency).find({ order: { id: "ASC" } })),
  agencyById: loaderByKey(
    (ids: readonly string[]) => ds.getRepository(Agency).findBy({ id: In([...ids]) }),
    (row) => row.id,
  ),
});
