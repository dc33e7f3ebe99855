import { loaderGroupedByKey } from "@wsis/shared";
import { In, type DataSource } from "typeorm";
import { UngisRole } from "./ungis-role.entity";

/** UNGIS roles by agency: keyed batch reads, results in key order (the roles of a year: ungis.queries.ts). */
export const ungisLoaders = (ds: DataSource) => ({
  ungisRolesByAgency: loaderGroupedByKey(
    (ids: readonly string[]) =>
      ds
        .getRepository(UngisRole)
        .find({ where: { agencyId: In([...ids]) }, order: { fromYear: "ASC", role: "ASC", sourceId: "ASC" } }),
    (row) => row.agencyId,
  ),
});
