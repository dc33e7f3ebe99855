import { loaderByKey, memoised } from "@wsis/shared";
import { In, type DataSource } from "typeorm";
import { ReportTemplate } from "./report-template.entity";

export const templateLoaders = (ds: DataSource) => ({
  /** Every template (small and bounded); memoised for the request. */
  templateList: memoised(() => ds.getRepository(ReportTemplate).find({ order: { position: "ASC" } })),
  templateById: loaderByKey(
    (ids: readonly string[]) => ds.getRepository(ReportTemplate).findBy({ id: In([...ids]) }),
    (row) => row.id,
  ),
});
