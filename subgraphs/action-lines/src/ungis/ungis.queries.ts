import type { DataSource } from "typeorm";
import { UngisRole } from "./ungis-role.entity";

/** The set-based reads of UNGIS: the roles the sources name for one year, one statement. */
export class UngisQueries {
  constructor(private readonly ds: DataSource) {}

  /**
   * The roles held in `year`: those whose years cover it (`from_year` to `to_year`; a role without `to_year` covers its
   * `from_year` only, since its end is not known). Chairs first, then by the year each began.
   */
  rolesInYear(year: number): Promise<UngisRole[]> {
    return this.ds
      .getRepository(UngisRole)
      .createQueryBuilder("r")
      .where("r.from_year <= :year AND COALESCE(r.to_year, r.from_year) >= :year", { year })
      .orderBy("r.role", "ASC")
      .addOrderBy("r.from_year", "ASC")
      .addOrderBy("r.agency_id", "ASC")
      .getMany();
  }
}
