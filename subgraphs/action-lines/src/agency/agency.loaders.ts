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
  /** Agencies by id in any case ("itu", "un-habitat"), keyed by the lower-cased id (an index on lower(id) answers it). */
  agencyByIdIgnoringCase: loaderByKey(
    (ids: readonly string[]) =>
      ds
        .getRepository(Agency)
        .createQueryBuilder("a")
        .where("lower(a.id) = ANY(:ids)", { ids: [...ids] })
        .getMany(),
    (row) => row.id.toLowerCase(),
  ),
});
