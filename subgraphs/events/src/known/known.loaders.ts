import { loaderByKey } from "@wsis/shared";
import { In, type DataSource } from "typeorm";
import { KnownActionLine } from "./known-action-line.entity";
import { KnownAgency } from "./known-agency.entity";

/** Lookups of the agency ids and action-line codes the hub knows, to tell unknown codes from codes without events. */
export const knownLoaders = (ds: DataSource) => ({
  knownAgencyById: loaderByKey(
    (ids: readonly string[]) => ds.getRepository(KnownAgency).findBy({ id: In([...ids]) }),
    (row) => row.id,
  ),
  knownActionLineByCode: loaderByKey(
    (codes: readonly string[]) => ds.getRepository(KnownActionLine).findBy({ code: In([...codes]) }),
    (row) => row.code,
  ),
});
