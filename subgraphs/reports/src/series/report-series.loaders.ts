import { loaderByKey, memoised } from "@wsis/shared";
import { In, type DataSource } from "typeorm";
import { Report } from "../report/report.entity";
import { ReportSeries } from "./report-series.entity";

export const seriesLoaders = (ds: DataSource) => ({
  /** The catalogue: one series per line of the roadmap's list (small and bounded); memoised for the request. */
  seriesList: memoised(() => ds.getRepository(ReportSeries).find({ order: { position: "ASC" } })),
  seriesById: loaderByKey(
    (ids: readonly string[]) => ds.getRepository(ReportSeries).findBy({ id: In([...ids]) }),
    (row) => row.id,
  ),
  reportCountBySeries: loaderByKey(
    (ids: readonly string[]) =>
      ds
        .getRepository(Report)
        .createQueryBuilder("r")
        .select("r.seriesId", "seriesId")
        .addSelect("count(*)::int", "count")
        .where("r.seriesId IN (:...ids)", { ids: [...ids] })
        .groupBy("r.seriesId")
        .getRawMany<{ seriesId: string; count: number }>(),
    (row) => row.seriesId,
  ),
});
