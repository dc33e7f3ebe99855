import { BadUserInputError } from "@wsis/shared";
import type { DataSource, SelectQueryBuilder } from "typeorm";
import { Report } from "./report.entity";
import type { ReportKind, ReportStakeholderGroup, ReportStatus } from "./report.enums";

/** A checked filter: every code is known to its owner and spelled as it spells it. */
export interface ReportCriteria {
  kind?: ReportKind | null;
  status?: ReportStatus | null;
  stakeholderGroup?: ReportStakeholderGroup | null;
  series?: string | null;
  economy?: string | null;
  agency?: string | null;
  actionLine?: string | null;
  event?: string | null;
}

/** A position in catalogue order, for keyset pagination. */
export interface ReportPosition {
  sortOrder: number;
  id: string;
}

function matching(ds: DataSource, c: ReportCriteria): SelectQueryBuilder<Report> {
  const qb = ds.getRepository(Report).createQueryBuilder("r").where("TRUE");
  if (c.kind) qb.andWhere("r.kind = :kind", { kind: c.kind });
  if (c.status) qb.andWhere("r.status = :status", { status: c.status });
  if (c.stakeholderGroup) qb.andWhere("r.stakeholderGroup = :group", { group: c.stakeholderGroup });
  if (c.series) qb.andWhere("r.seriesId = :series", { series: c.series });
  if (c.economy) qb.andWhere("r.economyCode = :economy", { economy: c.economy });
  if (c.agency) {
    qb.andWhere("EXISTS (SELECT 1 FROM report_agency ra WHERE ra.report_id = r.id AND ra.agency_id = :agency)", {
      agency: c.agency,
    });
  }
  if (c.actionLine) {
    qb.andWhere(
      "EXISTS (SELECT 1 FROM report_action_line ral WHERE ral.report_id = r.id AND ral.action_line_code = :actionLine)",
      {
        actionLine: c.actionLine,
      },
    );
  }
  if (c.event) {
    qb.andWhere("EXISTS (SELECT 1 FROM report_event re WHERE re.report_id = r.id AND re.event_id = :event)", {
      event: c.event,
    });
  }
  return qb;
}

/** The set-based reads of reports: pages and counts of a checked filter, one statement each. */
export class ReportQueries {
  constructor(private readonly ds: DataSource) {}

  /** One page of the reports matching a checked filter, in catalogue order, after a position. */
  page(c: ReportCriteria, after: ReportPosition | null, limit: number): Promise<Report[]> {
    const qb = matching(this.ds, c);
    if (after)
      qb.andWhere("(r.sortOrder, r.id) > (:afterSortOrder, :afterId)", {
        afterSortOrder: after.sortOrder,
        afterId: after.id,
      });
    return qb.orderBy("r.sortOrder", "ASC").addOrderBy("r.id", "ASC").limit(limit).getMany();
  }

  count(c: ReportCriteria): Promise<number> {
    return matching(this.ds, c).getCount();
  }

  /** BAD_USER_INPUT naming filter.series when the catalogue has no such series. */
  async requireSeries(id: string): Promise<void> {
    const [found] = await this.ds.query(`SELECT 1 FROM report_series WHERE id = $1`, [id]);
    if (!found)
      throw new BadUserInputError(
        `Argument "filter.series" names an unknown series id ${JSON.stringify(id)}`,
        "filter.series",
      );
  }
}
